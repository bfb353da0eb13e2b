import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ClauseJson } from '../../shared/api/documents.js';
import { ApiError } from '../api/http.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import type { DocumentPageProps } from '../views/documentExtensions.js';
import { highlight } from './anchors.js';
import { BracketBox } from './bracketsOnPage.js';
import { loadedPanelCode, loadPanelCode, type PanelCode } from './clausePanelCode.js';
import { negotiationError, nt } from './negotiationKit.js';
import { useNegotiation, type NegotiationOnPage } from './negotiationPage.js';
import { hashId } from './scrollToHash.js';
import { SuggestionsBox } from './suggestionsOnPage.js';

export { startAmendment } from './negotiationPage.js';

/**
 * The clause panel beside the text (a bottom sheet on phones): with no clause chosen, how to choose one; else
 * the chosen clause's panel (NegotiationPanel.tsx, loaded on first use: meanwhile its title and, if it takes
 * long, "Loading…"). Escape closes it; the focus lands where the reader's action leads.
 */
export function ClausePanel({ page }: { page: DocumentPageProps }) {
  const n = useNegotiation();
  const section = useRef<HTMLElement>(null);
  const clause = n.view.clauseId ? page.data.clauses.find((c) => c.id === n.view.clauseId) : undefined;
  useFocusKept(section);
  const onKeyDown = (event: KeyboardEvent): void => {
    // Unless a field or a dialog took the key.
    if (event.key !== 'Escape' || event.defaultPrevented || !n.view.clauseId) return;
    event.preventDefault();
    n.close();
  };
  const failed = n.status !== null && n.status !== 'ready' ? n.status.error : null;
  return (
    <section class="clause-panel" aria-labelledby="clause-panel-title" ref={section} onKeyDown={onKeyDown}>
      {failed ? (
        <p role="alert">{failed}</p>
      ) : clause ? (
        <ChosenClause key={clause.id} n={n} clause={clause} />
      ) : (
        <>
          <h2 id="clause-panel-title" tabIndex={-1}>
            {nt('panel.title')}
          </h2>
          <p class="hint">{nt('panel.pick')}</p>
        </>
      )}
    </section>
  );
}

/** The panel's code, asked for when first needed; a failed load says so and may be tried again. */
function usePanelCode(): { code: PanelCode | null; failed: string | null; retry(): void } {
  const [code, setCode] = useState<PanelCode | null>(loadedPanelCode);
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (code) return;
    let alive = true;
    loadPanelCode().then(
      (loaded) => alive && setCode(() => loaded),
      (error: unknown) => alive && setFailed(negotiationError(new ApiError(0, 'network', String(error)))),
    );
    return () => void (alive = false);
  }, [attempt]);
  return { code, failed, retry: () => (setFailed(null), setAttempt((a) => a + 1)) };
}

/** "Loading…" once the wait is long enough to notice (`delay` ms). */
function LoadingLine({ delay = 300 }: { delay?: number }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), delay);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p class="hint panel-loading" role="status">
      {shown ? t('common.loading') : ''}
    </p>
  );
}

function ChosenClause({ n, clause }: { n: NegotiationOnPage; clause: ClauseJson }) {
  const { code, failed, retry } = usePanelCode();
  const { page, view } = n;
  // The focus goes to the panel once it is drawn (its code may still be on its way): a key pressed meanwhile
  // would leave a panel that has nothing to stop on yet.
  useLayoutEffect(() => {
    if (n.focusTitle.current !== clause.id || !(code || failed)) return;
    n.focusTitle.current = null;
    document.getElementById('clause-panel-title')?.focus();
  }, [code, failed]);
  // A link to a comment or an amendment is shown once its panel is drawn.
  useEffect(() => {
    if (!code) return;
    const id = hashId(location.hash);
    if (/^(comment|amendment)-/.test(id))
      requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: 'center' }));
  }, [code]);
  const unread = n.data.unread[clause.id] ?? 0;
  useEffect(() => {
    if (code && view.tab === 'comments' && unread) n.markRead(clause.id);
  }, [code, view.tab, unread]);
  useEffect(() => () => highlight('accord-comment-focus', []), []);
  if (!code)
    return (
      <>
        <h2 id="clause-panel-title" tabIndex={-1}>
          {nt('panel.clauseTitle', { ref: refLabel(clause.ref) })}
        </h2>
        {failed ? (
          <>
            <p class="form-error" role="alert">
              {failed}
            </p>
            <button type="button" class="small" onClick={retry}>
              {t('common.retry')}
            </button>
          </>
        ) : (
          <LoadingLine />
        )}
      </>
    );
  const { NegotiationPanel } = code;
  return (
    <NegotiationPanel
      documentId={page.documentId}
      user={page.user}
      stage={page.data.stage}
      clause={clause}
      tab={view.tab}
      filter={view.filter}
      selection={view.selection?.clauseId === clause.id ? view.selection : null}
      data={n.data}
      drafts={n.drafts}
      actions={n.actions}
      anchors={n.anchors}
      started={view.started}
      boxes={
        <>
          <BracketBox clause={clause} />
          <SuggestionsBox clause={clause} />
        </>
      }
      onTab={(tab) => n.dispatch({ type: 'tab', tab })}
      onFilter={(filter) => n.dispatch({ type: 'filter', filter })}
      onClose={n.close}
      clearSelection={() => n.dispatch({ type: 'unselect' })}
      focusAnchor={(comment) => {
        const range = comment?.anchor?.range;
        const body = page.clauseBody(clause.id);
        highlight('accord-comment-focus', range && body ? [{ body, range }] : []);
        if (range) page.scrollToClause(clause.id, { smooth: true });
      }}
      reloadComments={n.reloadComments}
      reloadAmendments={n.reloadAmendments}
    />
  );
}

/**
 * Others' activity draws the panel again often. When the reader's own action dropped the focus to the page (a
 * send button is disabled while its request runs), it goes back to the field the action came from, ready for
 * the next one; the last element focused in the panel is forgotten when the reader goes elsewhere.
 */
function useFocusKept(section: RefObject<HTMLElement | null>): void {
  const last = useRef('');
  useEffect(() => {
    const panel = section.current!;
    const onIn = (e: FocusEvent): void => void (last.current = (e.target as HTMLElement).id);
    const onOut = (e: FocusEvent): void => {
      if (e.relatedTarget && !panel.contains(e.relatedTarget as Node)) last.current = '';
    };
    const onDown = (e: MouseEvent): void => {
      if (!panel.contains(e.target as Node)) last.current = '';
    };
    panel.addEventListener('focusin', onIn);
    panel.addEventListener('focusout', onOut);
    document.addEventListener('mousedown', onDown);
    return () => {
      panel.removeEventListener('focusin', onIn);
      panel.removeEventListener('focusout', onOut);
      document.removeEventListener('mousedown', onDown);
    };
  }, []);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (!last.current || (active && active !== document.body)) return;
    const id = last.current;
    const again = document.getElementById(id.replace(/-send$/, '')) ?? document.getElementById(id);
    if (again && section.current?.contains(again)) again.focus();
  });
}

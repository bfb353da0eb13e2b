import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ClauseJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { suggestionsIn, type PendingSuggestion } from '../../shared/editor/suggestions.js';
import { getClauseFragment, readClause } from '../../shared/editor/ydoc.js';
import { Actions } from '../api/actions.js';
import { acquire, release } from '../editor/liveCopy.js';
import { errorMessage, t } from '../i18n/index.js';
import type { DocumentPageProps, DocumentParts } from '../views/documentExtensions.js';
import { ActionButton, ActionError } from './actionHooks.js';
import { DelegationTag } from './negotiationParts.js';

/**
 * Suggestions on the document page (docs/negotiation.md, "Suggestion mode"): the open suggestions of the
 * clause in the clause panel, each with the secretariat's "Accept" and "Reject" (and "Accept all" / "Reject
 * all" for the clause) or its delegation's "Withdraw", and their count in the status bar. Both are read from
 * the live copy as it changes, so everyone sees a suggestion the moment it is typed; the decisions are
 * commands, and their result reaches the page as an edit.
 */

/** The open suggestions by clause, as the live copy holds them now. */
export type SuggestionsByClause = ReadonlyMap<string, readonly PendingSuggestion[]>;

/** How many suggestions are open: one per suggestion, however many pieces of text it spans. */
export function suggestionTotal(byClause: SuggestionsByClause): number {
  let total = 0;
  for (const list of byClause.values()) total += new Set(list.map((s) => s.id)).size;
  return total;
}

interface SuggestionsValue {
  page: DocumentPageProps;
  byClause: SuggestionsByClause;
  actions: Actions;
}

const SuggestionsContext = createContext<SuggestionsValue | null>(null);

/**
 * Follows every clause of the document's live copy (a resync brings a new one) for the page's life; a page
 * showing a language version alone has no suggestions.
 */
function SuggestionsProvider({ page, children }: { page: DocumentPageProps; children: ComponentChildren }) {
  const [byClause, setByClause] = useState<SuggestionsByClause>(new Map());
  const actions = useMemo(() => new Actions(), []);
  const on = !page.data.lang;
  const clauseIds = page.data.clauses.map((c) => c.id).join(' ');
  const ids = useRef<string[]>([]);
  ids.current = clauseIds.split(' ').filter(Boolean);
  useEffect(() => {
    if (!on) return;
    const { session } = acquire(page.documentId);
    let stop = (): void => {};
    const watch = (): void => {
      stop();
      const doc = session.doc;
      const read = (clauseId: string): void =>
        setByClause((now) => new Map(now).set(clauseId, suggestionsIn(readClause(doc, clauseId))));
      const stops = ids.current.map((clauseId) => {
        const fragment = getClauseFragment(doc, clauseId);
        const changed = (): void => read(clauseId);
        fragment.observeDeep(changed);
        read(clauseId);
        return () => fragment.unobserveDeep(changed);
      });
      stop = () => stops.forEach((s) => s());
    };
    const offReset = session.on('reset', watch);
    let offSynced = (): void => {};
    if (session.ready) watch();
    else
      offSynced = session.on('synced', () => {
        offSynced();
        watch();
      });
    return () => {
      stop();
      offReset();
      offSynced();
      release(page.documentId);
    };
  }, [page.documentId, on, clauseIds]);
  const value = useMemo(() => ({ page, byClause, actions }), [page, byClause]);
  return <SuggestionsContext.Provider value={on ? value : null}>{children}</SuggestionsContext.Provider>;
}

/** The status bar's count of open suggestions (nothing on a page without them). */
export function SuggestionCount() {
  const value = useContext(SuggestionsContext);
  if (!value) return null;
  return (
    <li class="status-count suggestions" data-status="suggestions">
      <span class="count">{String(suggestionTotal(value.byClause))}</span> {t('suggestions:statusBar')}
    </li>
  );
}

/** The clause panel's list of the clause's open suggestions; nothing where the clause has none. */
export function SuggestionsBox({ clause }: { clause: ClauseJson }) {
  const value = useContext(SuggestionsContext);
  if (!value) return null;
  const { page, actions } = value;
  const list = value.byClause.get(clause.id) ?? [];
  const context = { stage: page.data.stage, clauseStatus: clause.status };
  const decides = can(page.user, 'suggestion.decide', context);
  const withdraws = can(page.user, 'suggestion.withdraw', context);
  const all = `suggestions:${clause.id}`;
  const decideAll = (decision: 'accept' | 'reject') => (
    <ActionButton
      actions={actions}
      name={all}
      class={`link ${decision}-all`}
      onClick={() =>
        void actions.run(all, (send) =>
          send.call(ROUTES.decideAllSuggestions, {
            params: { id: page.documentId },
            body: { decision, clauseId: clause.id },
          }),
        )
      }
    >
      {t(`suggestions:panel.${decision}All`)}
    </ActionButton>
  );
  const headingId = `suggestions-${clause.id}`;
  // A clause without suggestions shows nothing of them: the panel is the comments' and amendments'.
  return (
    <section class="suggestions-box" aria-labelledby={headingId} hidden={list.length === 0}>
      <h3 id={headingId}>
        {t('suggestions:panel.title')}
        {` (${list.length})`}
      </h3>
      {list.length === 0 ? (
        <p class="empty">{t('suggestions:panel.none')}</p>
      ) : (
        <ul class="suggestion-list">
          {list.map((s, i) => (
            <SuggestionItem
              key={`${s.id}-${i}`}
              suggestion={s}
              documentId={page.documentId}
              actions={actions}
              decides={decides}
              withdraws={withdraws && s.delegation === page.user.delegation}
            />
          ))}
        </ul>
      )}
      {decides && list.length > 1 ? (
        <div class="button-row">
          {decideAll('accept')} {decideAll('reject')}
        </div>
      ) : null}
      <ActionError actions={actions} names={[all, ...list.map((s) => `suggestion:${s.id}`)]} format={errorMessage} />
    </section>
  );
}

/** One open suggestion: who made it, its words, and what the reader may do with it. */
function SuggestionItem({
  suggestion: s,
  documentId: id,
  actions,
  decides,
  withdraws,
}: {
  suggestion: PendingSuggestion;
  documentId: string;
  actions: Actions;
  decides: boolean;
  withdraws: boolean;
}) {
  const name = `suggestion:${s.id}`;
  const button = (key: 'accept' | 'reject' | 'withdraw') => (
    <>
      {' '}
      <ActionButton
        actions={actions}
        name={name}
        class={`link ${key}`}
        data-suggestion={s.id}
        onClick={() =>
          void actions.run(name, (send) =>
            key === 'withdraw'
              ? send.call(ROUTES.withdrawSuggestion, { params: { id, suggestionId: s.id } })
              : send.call(ROUTES.decideSuggestion, { params: { id, suggestionId: s.id }, body: { decision: key } }),
          )
        }
      >
        {t(`suggestions:panel.${key}`)}
      </ActionButton>
    </>
  );
  return (
    <li class={`suggestion suggestion-${s.kind}`} data-suggestion={s.id} data-kind={s.kind}>
      {s.delegation ? (
        <DelegationTag code={s.delegation} />
      ) : (
        <span class="by">{t('suggestions:panel.secretariat')}</span>
      )}{' '}
      {s.kind === 'insertion' ? (
        <ins>{t('suggestions:panel.insertion', { text: s.text })}</ins>
      ) : (
        <del>{t('suggestions:panel.deletion', { text: s.text })}</del>
      )}
      {decides ? (
        <>
          {button('accept')}
          {button('reject')}
        </>
      ) : null}
      {withdraws ? button('withdraw') : null}
    </li>
  );
}

/** Suggestion mode's part of the document page: the live copy's suggestions, shown by negotiation's parts. */
export const suggestionParts: DocumentParts = { Provider: SuggestionsProvider };

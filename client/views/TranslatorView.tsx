import '../styles/languages.css';
import '../editor/editor.css';
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { getClauseFragment, getOrder, getVersionFragment } from '../../shared/editor/ydoc.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { originalLanguage } from '../api/languageChoice.js';
import { mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { acquire, release } from '../editor/liveCopy.js';
import type { Notice } from '../editor/editingState.js';
import { afterConnected, closedNotice, CollabNotice } from '../editor/notice.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { languageName } from './languageLabels.js';
import { TranslatorRow, type LiveText, type TranslatorRowContext } from './translatorRow.js';
import { coverageOf, rowProps, translatorReducer, translatorStart, type TranslatorEvent } from './translatorState.js';

/** How long the text must rest before the version's statuses are read again (the original's edits make them stale). */
const REREAD_AFTER_MS = 400;

/**
 * The translator's side-by-side editor of one version (`/documents/:id/translate/:lang`): each clause's
 * original on the left, live and read-only, its version on the right, co-edited live on `clause/<id>/<lang>`
 * through the page's one collab session. Each row shows where the version stands and, stale, the original's
 * word diff since it was marked current; the translator marks it current or draft. Statuses follow live:
 * `translation:status` events, and edits of either text, after which the version is read again.
 */
export async function TranslatorView(documentId: string, lang: LanguageCode): Promise<View> {
  const first = await readVersion(documentId, lang);
  return mountView(
    `${t('languages:translate.title', { name: languageName(lang) })} — ${first.symbol}`,
    <Translator documentId={documentId} lang={lang} user={currentUser()!} first={first} />,
  );
}

const readVersion = (documentId: string, lang: LanguageCode): Promise<DocumentJson> =>
  call(ROUTES.document, { params: { id: documentId }, query: { lang } });

export interface TranslatorProps {
  documentId: string;
  lang: LanguageCode;
  user: SessionUser;
  first: DocumentJson;
}

export function Translator({ documentId, lang, user, first }: TranslatorProps) {
  const [state, dispatch] = useReducer(translatorReducer, first, translatorStart);
  const reread = useVersionReads(documentId, lang, dispatch);
  const [notice, setNotice] = useState<Notice | null>(null);
  const live = useLiveText(documentId, setNotice);
  const { data } = state;
  const originalLang = originalLanguage(data.languages);
  const [actions] = useState(() => new Actions());
  const ctx: TranslatorRowContext = useMemo(
    () => ({ documentId, lang, originalLang, actions, marked: reread }),
    [originalLang],
  );
  // Followed as the page is drawn, so the room is joined with the page, as the live copy is.
  useLayoutEffect(
    () =>
      followDocumentEvents(
        documentId,
        {
          'translation:status': (event) => void (event.lang === lang && reread()),
          // The stage opens or closes the version to its translators; a kind changes the clauses' references.
          'document:stage': () => void reread(),
          'clause:kind': () => void reread(),
        },
        // One of those went out before the page was in the room, or while its connection was down.
        () => void reread(),
      ),
    [documentId, lang],
  );
  useTextWatch(live, data.clauses.map((c) => c.id).join(' '), lang, reread);
  const name = languageName(lang);
  return (
    <section class="translator-page" data-lang={lang}>
      <header class="translator-head">
        <a class="translator-back" href={`/documents/${encodeURIComponent(documentId)}`}>
          {t('languages:translate.back')}
        </a>
        <p class="document-meta">
          <span class="symbol">{data.symbol}</span> {data.title}
        </p>
        <h1>{t('languages:translate.title', { name })}</h1>
        <p class="translation-coverage" role="status">
          {coverageOf(data, lang)}
        </p>
        <p class="translator-intro">{t('languages:translate.intro')}</p>
        <div class="translation-columns-head" aria-hidden="true">
          <span>{t('languages:translate.original', { name: languageName(originalLang) })}</span>
          <span>{name}</span>
        </div>
        <CollabNotice notice={notice} />
      </header>
      <div class="translation-rows">
        {data.clauses.map((clause) => (
          <TranslatorRow key={clause.id} props={rowProps(data, user, lang, clause)} ctx={ctx} live={live} />
        ))}
      </div>
    </section>
  );
}

/** Reads the version again; a read that fails leaves the rows as they were, for the next change to retry. */
function useVersionReads(documentId: string, lang: LanguageCode, dispatch: (event: TranslatorEvent) => void) {
  const reads = useRef(0);
  return useMemo(
    () => async (): Promise<void> => {
      const read = ++reads.current;
      dispatch({ type: 'reading', read });
      const data = await readVersion(documentId, lang).catch(() => null);
      if (data) dispatch({ type: 'read', read, data });
    },
    [documentId, lang],
  );
}

/**
 * The page's live copy for its life (let go when it is left), and the copy its editors are bound to once it
 * has synced. Every reconnection syncs again: the editors stay, unless a resync replaced the copy.
 */
function useLiveText(
  documentId: string,
  setNotice: (change: (notice: Notice | null) => Notice | null) => void,
): LiveText | null {
  const [copy] = useState(() => acquire(documentId));
  const { session } = copy;
  const current = (): LiveText => ({ doc: session.doc, awareness: session.awareness });
  const [live, setLive] = useState<LiveText | null>(() => (session.ready ? current() : null));
  useLayoutEffect(() => {
    const synced = (): void => setLive((shown) => (shown?.doc === session.doc ? shown : current()));
    const off = [
      session.on('synced', synced),
      session.on('closed', (close) => setNotice(() => closedNotice(close))),
      session.on('status', (status) => status === 'connected' && setNotice(afterConnected)),
    ];
    // Synced between the first draw and now: the editors mount on it all the same.
    if (session.ready) synced();
    return () => {
      off.forEach((fn) => fn());
      release(documentId);
    };
  }, []);
  return live;
}

/**
 * What turns a status: either text of a clause, and the order. Once the text rests (`REREAD_AFTER_MS`), the
 * version is read again.
 */
function useTextWatch(live: LiveText | null, clauseIds: string, lang: LanguageCode, reread: () => Promise<void>) {
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void reread(), REREAD_AFTER_MS);
    };
    const ids = clauseIds ? clauseIds.split(' ') : [];
    const watched = [
      getOrder(live.doc),
      ...ids.flatMap((id) => [getClauseFragment(live.doc, id), getVersionFragment(live.doc, id, lang)]),
    ];
    for (const type of watched) type.observeDeep(soon);
    return () => {
      clearTimeout(timer);
      for (const type of watched) type.unobserveDeep(soon);
    };
  }, [live, clauseIds, lang]);
}

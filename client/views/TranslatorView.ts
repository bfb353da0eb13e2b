import '../styles/languages.css';
import '../editor/editor.css';
import type { DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { decide } from '../../shared/domain/permissions.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { getClauseFragment, getOrder, getVersionFragment } from '../../shared/editor/ydoc.js';
import { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { originalLanguage } from '../api/languageChoice.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { h, replaceChildren } from '../dom.js';
import { acquire, release, type LiveCopy } from '../editor/liveCopy.js';
import { CollabNotice } from '../editor/notice.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { asActor, coverageText, languageName } from './languageLabels.js';
import { TranslatorRow, type TranslatorRowContext, type TranslatorRowProps } from './translatorRow.js';

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
  const page = new TranslatorPage(documentId, lang, currentUser()!, first);
  return {
    title: `${t('languages:translate.title', { name: languageName(lang) })} — ${first.symbol}`,
    el: page.el,
    destroy: () => page.destroy(),
  };
}

const readVersion = (documentId: string, lang: LanguageCode): Promise<DocumentJson> =>
  call(ROUTES.document, { params: { id: documentId }, query: { lang } });

class TranslatorPage {
  readonly el: HTMLElement;
  private readonly live: LiveCopy;
  private readonly rows = new Map<string, TranslatorRow>();
  private readonly list = h('div', { class: 'translation-rows' });
  private readonly coverage = h('p', { class: 'translation-coverage', role: 'status' });
  private readonly notice = new CollabNotice();
  private readonly context: TranslatorRowContext;
  private readonly cleanups: (() => void)[] = [];
  /** Reads overlap (a mark, then an edit of the original): only the latest answer is shown. */
  private reads = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private mountedOn: unknown;
  private unwatch = (): void => {};

  constructor(
    private readonly documentId: string,
    private readonly lang: LanguageCode,
    private readonly user: SessionUser,
    private data: DocumentJson,
  ) {
    this.live = acquire(documentId);
    const originalLang = originalLanguage(data.languages);
    this.context = { documentId, lang, originalLang, actions: new Actions(), marked: () => this.reread() };
    this.el = this.frame(originalLang);
    this.build();
    this.showCoverage();
    const { session } = this.live;
    this.cleanups.push(
      session.on('synced', () => this.mountAll()),
      session.on('closed', (close) => this.notice.closed(close)),
      session.on('status', (status) => status === 'connected' && this.notice.connected()),
      followDocumentEvents(documentId, {
        'translation:status': (event) => {
          if (event.lang === lang) void this.reread();
        },
        // The stage opens or closes the version to its translators; a kind changes the clauses' references.
        'document:stage': () => void this.reread(),
        'clause:kind': () => void this.reread().then(() => this.build()),
      }),
    );
  }

  private frame(originalLang: string): HTMLElement {
    const name = languageName(this.lang);
    return h(
      'section',
      { class: 'translator-page', 'data-lang': this.lang },
      h(
        'header',
        { class: 'translator-head' },
        h(
          'a',
          { class: 'translator-back', href: `/documents/${encodeURIComponent(this.documentId)}` },
          t('languages:translate.back'),
        ),
        h('p', { class: 'document-meta' }, h('span', { class: 'symbol' }, this.data.symbol), ' ', this.data.title),
        h('h1', null, t('languages:translate.title', { name })),
        this.coverage,
        h('p', { class: 'translator-intro' }, t('languages:translate.intro')),
        h(
          'div',
          { class: 'translation-columns-head', 'aria-hidden': 'true' },
          h('span', null, t('languages:translate.original', { name: languageName(originalLang) })),
          h('span', null, name),
        ),
        this.notice.el,
      ),
      this.list,
    );
  }

  private propsOf(clauseId: string): TranslatorRowProps {
    const actor = asActor(this.user);
    const context = { stage: this.data.stage, language: this.lang };
    const write = decide(actor, 'translation.write', context);
    return {
      clause: this.data.clauses.find((c) => c.id === clauseId)!,
      mayMark: decide(actor, 'translation.status', context).allowed,
      readOnly: write.allowed ? null : t(`collab:reason.${write.reason}`),
    };
  }

  /** A row per clause as they stand; a clause inserted, moved or deleted builds them again. */
  private build(): void {
    for (const row of this.rows.values()) row.destroy();
    this.rows.clear();
    for (const clause of this.data.clauses)
      this.rows.set(clause.id, new TranslatorRow(this.propsOf(clause.id), this.context));
    replaceChildren(
      this.list,
      [...this.rows.values()].map((row) => row.el),
    );
    if (this.live.session.ready) this.mountAll(true);
  }

  private showCoverage(): void {
    const version = this.data.languages?.find((l) => l.code === this.lang);
    this.coverage.textContent = version ? coverageText(version) : '';
  }

  /** Reads the version again; a reading that fails leaves the rows as they were, for the next change to retry. */
  private async reread(): Promise<void> {
    const mine = ++this.reads;
    const next = await readVersion(this.documentId, this.lang).catch(() => null);
    if (mine !== this.reads || !next) return;
    const rebuilt = next.clauses.map((c) => c.id).join(' ') !== this.data.clauses.map((c) => c.id).join(' ');
    this.data = next;
    this.showCoverage();
    if (rebuilt) return this.build();
    for (const [id, row] of this.rows) row.update(this.propsOf(id));
  }

  private readonly rereadSoon = (): void => {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reread(), REREAD_AFTER_MS);
  };

  /** The editors on the live copy, and a watch on what turns a status: either text of a clause, and the order. */
  private mountAll(force = false): void {
    const { doc, awareness } = this.live.session;
    // Every reconnection syncs again: the editors stay, unless a resync replaced the copy they are bound to.
    if (doc === this.mountedOn && !force) return;
    this.mountedOn = doc;
    this.unwatch();
    const watched = [
      getOrder(doc),
      ...this.data.clauses.flatMap((c) => [getClauseFragment(doc, c.id), getVersionFragment(doc, c.id, this.lang)]),
    ];
    for (const type of watched) type.observeDeep(this.rereadSoon);
    this.unwatch = () => watched.forEach((type) => type.unobserveDeep(this.rereadSoon));
    for (const row of this.rows.values()) row.mount(doc, awareness);
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.unwatch();
    this.cleanups.forEach((fn) => fn());
    for (const row of this.rows.values()) row.destroy();
    release(this.documentId);
  }
}

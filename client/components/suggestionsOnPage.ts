import type * as Y from 'yjs';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { suggestionsIn, type PendingSuggestion } from '../../shared/editor/suggestions.js';
import { getClauseFragment, readClause } from '../../shared/editor/ydoc.js';
import { Actions } from '../api/actions.js';
import { acquire, release, type LiveCopy } from '../editor/liveCopy.js';
import { h } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import type { DocumentPage } from '../views/DocumentView.js';
import { actionButton, actionError } from './actionControls.js';
import { delegationTag } from './negotiationKit.js';

/**
 * Suggestions on the document page (docs/negotiation.md, "Suggestion mode"): the open suggestions of the
 * clause in the clause panel, each with the secretariat's "Accept" and "Reject" (and "Accept all" / "Reject
 * all" for the clause) or its delegation's "Withdraw", and their count in the status bar. Both are read from
 * the live copy as it changes, so everyone sees a suggestion the moment it is typed; the decisions are
 * commands, and their result reaches the page as an edit.
 */
class SuggestionsOnPage {
  private readonly live: LiveCopy;
  private readonly actions = new Actions();
  private readonly boxes = new Map<string, HTMLElement>();
  private readonly counts = new Map<string, number>();
  private readonly countEl = h('span', { class: 'count' }, '0');
  readonly count = h(
    'li',
    { class: 'status-count suggestions', 'data-status': 'suggestions' },
    this.countEl,
    ' ',
    t('suggestions:statusBar'),
  );
  private watched: { doc: Y.Doc; stop: () => void } | undefined;
  private readonly offReset: () => void;
  private offSynced: (() => void) | undefined;

  constructor(private readonly page: DocumentPage) {
    this.live = acquire(page.documentId);
    const { session } = this.live;
    const watch = (): void => this.watch();
    this.offReset = session.on('reset', watch);
    if (session.ready) watch();
    else {
      const off = session.on('synced', () => {
        off();
        watch();
      });
      this.offSynced = off;
    }
  }

  /** The clause's box in the panel: the same element each time, kept up to date. */
  box(clauseId: string): HTMLElement {
    let box = this.boxes.get(clauseId);
    if (!box) {
      box = h('section', { class: 'suggestions-box', 'aria-labelledby': `suggestions-${clauseId}` });
      this.boxes.set(clauseId, box);
      this.draw(clauseId);
    }
    return box;
  }

  destroy(): void {
    this.watched?.stop();
    this.offReset();
    this.offSynced?.();
    release(this.page.documentId);
  }

  /** Follows every clause of the live copy (a resync brings a new one). */
  private watch(): void {
    this.watched?.stop();
    const doc = this.live.session.doc;
    const stops = [...this.page.clauses.keys()].map((clauseId) => {
      const fragment = getClauseFragment(doc, clauseId);
      const changed = (): void => this.changed(clauseId);
      fragment.observeDeep(changed);
      this.changed(clauseId);
      return () => fragment.unobserveDeep(changed);
    });
    this.watched = { doc, stop: () => stops.forEach((stop) => stop()) };
  }

  private pending(clauseId: string): PendingSuggestion[] {
    return this.watched ? suggestionsIn(readClause(this.watched.doc, clauseId)) : [];
  }

  private changed(clauseId: string): void {
    this.counts.set(clauseId, new Set(this.pending(clauseId).map((s) => s.id)).size);
    this.countEl.textContent = String([...this.counts.values()].reduce((a, b) => a + b, 0));
    if (this.boxes.has(clauseId)) this.draw(clauseId);
  }

  private draw(clauseId: string): void {
    const box = this.boxes.get(clauseId)!;
    const { page } = this;
    const status = page.clauses.get(clauseId)?.clause.status;
    const context = { stage: page.data.stage, ...(status ? { clauseStatus: status } : {}) };
    const decides = can(page.user, 'suggestion.decide', context);
    const withdraws = can(page.user, 'suggestion.withdraw', context);
    const list = this.pending(clauseId);
    const decideAll = (decision: 'accept' | 'reject'): HTMLElement =>
      actionButton(
        this.actions,
        `suggestions:${clauseId}`,
        { class: `link ${decision}-all` },
        t(`suggestions:panel.${decision}All`),
        (send) =>
          send.call(ROUTES.decideAllSuggestions, { params: { id: page.documentId }, body: { decision, clauseId } }),
      );
    // A clause without suggestions shows nothing of them: the panel is the comments' and amendments'.
    box.hidden = list.length === 0;
    box.replaceChildren(
      h('h3', { id: `suggestions-${clauseId}` }, t('suggestions:panel.title'), ` (${list.length})`),
      list.length === 0
        ? h('p', { class: 'empty' }, t('suggestions:panel.none'))
        : h(
            'ul',
            { class: 'suggestion-list' },
            list.map((s) => this.item(s, decides, withdraws && s.delegation === page.user.delegation)),
          ),
      decides && list.length > 1 ? h('div', { class: 'button-row' }, decideAll('accept'), decideAll('reject')) : '',
      actionError(this.actions, [`suggestions:${clauseId}`, ...list.map((s) => `suggestion:${s.id}`)], errorMessage),
    );
  }

  private item(s: PendingSuggestion, decides: boolean, withdraws: boolean): HTMLElement {
    const id = this.page.documentId;
    const button = (key: 'accept' | 'reject' | 'withdraw'): HTMLElement =>
      actionButton(
        this.actions,
        `suggestion:${s.id}`,
        { class: `link ${key}`, 'data-suggestion': s.id },
        t(`suggestions:panel.${key}`),
        (send) =>
          key === 'withdraw'
            ? send.call(ROUTES.withdrawSuggestion, { params: { id, suggestionId: s.id } })
            : send.call(ROUTES.decideSuggestion, { params: { id, suggestionId: s.id }, body: { decision: key } }),
      );
    return h(
      'li',
      { class: `suggestion suggestion-${s.kind}`, 'data-suggestion': s.id, 'data-kind': s.kind },
      s.delegation ? delegationTag(s.delegation) : h('span', { class: 'by' }, t('suggestions:panel.secretariat')),
      ' ',
      h(s.kind === 'insertion' ? 'ins' : 'del', null, t(`suggestions:panel.${s.kind}`, { text: s.text })),
      decides ? [' ', button('accept'), ' ', button('reject')] : '',
      withdraws ? [' ', button('withdraw')] : '',
    );
  }
}

const onPages = new Map<string, SuggestionsOnPage>();

/** Registered as a document-page extension (client/features.ts), before the clause panel that shows it. */
export function suggestionsExtension(page: DocumentPage): (() => void) | void {
  if (page.data.lang) return;
  const feature = new SuggestionsOnPage(page);
  onPages.set(page.documentId, feature);
  return () => {
    if (onPages.get(page.documentId) === feature) onPages.delete(page.documentId);
    feature.destroy();
  };
}

/** The clause panel's list of the clause's open suggestions, or nothing where the page has none to show. */
export function clauseSuggestionBox(documentId: string, clauseId: string): HTMLElement | string {
  return onPages.get(documentId)?.box(clauseId) ?? '';
}

/** The status bar's count of open suggestions, or nothing. */
export function suggestionCount(documentId: string): HTMLElement | string {
  return onPages.get(documentId)?.count ?? '';
}

import type { CommentJson } from '../../shared/api/comments.js';
import { dateTime } from '../i18n/dates.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { Stage } from '../../shared/domain/stages.js';
import { can } from '../../shared/domain/permissions.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { actionButton, actionError } from './actionControls.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { keptDrafts, type DraftMap } from './drafts.js';
import { delegationTag, negotiationError, nt } from './negotiationKit.js';
import { watchSessionEnd } from './sessionEnded.js';
import { newCommentForm, pageOf, replyForm } from './commentForms.js';

export type CommentFilter = 'all' | 'open' | 'mine' | 'delegation';

export interface CommentsPanelOptions {
  documentId: string;
  clauseId: string;
  stage: Stage;
  user: SessionUser;
  /** Every comment of the document (the panel shows this clause's threads). */
  comments: CommentJson[];
  filter: CommentFilter;
  onFilter(filter: CommentFilter): void;
  /** The words selected in this clause, if any, to anchor a new comment to. */
  selection: ClauseSelection | null;
  clearSelection(): void;
  /** Offered beside selected words to those who may propose amendments: amend exactly those words instead. */
  amendSelection?: () => void;
  anchors: AnchorMaker;
  /** Highlights one comment's words in the text (or clears with null). */
  focusAnchor(comment: CommentJson | null): void;
  /** Re-reads the comments after a change. */
  reload(): Promise<void>;
  /**
   * The page's unsent texts by form id, kept across re-renders caused by others' activity; the panel also keeps
   * each in the browser's storage for this person and document until it is sent or discarded (`keptDrafts`).
   */
  drafts: DraftMap;
  /** The reader's actions: each button disabled while its request is in flight, its error kept. */
  actions: Actions;
}

/**
 * The comment threads of one clause: filters (open, mine, my delegation), each thread with its quoted words
 * (or a note that they were deleted), replies, resolve/reopen for the secretariat, and a form to comment on
 * the clause or on selected words. Every text is shown as text.
 */
export function CommentsPanel(o: CommentsPanelOptions): HTMLElement {
  const drafts = keptDrafts(o.drafts, { username: o.user.username, documentId: o.documentId });
  watchSessionEnd(o.user.username, pageOf(o));
  const threads = groupThreads(
    o.comments.filter(
      (c) => c.clauseId === o.clauseId || o.comments.find((r) => r.id === c.parentId)?.clauseId === o.clauseId,
    ),
  );
  const visible = threads.filter(([root, replies]) => {
    if (o.filter === 'open') return root.status === 'open';
    if (o.filter === 'mine') return [root, ...replies].some((c) => c.author.username === o.user.username);
    if (o.filter === 'delegation') {
      const code = o.user.delegation;
      return !!code && [root, ...replies].some((c) => c.author.delegation === code || c.mentions.includes(code));
    }
    return true;
  });

  const filters: CommentFilter[] = o.user.delegation ? ['all', 'open', 'mine', 'delegation'] : ['all', 'open', 'mine'];
  const filterSelect = h(
    'select',
    {
      id: `comment-filter-${o.clauseId}`,
      onchange: (e: Event) => o.onFilter((e.target as HTMLSelectElement).value as CommentFilter),
    },
    filters.map((f) => h('option', { value: f, selected: f === o.filter }, nt(`comments.filter.${f}`))),
  );

  const list = visible.length
    ? h(
        'ol',
        { class: 'comment-threads' },
        visible.map(([root, replies]) => h('li', null, thread(o, drafts, root, replies))),
      )
    : h('p', { class: 'hint' }, nt('comments.none'));

  return h(
    'div',
    { class: 'comments-panel' },
    h(
      'p',
      { class: 'panel-filter' },
      h('label', { for: filterSelect.id }, nt('comments.filter.label')),
      ' ',
      filterSelect,
    ),
    list,
    can(o.user, 'comment.create', { stage: o.stage }) ? newCommentForm(o, drafts) : null,
  );
}

/** Threads (first comment, replies) in order of their first comment. */
function groupThreads(comments: CommentJson[]): [CommentJson, CommentJson[]][] {
  const roots = comments.filter((c) => !c.parentId);
  return roots.map((root) => [root, comments.filter((c) => c.parentId === root.id)]);
}

function thread(o: CommentsPanelOptions, drafts: DraftMap, root: CommentJson, replies: CommentJson[]): HTMLElement {
  const secretariat = can(o.user, 'comment.resolve', { stage: o.stage });
  const action = `comment:${root.id}`;
  const toggle = secretariat
    ? actionButton(
        o.actions,
        action,
        { id: `toggle-${root.id}`, class: 'small' },
        nt(root.status === 'open' ? 'comments.resolve' : 'comments.reopen'),
        async (send) => {
          await send.call(root.status === 'open' ? ROUTES.resolveThread : ROUTES.reopenThread, {
            params: { id: root.id },
          });
          await o.reload().catch(() => {});
        },
        { about: [action] },
      )
    : null;
  return h(
    'article',
    { class: `comment-thread status-${root.status}`, 'data-comment-id': root.id },
    root.anchor ? anchorQuote(o, root) : null,
    comment(root),
    replies.length
      ? h(
          'ol',
          { class: 'comment-replies' },
          replies.map((r) => h('li', null, comment(r))),
        )
      : null,
    h(
      'div',
      { class: 'thread-actions' },
      root.status === 'resolved'
        ? h(
            'span',
            { class: 'badge status-resolved' },
            nt('comments.resolvedBy', { name: root.resolvedByName ?? root.resolvedBy ?? '' }),
          )
        : null,
      toggle,
    ),
    can(o.user, 'comment.create', { stage: o.stage }) ? replyForm(o, drafts, root) : null,
    actionError(o.actions, [action, `reply:${root.id}`], negotiationError),
  );
}

function anchorQuote(o: CommentsPanelOptions, root: CommentJson): HTMLElement {
  const anchor = root.anchor!;
  if (anchor.status === 'deleted') {
    return h(
      'p',
      { class: 'anchor anchor-deleted' },
      h('span', { class: 'anchor-note' }, nt('comments.anchorDeleted')),
      ' ',
      h('q', null, anchor.quote),
    );
  }
  const changed = anchor.currentQuote !== anchor.quote;
  return h(
    'p',
    { class: 'anchor' },
    h(
      'button',
      {
        type: 'button',
        class: 'link anchor-link',
        title: nt('comments.showWords'),
        onclick: () => o.focusAnchor(root),
      },
      h('q', null, anchor.currentQuote),
    ),
    changed ? h('span', { class: 'anchor-note' }, ' ', nt('comments.anchorChanged', { quote: anchor.quote })) : null,
  );
}

/** One comment: author, delegation, time, and its body as text with @mentions marked. */
function comment(c: CommentJson): HTMLElement {
  const parts: (string | HTMLElement)[] = [];
  let last = 0;
  for (const match of c.body.matchAll(/@([A-Z]{3})\b/g)) {
    if (!c.mentions.includes(match[1]!)) continue;
    parts.push(c.body.slice(last, match.index), h('span', { class: 'mention' }, match[0]));
    last = match.index! + match[0].length;
  }
  parts.push(c.body.slice(last));
  return h(
    'div',
    { class: 'comment', 'data-comment-id': c.id },
    h(
      'p',
      { class: 'comment-meta' },
      h('span', { class: 'comment-author' }, c.author.displayName),
      ' ',
      c.author.delegation
        ? delegationTag(c.author.delegation)
        : h('span', { class: 'role' }, t(`roles.${c.author.role}`)),
      ' · ',
      h('time', { datetime: c.createdAt }, dateTime(c.createdAt)),
    ),
    h('p', { class: 'comment-body' }, parts),
  );
}

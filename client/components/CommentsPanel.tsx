import type { CommentJson } from '../../shared/api/comments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { clauseThreads, filterThreads, filtersFor, type CommentFilter } from '../api/negotiationReducers.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import { ActionButton, ActionError } from './actionHooks.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { NewCommentForm, ReplyForm } from './commentForms.js';
import type { DraftMap } from './drafts.js';
import { negotiationError, nt } from './negotiationKit.js';
import { DelegationTag } from './negotiationParts.js';

export interface CommentsPanelProps {
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
  amendSelection?: (() => void) | undefined;
  anchors: Pick<AnchorMaker, 'anchor'>;
  /** Highlights one comment's words in the text (or clears with null). */
  focusAnchor(comment: CommentJson | null): void;
  /** Re-reads the comments after a change. */
  reload(): Promise<void>;
  /**
   * The page's unsent texts by form id, kept while the panel is closed; the forms also keep each in the
   * browser's storage for this person and document until it is sent or discarded (`keptDrafts`).
   */
  drafts: DraftMap;
  /** The reader's actions: each button disabled while its request is in flight, its error kept. */
  actions: Actions;
}

/**
 * The comment threads of one clause: filters (open, mine, my delegation), each thread with its quoted words
 * (or a note that they were deleted), replies, resolve/reopen for the secretariat, and a form to comment on
 * the clause or on selected words.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { user, clauseId, filter } = props;
  const visible = filterThreads(clauseThreads(props.comments, clauseId), filter, user);
  const canComment = can(user, 'comment.create', { stage: props.stage });
  const filterId = `comment-filter-${clauseId}`;
  return (
    <div class="comments-panel">
      <p class="panel-filter">
        <label for={filterId}>{nt('comments.filter.label')}</label>{' '}
        <select id={filterId} value={filter} onChange={(e) => props.onFilter(e.currentTarget.value as CommentFilter)}>
          {filtersFor(user).map((f) => (
            <option value={f}>{nt(`comments.filter.${f}`)}</option>
          ))}
        </select>
      </p>
      {visible.length ? (
        <ol class="comment-threads">
          {visible.map(([root, replies]) => (
            <li key={root.id} id={`comment-${root.id}`}>
              <Thread {...props} root={root} replies={replies} canComment={canComment} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="hint">{nt('comments.none')}</p>
      )}
      {canComment ? <NewCommentForm {...props} /> : null}
    </div>
  );
}

interface ThreadProps extends CommentsPanelProps {
  root: CommentJson;
  replies: CommentJson[];
  canComment: boolean;
}

/** A thread: its words, its comments, its status and the secretariat's resolve/reopen, and the reply form. */
function Thread(props: ThreadProps) {
  const { root, replies, actions } = props;
  const action = `comment:${root.id}`;
  const toggle = async (send: Sender): Promise<void> => {
    await send.call(root.status === 'open' ? ROUTES.resolveThread : ROUTES.reopenThread, { params: { id: root.id } });
    await props.reload().catch(() => {});
  };
  return (
    <article class={`comment-thread status-${root.status}`} data-comment-id={root.id}>
      {root.anchor ? <AnchorQuote root={root} focusAnchor={props.focusAnchor} /> : null}
      <Comment comment={root} />
      {replies.length ? (
        <ol class="comment-replies">
          {replies.map((r) => (
            <li key={r.id} id={`comment-${r.id}`}>
              <Comment comment={r} />
            </li>
          ))}
        </ol>
      ) : null}
      <div class="thread-actions">
        {root.status === 'resolved' ? (
          <span class="badge status-resolved">
            {nt('comments.resolvedBy', { name: root.resolvedByName ?? root.resolvedBy ?? '' })}
          </span>
        ) : null}
        {can(props.user, 'comment.resolve', { stage: props.stage }) ? (
          <ActionButton
            actions={actions}
            name={action}
            id={`toggle-${root.id}`}
            class="small"
            onClick={() => void actions.run(action, toggle, { about: [action] })}
          >
            {nt(root.status === 'open' ? 'comments.resolve' : 'comments.reopen')}
          </ActionButton>
        ) : null}
      </div>
      {props.canComment ? <ReplyForm {...props} /> : null}
      <ActionError actions={actions} names={[action, `reply:${root.id}`]} format={negotiationError} />
    </article>
  );
}

/** The words a thread is about, as they read now (a button that shows them in the text), or a note they went. */
function AnchorQuote({ root, focusAnchor }: { root: CommentJson; focusAnchor(comment: CommentJson): void }) {
  const anchor = root.anchor!;
  if (anchor.status === 'deleted') {
    return (
      <p class="anchor anchor-deleted">
        <span class="anchor-note">{nt('comments.anchorDeleted')}</span> <q>{anchor.quote}</q>
      </p>
    );
  }
  return (
    <p class="anchor">
      <button type="button" class="link anchor-link" title={nt('comments.showWords')} onClick={() => focusAnchor(root)}>
        <q>{anchor.currentQuote}</q>
      </button>
      {anchor.currentQuote !== anchor.quote ? (
        <span class="anchor-note"> {nt('comments.anchorChanged', { quote: anchor.quote })}</span>
      ) : null}
    </p>
  );
}

/** A comment's body with the @mentions of delegations marked. */
function mentionParts(c: Pick<CommentJson, 'body' | 'mentions'>): { text: string; mention: boolean }[] {
  const parts: { text: string; mention: boolean }[] = [];
  let last = 0;
  for (const match of c.body.matchAll(/@([A-Z]{3})\b/g)) {
    if (!c.mentions.includes(match[1]!)) continue;
    parts.push({ text: c.body.slice(last, match.index), mention: false }, { text: match[0], mention: true });
    last = match.index + match[0].length;
  }
  parts.push({ text: c.body.slice(last), mention: false });
  return parts;
}

/** One comment: author, delegation (or role), time, and its body. */
function Comment({ comment: c }: { comment: CommentJson }) {
  return (
    <div class="comment" data-comment-id={c.id}>
      <p class="comment-meta">
        <span class="comment-author">{c.author.displayName}</span>{' '}
        {c.author.delegation ? (
          <DelegationTag code={c.author.delegation} />
        ) : (
          <span class="role">{t(`roles.${c.author.role}`)}</span>
        )}
        {' · '}
        <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
      </p>
      <p class="comment-body">
        {mentionParts(c).map((part) => (part.mention ? <span class="mention">{part.text}</span> : part.text))}
      </p>
    </div>
  );
}

import { useMemo, useRef, useState } from 'preact/hooks';
import type { CommentJson } from '../../shared/api/comments.js';
import { ROUTES } from '../../shared/api/routes.js';
import { COMMENT_MAX_LENGTH } from '../../shared/domain/comments.js';
import type { RunOptions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { ActionButton, ActionError } from './actionHooks.js';
import type { CommentsPanelProps } from './CommentsPanel.js';
import { keptDrafts } from './drafts.js';
import { negotiationError, nt } from './negotiationKit.js';
import { sayIfSignedOut } from './sessionEnded.js';

/**
 * The forms of the comment panel: a new comment on the clause (or on selected words) and a reply to a thread.
 * Their texts are drafts kept until sent or discarded; what cannot be sent says why before anything is sent.
 */

/** Why a comment cannot be sent as it stands (empty, or longer than the server takes), or null. */
export function commentRefusal(body: string): Error | null {
  const length = body.trim().length;
  if (!length) return new Error(nt('comments.empty'));
  if (length > COMMENT_MAX_LENGTH) return new Error(nt('comments.tooLong', { count: length, max: COMMENT_MAX_LENGTH }));
  return null;
}

/** The document's page, where the panel (and so the drafts) are: the way back after signing in again. */
export const pageOf = (documentId: string): string => `/documents/${encodeURIComponent(documentId)}`;

/**
 * A comment box kept as the draft `id`: its text, and its submit — refused with the reason before anything is
 * sent when empty or too long; once sent, the draft goes, the threads are read again and the focus lands in
 * the box (ready for the next), never on the page's body. A session that ended is said, and the draft stays.
 */
function useCommentBox(
  props: CommentsPanelProps,
  id: string,
  action: string,
  post: (sender: Sender, body: string) => Promise<void>,
  options?: RunOptions,
) {
  const { user, documentId, actions } = props;
  const drafts = useMemo(() => keptDrafts(props.drafts, { username: user.username, documentId }), [props.drafts]);
  const [text, setText] = useState(() => drafts.get(id) ?? '');
  const box = useRef<HTMLTextAreaElement>(null);
  const type = (value: string): void => {
    drafts.set(id, value);
    setText(value);
  };
  const discard = (): void => {
    drafts.delete(id);
    setText('');
    box.current?.focus();
  };
  const submit = (e: Event): void => {
    e.preventDefault();
    const refused = commentRefusal(text);
    if (refused) {
      actions.refuse(action, refused);
      box.current?.focus();
      return;
    }
    const body = text;
    const send = async (sender: Sender): Promise<void> => {
      try {
        await post(sender, body);
      } catch (error) {
        sayIfSignedOut(error, user.username, pageOf(documentId));
        throw error;
      }
      drafts.delete(id);
      setText('');
      await props.reload().catch(() => {});
      const active = document.activeElement;
      if (!active || active === document.body || active.id === `${id}-send` || !active.isConnected)
        document.getElementById(id)?.focus();
    };
    void actions.run(action, send, options);
  };
  return { text, type, discard, submit, box };
}

/** Throws away the box's draft; shown while there is one. */
function DiscardButton({ id, text, discard }: { id: string; text: string; discard(): void }) {
  return (
    <button type="button" id={`${id}-discard`} class="link discard-draft" hidden={!text.trim()} onClick={discard}>
      {nt('comments.discard')}
    </button>
  );
}

export function ReplyForm(props: CommentsPanelProps & { root: CommentJson }) {
  const { root, actions } = props;
  const id = `reply-${root.id}`;
  const action = `reply:${root.id}`;
  const post = async (sender: Sender, body: string): Promise<void> => {
    await sender.call(ROUTES.reply, { params: { id: root.id }, body: { body } });
  };
  const form = useCommentBox(props, id, action, post, { about: [`comment:${root.id}`] });
  return (
    <form class="reply-form" onSubmit={form.submit}>
      <label for={id} class="visually-hidden">
        {nt('comments.replyLabel')}
      </label>
      <textarea
        id={id}
        ref={form.box}
        rows={2}
        class="reply-body"
        value={form.text}
        onInput={(e) => form.type(e.currentTarget.value)}
      />
      <ActionButton actions={actions} name={action} type="submit" id={`${id}-send`} class="small">
        {nt('comments.reply')}
      </ActionButton>
      <DiscardButton id={id} text={form.text} discard={form.discard} />
    </form>
  );
}

export function NewCommentForm(props: CommentsPanelProps) {
  const { clauseId, selection, actions } = props;
  const id = `comment-body-${clauseId}`;
  const action = `comment-new:${clauseId}`;
  const post = async (sender: Sender, body: string): Promise<void> => {
    const anchor = selection ? await props.anchors.anchor(selection) : null;
    if (selection && !anchor) throw new Error(nt('comments.anchorStale'));
    await sender.call(ROUTES.addComment, {
      params: { id: props.documentId },
      body: { clauseId, body, ...(anchor ? { anchor } : {}) },
    });
    props.clearSelection();
  };
  const form = useCommentBox(props, id, action, post);
  const length = form.text.trim().length;
  return (
    <form class="comment-form" onSubmit={form.submit}>
      <label for={id}>{selection ? nt('comments.onWords') : nt('comments.onClause')}</label>
      {selection ? (
        <p class="anchor selected-words">
          <q>{selection.quote}</q>{' '}
          <button type="button" class="link" onClick={() => props.clearSelection()}>
            {nt('comments.detach')}
          </button>
          {props.amendSelection ? (
            <>
              {' '}
              <button type="button" class="link" onClick={props.amendSelection}>
                {nt('amendments.span.amendThese')}
              </button>
            </>
          ) : null}
        </p>
      ) : (
        <p class="hint">{nt('comments.selectHint')}</p>
      )}
      <textarea
        id={id}
        ref={form.box}
        rows={3}
        class="comment-input"
        value={form.text}
        onInput={(e) => form.type(e.currentTarget.value)}
      />
      <div class="form-row">
        <span class={`counter${length > COMMENT_MAX_LENGTH ? ' over' : ''}`} aria-live="polite">
          {nt('comments.count', { count: length, max: COMMENT_MAX_LENGTH })}
        </span>
        <ActionButton actions={actions} name={action} type="submit" id={`${id}-send`} class="primary">
          {nt('comments.send')}
        </ActionButton>
        <DiscardButton id={id} text={form.text} discard={form.discard} />
      </div>
      <ActionError actions={actions} names={action} format={negotiationError} />
    </form>
  );
}

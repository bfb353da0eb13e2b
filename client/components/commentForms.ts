import type { CommentJson } from '../../shared/api/comments.js';
import { COMMENT_MAX_LENGTH } from '../../shared/domain/comments.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { RunOptions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { h } from '../dom.js';
import { actionError, bindAction } from './actionControls.js';
import type { CommentsPanelOptions } from './CommentsPanel.js';
import type { DraftMap } from './drafts.js';
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
export const pageOf = (o: CommentsPanelOptions): string => `/documents/${encodeURIComponent(o.documentId)}`;

/**
 * A comment box's submit: refused with the reason before anything is sent when empty or too long; once sent,
 * its draft goes, the threads are read again and the focus lands in the box drawn again (ready for the next),
 * never on the page's body. A session that ended is said in words, and the draft stays.
 */
function submitter(
  o: CommentsPanelOptions,
  drafts: DraftMap,
  box: HTMLTextAreaElement,
  action: string,
  post: (sender: Sender, body: string) => Promise<void>,
  options?: RunOptions,
): (e: Event) => void {
  return (e) => {
    e.preventDefault();
    const body = box.value;
    const refused = commentRefusal(body);
    if (refused) {
      o.actions.refuse(action, refused);
      box.focus();
      return;
    }
    const send = async (sender: Sender): Promise<void> => {
      try {
        await post(sender, body);
      } catch (error) {
        sayIfSignedOut(error, o.user.username, pageOf(o));
        throw error;
      }
      drafts.delete(box.id);
      box.value = '';
      await o.reload().catch(() => {});
      const active = document.activeElement;
      if (!active || active === document.body || active.id === `${box.id}-send` || !active.isConnected)
        document.getElementById(box.id)?.focus();
    };
    void o.actions.run(action, send, options);
  };
}

/** Throws away the box's draft, after which the box is empty and keeps the focus. Shown while there is one. */
function discardButton(drafts: DraftMap, box: HTMLTextAreaElement, after: () => void = () => {}): HTMLElement {
  const button = h(
    'button',
    {
      type: 'button',
      id: `${box.id}-discard`,
      class: 'link discard-draft',
      hidden: !box.value.trim(),
      onclick: () => {
        drafts.delete(box.id);
        box.value = '';
        button.hidden = true;
        after();
        box.focus();
      },
    },
    nt('comments.discard'),
  );
  box.addEventListener('input', () => (button.hidden = !box.value.trim()));
  return button;
}

export function replyForm(o: CommentsPanelOptions, drafts: DraftMap, root: CommentJson): HTMLElement {
  const id = `reply-${root.id}`;
  const action = `reply:${root.id}`;
  const box = h('textarea', {
    id,
    rows: 2,
    class: 'reply-body',
    value: drafts.get(id) ?? '',
    oninput: (e: Event) => drafts.set(id, (e.target as HTMLTextAreaElement).value),
  });
  const send = bindAction(
    o.actions,
    action,
    h('button', { type: 'submit', id: `${id}-send`, class: 'small' }, nt('comments.reply')),
  );
  const post = async (sender: Sender, body: string): Promise<void> => {
    await sender.call(ROUTES.reply, { params: { id: root.id }, body: { body } });
  };
  return h(
    'form',
    { class: 'reply-form', onsubmit: submitter(o, drafts, box, action, post, { about: [`comment:${root.id}`] }) },
    h('label', { for: id, class: 'visually-hidden' }, nt('comments.replyLabel')),
    box,
    send,
    discardButton(drafts, box),
  );
}

export function newCommentForm(o: CommentsPanelOptions, drafts: DraftMap): HTMLElement {
  const id = `comment-body-${o.clauseId}`;
  const action = `comment-new:${o.clauseId}`;
  const counter = h('span', { class: 'counter', 'aria-live': 'polite' });
  const box = h('textarea', {
    id,
    rows: 3,
    class: 'comment-input',
    value: drafts.get(id) ?? '',
    oninput: (e: Event) => {
      drafts.set(id, (e.target as HTMLTextAreaElement).value);
      update();
    },
  });
  const send = bindAction(
    o.actions,
    action,
    h('button', { type: 'submit', id: `${id}-send`, class: 'primary' }, nt('comments.send')),
  );
  const update = (): void => {
    const n = box.value.trim().length;
    counter.textContent = nt('comments.count', { count: n, max: COMMENT_MAX_LENGTH });
    counter.classList.toggle('over', n > COMMENT_MAX_LENGTH);
  };
  update();
  const selection = o.selection;
  const post = async (sender: Sender, body: string): Promise<void> => {
    const anchor = selection ? await o.anchors.anchor(selection) : null;
    if (selection && !anchor) throw new Error(nt('comments.anchorStale'));
    await sender.call(ROUTES.addComment, {
      params: { id: o.documentId },
      body: { clauseId: o.clauseId, body, ...(anchor ? { anchor } : {}) },
    });
    o.clearSelection();
  };
  return h(
    'form',
    { class: 'comment-form', onsubmit: submitter(o, drafts, box, action, post) },
    h('label', { for: id }, selection ? nt('comments.onWords') : nt('comments.onClause')),
    selection
      ? h(
          'p',
          { class: 'anchor selected-words' },
          h('q', null, selection.quote),
          ' ',
          h('button', { type: 'button', class: 'link', onclick: () => o.clearSelection() }, nt('comments.detach')),
          o.amendSelection
            ? [
                ' ',
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: o.amendSelection },
                  nt('amendments.span.amendThese'),
                ),
              ]
            : null,
        )
      : h('p', { class: 'hint' }, nt('comments.selectHint')),
    box,
    h('div', { class: 'form-row' }, counter, send, discardButton(drafts, box, update)),
    actionError(o.actions, action, negotiationError),
  );
}

import { Fragment, type ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { TYPING_WINDOW_MS, UNFINISHED_KINDS, type UnfinishedItem } from '../../shared/domain/unfinished.js';
import { acknowledgementItems, sendAcknowledged, type Acknowledgeable } from '../api/acknowledgement.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { currentLanguage, t } from '../i18n/index.js';
import { delegationName, errorText, subjectLabel, type VotingData } from './votingCommon.js';

/** A list of unfinished work the server gave, as the console holds it while the chair reads it. */
export interface AcknowledgementState {
  items: UnfinishedItem[];
  /** Something the list depends on changed since the server drew it (a status, an amendment, a vote). */
  stale: boolean;
  /** The chair confirmed and the server listed something they had not read: this is the new list. */
  relisted: boolean;
}

export interface AcknowledgementProps {
  /** The section's id; its heading is `<id>-title` and takes the focus when the list appears. */
  id: string;
  title: string;
  confirmLabel: string;
  state: AcknowledgementState;
  data: VotingData;
  actions: Actions;
  /** The action of the confirming button. */
  action: string;
  /** The second press: the same request, acknowledged (see `sendAcknowledged`). */
  confirm(send: Sender): Promise<unknown>;
  cancel(): void;
}

/** A link to a clause of the text (opened beside the console), or words for a clause deleted since. */
function ClauseLink({ doc, clauseId, ref }: { doc: string; clauseId: string; ref: string | null }) {
  if (!ref) return <>{t('voting:subject.deletedClause')}</>;
  return (
    <a href={`/documents/${encodeURIComponent(doc)}#clause-${clauseId}`} target="_blank" rel="noopener">
      {ref}
    </a>
  );
}

/** One unfinished item, in words, with a link to where it is. */
function ItemLine({ item, data }: { item: UnfinishedItem; data: VotingData }) {
  const enc = encodeURIComponent(data.doc.id);
  const clause = (clauseId: string, ref: string | null) => (
    <ClauseLink doc={data.doc.id} clauseId={clauseId} ref={ref} />
  );
  switch (item.kind) {
    case 'bracketed':
      return (
        <>
          {clause(item.clauseId, item.ref)}: {t('voting:acknowledge.item.bracketed', { count: item.passages })}
        </>
      );
    case 'suggestions_pending':
      return (
        <>
          {clause(item.clauseId, item.ref)}: {t('suggestions:acknowledge.item', { count: item.count })}
        </>
      );
    case 'not_agreed':
      return (
        <>
          {clause(item.clauseId, item.ref)}: {t(`document.status.${item.status}`)}
        </>
      );
    case 'typing':
      return (
        <>
          {clause(item.clauseId, item.ref)}: {t('voting:acknowledge.item.typing', { seconds: TYPING_WINDOW_MS / 1000 })}
        </>
      );
    case 'amendment_undecided':
      return (
        <>
          <a href={`/documents/${enc}/compilation#amendment-${item.amendmentId}`} target="_blank" rel="noopener">
            {t('voting:acknowledge.item.amendment', {
              delegation: delegationName(item.delegation, data.delegations),
              ref: item.ref ?? t('voting:subject.deletedClause'),
            })}
          </a>
          {` (${t(`negotiation:amendments.status.${item.status}`)})`}
        </>
      );
    case 'open_vote':
      return (
        <a href={`#live-${item.voteId}`}>
          {t('voting:acknowledge.item.vote', { subject: subjectLabel({ subject: item.subject }, data) })}
        </a>
      );
    case 'translation_unfinished':
      return <TranslationLine item={item} doc={data.doc.id} />;
  }
}

/** Items separated by ", ". */
const commaList = (parts: ComponentChildren[]): ComponentChildren[] => parts.flatMap((p, i) => (i ? [', ', p] : [p]));

/**
 * A language version not ready: "Kazakh: 29 of 33 clauses current — 2 clauses missing (OP4, OP13), 1 stale
 * (PP8), 1 in draft (OP5)", each reference linked to its clause.
 */
function TranslationLine({
  item,
  doc,
}: {
  item: Extract<UnfinishedItem, { kind: 'translation_unfinished' }>;
  doc: string;
}) {
  const current = item.total - item.missing.length - item.stale.length - item.draft.length;
  const parts = (['missing', 'stale', 'draft'] as const)
    .filter((status) => item[status].length > 0)
    .map((status) => (
      <>
        {t(`voting:acknowledge.item.translation.${status}`, { count: item[status].length })} (
        {commaList(item[status].map((c) => <ClauseLink doc={doc} clauseId={c.clauseId} ref={c.ref} />))})
      </>
    ));
  return (
    <>
      {t('voting:acknowledge.item.translation.coverage', {
        language: languageName(item.lang),
        current,
        total: item.total,
      })}
      {' — '}
      {commaList(parts)}
    </>
  );
}

/** A version's language as the reader's language names it ("Kazakh", "Казахский", "Қазақ тілі"), else its code. */
function languageName(code: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) return code;
  return name.charAt(0).toLocaleUpperCase(currentLanguage()) + name.slice(1);
}

/**
 * What the server says is unfinished before a vote on the whole text or an adoption without a vote, grouped
 * as it lists them (bracketed passages, clauses not agreed, undecided amendments, clauses being typed in,
 * other open votes), each named by its reference and linked to where the chair can see it; then the button
 * that sends the request again acknowledged, and one to go back.
 */
export function AcknowledgementList(o: AcknowledgementProps) {
  const { items, stale, relisted } = o.state;
  const groups = UNFINISHED_KINDS.map((kind) => ({ kind, list: items.filter((i) => i.kind === kind) })).filter(
    (g) => g.list.length,
  );
  const confirm = (): void => void o.actions.run(o.action, (send) => o.confirm(send), { about: ['stage'] });
  return (
    <section class="acknowledgement" id={o.id} aria-labelledby={`${o.id}-title`} data-items={items.length}>
      <h3 id={`${o.id}-title`} tabIndex={-1}>
        {o.title}
      </h3>
      <p>{t('voting:acknowledge.intro', { count: items.length })}</p>
      {relisted || stale ? (
        <p class="ack-note" role="status">
          {t(relisted ? 'voting:acknowledge.relisted' : 'voting:acknowledge.stale')}
        </p>
      ) : null}
      {groups.map((g) => (
        <Fragment key={g.kind}>
          <h4>
            {/* A feature's own kinds are worded in its namespace (suggestion mode's in `suggestions`). */}
            {t([`voting:acknowledge.kind.${g.kind}`, `suggestions:acknowledge.kind.${g.kind}`])} ({g.list.length})
          </h4>
          <ul class="ack-items">
            {g.list.map((item, i) => (
              <li key={i} data-kind={item.kind} data-ref={'ref' in item && item.ref ? item.ref : undefined}>
                <ItemLine item={item} data={o.data} />
              </li>
            ))}
          </ul>
        </Fragment>
      ))}
      <ActionError actions={o.actions} names={o.action} format={errorText} />
      <div class="button-row">
        <ActionButton actions={o.actions} name={o.action} id={`${o.id}-confirm`} class="primary" onClick={confirm}>
          {o.confirmLabel}
        </ActionButton>
        <button type="button" id={`${o.id}-cancel`} onClick={() => o.cancel()}>
          {t('voting:acknowledge.cancel')}
        </button>
      </div>
    </section>
  );
}

/** A request held back, as sent, with the list the chair is reading. */
export type Held<B> = AcknowledgementState & { body: B; key: string };

export interface HeldRequestOptions<B extends Acknowledgeable, R> {
  /** The list's id (see `AcknowledgementProps.id`). */
  id: string;
  actions: Actions;
  /** The action of the confirming button. */
  action: string;
  /** Sends the request with `body` by its route: again as it was held, then acknowledged. */
  send(send: Sender, body: B): Promise<R>;
  /** The server carried out the request: its answer, and the request as it was sent (`key`: the caller's name for it). */
  done(answer: R, request: { body: B; key: string }): void;
}

export interface HeldRequest<B> {
  /** The list's id and the action of its confirming button (as given in `HeldRequestOptions`). */
  id: string;
  action: string;
  /** The list shown, if any. */
  held: Held<B> | null;
  /** Shows the list the server gave for `body` and moves the focus to it. `key` is the caller's name for the request. */
  hold(body: B, items: UnfinishedItem[], key?: string): void;
  /** Takes the list away (the chair changed the request, or it can no longer be made). */
  drop(): void;
  /** What the list shows may have changed: it is checked again before it is acknowledged. */
  textChanged(): void;
  /** The chair's second press on the list shown. */
  confirm(send: Sender): Promise<void>;
}

/**
 * A request the server held back as unfinished (a vote on the whole text, an adoption without a vote), with
 * the list the chair is reading: the vote form and the stepper each hold one.
 */
export function useHeldRequest<B extends Acknowledgeable, R>(o: HeldRequestOptions<B, R>): HeldRequest<B> {
  const [held, setHeld] = useState<Held<B> | null>(null);
  const current = useRef(held);
  current.current = held;
  const [shown, show] = useState(0);
  const set = (next: Held<B> | null, focus = false): void => {
    current.current = next;
    setHeld(next);
    if (focus) show((n) => n + 1);
  };
  // Moves the focus to a list just shown, so a keyboard or screen reader user reads it next.
  useEffect(() => {
    if (shown) document.getElementById(`${o.id}-title`)?.focus();
  }, [shown]);
  return {
    id: o.id,
    action: o.action,
    held,
    hold: (body, items, key = '') => set({ body, key, items, stale: false, relisted: false }, true),
    drop: () => {
      if (!current.current) return;
      set(null);
      o.actions.clear(o.action);
    },
    textChanged: () => {
      const now = current.current;
      if (now && !now.stale) set({ ...now, stale: true, relisted: false });
    },
    confirm: async (send) => {
      const asked = current.current;
      if (!asked) return;
      const answer = await sendAcknowledged((body: B) => o.send(send, body), asked.body, asked.items);
      if ('relisted' in answer) {
        if (current.current === asked) set({ ...asked, items: answer.relisted, stale: false, relisted: true }, true);
        return;
      }
      if (current.current === asked) set(null);
      o.done(answer.done, asked);
    },
  };
}

export interface HoldableRequest<B> extends HeldRequest<B> {
  /**
   * The first press: sends `body`; the answer goes to `done`, and a list of unfinished work the server gives
   * instead is held for the chair to read (`key`: the caller's name for the request, handed back to `done`).
   */
  request(send: Sender, body: B, key?: string): Promise<void>;
}

/**
 * A request the server may hold back as unfinished, as the console's forms make it (the vote form, the
 * stepper's adoption without a vote): sent once, held with its list when the server gives one, the list
 * checked again once `textVersion` moves (see `ConsoleState.textVersion`).
 */
export function useHoldableRequest<B extends Acknowledgeable, R>(
  o: HeldRequestOptions<B, R> & { textVersion: number },
): HoldableRequest<B> {
  const held = useHeldRequest(o);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else held.textChanged();
  }, [o.textVersion]);
  return {
    ...held,
    request: async (send, body, key = '') => {
      let answer: R;
      try {
        answer = await o.send(send, body);
      } catch (error) {
        const items = acknowledgementItems(error);
        if (!items) throw error;
        return held.hold(body, items, key);
      }
      o.done(answer, { body, key });
    },
  };
}

export interface HeldListProps {
  request: HeldRequest<unknown>;
  title: string;
  confirmLabel: string;
  data: VotingData;
  actions: Actions;
  /** The element that takes the focus when the chair goes back from the list. */
  backTo: string;
}

/** The list of a request held back, while it is held (see `AcknowledgementList`); going back drops the request. */
export function HeldList({ request, title, confirmLabel, data, actions, backTo }: HeldListProps) {
  if (!request.held) return null;
  return (
    <AcknowledgementList
      id={request.id}
      title={title}
      confirmLabel={confirmLabel}
      state={request.held}
      data={data}
      actions={actions}
      action={request.action}
      confirm={request.confirm}
      cancel={() => {
        request.drop();
        document.getElementById(backTo)?.focus();
      }}
    />
  );
}

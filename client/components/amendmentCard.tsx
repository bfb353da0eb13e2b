import { useState } from 'preact/hooks';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { Stage } from '../../shared/domain/stages.js';
import { wordDiff } from '../../shared/domain/wordDiff.js';
import type { Actions } from '../api/actions.js';
import type { Sender } from '../api/http.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { dateTime } from '../i18n/dates.js';
import { ActionButton, ActionError } from './actionHooks.js';
import type { DraftMap } from './drafts.js';
import { negotiationError, nt } from './negotiationKit.js';
import { DelegationTag, Diff, Paragraphs, SpanChange } from './negotiationParts.js';

/** What a card needs to offer the reader's actions on an amendment. */
export interface CardOptions {
  user: SessionUser;
  stage: Stage;
  /** Reads the amendments again after the reader changed one. */
  reload(): Promise<void>;
  /** Unsent decision notes, by field id (kept drafts). */
  drafts: DraftMap;
  actions: Actions;
}

/** The amendment's status and what it does to which clause (to some of its words, for one on a span). */
function CardHeader({ amendment: a }: { amendment: AmendmentJson }) {
  const ref = a.clauseRef ? refLabel(a.clauseRef) : '—';
  return (
    <header>
      <span class={`badge amendment-status status-${a.status}`}>{nt(`amendments.status.${a.status}`)}</span>{' '}
      <strong>
        {a.span
          ? nt(`amendments.span.kindOfRef.${a.span.action}`, { ref })
          : nt(`amendments.kindOf.${a.kind}`, { ref })}
      </strong>
    </header>
  );
}

/** What the card says of an amendment written against words that have changed since. */
function StaleNote({ amendment: a }: { amendment: AmendmentJson }) {
  return (
    <div class="stale-note" role="note">
      {a.span ? (
        <>
          <p>{nt('amendments.span.stale')}</p>
          <Diff diff={wordDiff(a.span.quote, a.span.currentQuote)} class="word-diff current" />
          {a.diffCurrent ? <p>{nt('amendments.span.staleNow')}</p> : null}
        </>
      ) : (
        <p>{nt('amendments.stale')}</p>
      )}
      {a.diffCurrent ? <Diff diff={a.diffCurrent} class="word-diff current" /> : null}
    </div>
  );
}

/**
 * One amendment as negotiators read it: its sponsors, its diff (and today's when stale), its rationale and
 * decision, and with `options` the reader's actions on it (the compilation shows it without).
 */
export function AmendmentCard({ amendment: a, options }: { amendment: AmendmentJson; options?: CardOptions | null }) {
  const label = nt('amendments.cardLabel', {
    delegation: a.delegation,
    kind: nt(`amendments.kind.${a.kind}`),
    status: nt(`amendments.status.${a.status}`),
  });
  return (
    <article
      class={`amendment status-${a.status}${a.stale ? ' stale' : ''}`}
      data-amendment-id={a.id}
      aria-label={label}
    >
      <CardHeader amendment={a} />
      <p class="sponsors">
        <span class="label">{nt('amendments.proposedBy')}</span> <DelegationTag code={a.delegation} />
        {a.cosponsors.length ? (
          <>
            {' · '}
            <span class="label">{nt('amendments.cosponsors')}</span>{' '}
            {a.cosponsors.map((s, i) => (
              <>
                {i ? ', ' : ''}
                <DelegationTag code={s.delegation} />
              </>
            ))}
          </>
        ) : null}
      </p>
      {a.span ? (
        <p class="span-change">
          <SpanChange amendment={a} />
        </p>
      ) : null}
      <p class="meta">
        {a.proposer.displayName}
        {' · '}
        <time dateTime={a.createdAt}>{dateTime(a.createdAt)}</time>
      </p>
      <Diff diff={a.diff} />
      {a.stale ? <StaleNote amendment={a} /> : null}
      {a.clauseDeleted && (a.status === 'submitted' || a.status === 'put_to_vote') ? (
        <p class="stale-note">{nt('amendments.clauseDeleted')}</p>
      ) : null}
      {a.conflictsWith.length ? (
        <p class="conflict-note">{nt('amendments.conflicts', { count: a.conflictsWith.length })}</p>
      ) : null}
      <div class="rationale">
        <span class="label">{nt('amendments.rationale')}</span>
        <Paragraphs text={a.rationale} />
      </div>
      {a.decision?.note ? (
        <div class="decision-note">
          <span class="label">{nt('amendments.note')}</span>
          <Paragraphs text={a.decision.note} />
        </div>
      ) : null}
      {options && a.status === 'submitted' ? <CardActions options={options} amendment={a} /> : null}
      {options ? <ActionError actions={options.actions} names={`amendment:${a.id}`} format={negotiationError} /> : null}
    </article>
  );
}

interface RunProps {
  options: CardOptions;
  amendment: AmendmentJson;
  /** The button's id, before the amendment's. */
  id: string;
  label: string;
  perform(send: Sender): Promise<unknown>;
  primary?: boolean;
}

/** A button running the amendment's one action; the amendments are read again after it. */
function RunButton({ options: o, amendment: a, id, label, perform, primary = false }: RunProps) {
  const action = `amendment:${a.id}`;
  const run = (): void =>
    void o.actions.run(
      action,
      async (send) => {
        await perform(send);
        await o.reload().catch(() => {});
      },
      { about: [action, 'stage'] },
    );
  return (
    <ActionButton
      actions={o.actions}
      name={action}
      id={`${id}-${a.id}`}
      class={primary ? 'primary small' : 'small'}
      onClick={run}
    >
      {label}
    </ActionButton>
  );
}

/** What the reader may do to an amendment besides deciding it: withdraw their own, join or leave another's. */
function sponsorActions(o: CardOptions, a: AmendmentJson): Omit<RunProps, 'options' | 'amendment'>[] {
  const params = { id: a.id };
  const code = o.user.delegation;
  if (!code) return [];
  if (code === a.delegation)
    return can(o.user, 'amendment.withdraw', { stage: o.stage })
      ? [
          {
            id: 'withdraw',
            label: nt('amendments.withdraw'),
            perform: (send) => send.call(ROUTES.withdrawAmendment, { params }),
          },
        ]
      : [];
  if (!can(o.user, 'amendment.cosponsor', { stage: o.stage })) return [];
  return a.cosponsors.some((s) => s.delegation === code)
    ? [
        {
          id: 'leave',
          label: nt('amendments.leave'),
          perform: (send) => send.call(ROUTES.leaveCosponsorship, { params }),
        },
      ]
    : [
        {
          id: 'cosponsor',
          label: nt('amendments.cosponsor'),
          perform: (send) => send.call(ROUTES.cosponsor, { params }),
          primary: true,
        },
      ];
}

/**
 * The buttons the reader may press on a submitted amendment. They are one action per amendment: while one
 * runs (a co-sponsorship, a decision) the others wait, and its error shows under the card.
 */
function CardActions({ options: o, amendment: a }: { options: CardOptions; amendment: AmendmentJson }) {
  const buttons = sponsorActions(o, a);
  const decides = can(o.user, 'amendment.decide', { stage: o.stage });
  if (!buttons.length && !decides) return null;
  return (
    <div class="amendment-actions">
      {buttons.map((b) => (
        <RunButton key={b.id} options={o} amendment={a} {...b} />
      ))}
      {decides ? <Decision options={o} amendment={a} /> : null}
    </div>
  );
}

/** The chair's decision on an amendment: a note kept as a draft, accept (confirming a stale one) or reject. */
function Decision({ options: o, amendment: a }: { options: CardOptions; amendment: AmendmentJson }) {
  const noteId = `note-${a.id}`;
  const [note, setNote] = useState(() => o.drafts.get(noteId) ?? '');
  const [confirmed, setConfirmed] = useState(false);
  const decide = (decision: 'accept' | 'reject') => async (send: Sender) => {
    await send.call(ROUTES.decideAmendment, {
      params: { id: a.id },
      body: {
        decision,
        ...(note.trim() ? { note } : {}),
        ...(decision === 'accept' && a.stale && confirmed ? { acceptStale: true } : {}),
      },
    });
    o.drafts.delete(noteId);
  };
  return (
    <div class="decision">
      <label for={noteId}>{nt('amendments.noteLabel')}</label>
      <textarea
        id={noteId}
        rows={2}
        class="decision-input"
        value={note}
        onInput={(e) => {
          o.drafts.set(noteId, e.currentTarget.value);
          setNote(e.currentTarget.value);
        }}
      />
      {a.stale ? (
        <p>
          <input
            type="checkbox"
            id={`stale-${a.id}`}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />{' '}
          <label for={`stale-${a.id}`}>{nt('amendments.confirmStale')}</label>
        </p>
      ) : null}
      <div class="form-row">
        <RunButton
          options={o}
          amendment={a}
          id="accept"
          label={nt('amendments.accept')}
          perform={decide('accept')}
          primary
        />
        <RunButton options={o} amendment={a} id="reject" label={nt('amendments.reject')} perform={decide('reject')} />
      </div>
    </div>
  );
}

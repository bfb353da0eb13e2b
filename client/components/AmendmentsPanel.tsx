import { useMemo, useRef, useState } from 'preact/hooks';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import type { RequestOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import { AMENDMENT_KINDS, type AmendmentKind } from '../../shared/domain/amendments.js';
import { can } from '../../shared/domain/permissions.js';
import type { Stage } from '../../shared/domain/stages.js';
import { wordDiff } from '../../shared/domain/wordDiff.js';
import { parseMarkup, toMarkup } from '../../shared/editor/markup.js';
import { clauseFromJSON } from '../../shared/editor/schema.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import type { Actions } from '../api/actions.js';
import { ActionButton, ActionError } from './actionHooks.js';
import { AmendmentCard } from './amendmentCard.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { keptDrafts, type DraftMap } from './drafts.js';
import { negotiationError, nt } from './negotiationKit.js';
import { Diff, KindChoice, RationaleField } from './negotiationParts.js';
import { sayIfSignedOut } from './sessionEnded.js';
import { SpanProposeForm } from './spanForm.js';

export interface AmendmentsPanelProps {
  documentId: string;
  clause: ClauseJson;
  stage: Stage;
  user: SessionUser;
  /** Every amendment of the document (the panel shows this clause's). */
  amendments: AmendmentJson[];
  reload(): Promise<void>;
  /**
   * The page's unsent texts by field id, kept while the panel is closed; the panel also keeps a proposal's
   * kind, text and rationale (and a decision's note) in the browser's storage for this person and document
   * until sent or discarded (`keptDrafts`). A confirmation stays here a few seconds (`<key>-flash`).
   */
  drafts: DraftMap;
  /** The reader's actions: each button disabled while its request is in flight, its error kept. */
  actions: Actions;
  /** Words the reader selected in this clause: a delegate may amend exactly those. */
  selection: ClauseSelection | null;
  /** Turns a selection into a span of the live text. */
  anchors: Pick<AnchorMaker, 'anchor'>;
  /** Forgets the selection (once its amendment is sent). */
  clearSelection(): void;
  /** Changes when a proposal was started from elsewhere (an edit handed back): the form reads its drafts again. */
  started?: number;
}

/** The panel's props as its parts use them: `drafts` kept in storage, `flashes` (confirmations) in the page. */
type PanelProps = AmendmentsPanelProps & { flashes: DraftMap };

/** The fields of a proposal that are kept as a draft, after `amend-<clauseId>`. */
const DRAFT_FIELDS = ['-kind', '-text', '-rationale'];

/**
 * The amendments to one clause, side by side when they compete: each with its sponsors, its word diff, its
 * status and the actions the reader may take. Delegates and heads propose from here, with a live diff preview,
 * or amend exactly the words they selected.
 */
export function AmendmentsPanel(props: AmendmentsPanelProps) {
  const { user, documentId } = props;
  const drafts = useMemo(() => keptDrafts(props.drafts, { username: user.username, documentId }), [props.drafts]);
  const o: PanelProps = { ...props, flashes: props.drafts, drafts };
  const mine = o.amendments.filter((a) => a.clauseId === o.clause.id);
  const competing = mine.filter((a) => a.status === 'submitted' || a.status === 'put_to_vote').length;
  const proposes = can(user, 'amendment.propose', { stage: o.stage, clauseStatus: o.clause.status });
  return (
    <div class="amendments-panel">
      {competing > 1 ? (
        <p class="conflict-note" role="note">
          {nt('amendments.competing', { count: competing })}
        </p>
      ) : null}
      {mine.length ? (
        <ol class="amendment-list">
          {mine.map((a) => (
            <li key={a.id} id={`amendment-${a.id}`}>
              <AmendmentCard amendment={a} options={o} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="hint">{nt('amendments.none')}</p>
      )}
      {proposes ? (
        <>
          {o.selection ? (
            <SpanProposeForm
              key={`${o.selection.start}-${o.selection.end}`}
              clauseId={o.clause.id}
              delegation={user.delegation ?? ''}
              selection={o.selection}
              anchors={o.anchors}
              actions={o.actions}
              drafts={drafts}
              send={(action, body) => {
                o.clearSelection();
                sendProposal(o, `amend-span-${o.clause.id}`, action, body);
              }}
            />
          ) : (
            <p class="hint span-hint">{nt('amendments.span.hint')}</p>
          )}
          <ProposeForm key={o.started ?? 0} {...o} />
        </>
      ) : (
        <ProposeUnavailable user={user} clause={o.clause} />
      )}
    </div>
  );
}

function ProposeUnavailable({ user, clause }: { user: SessionUser; clause: ClauseJson }) {
  if (user.role !== 'head' && user.role !== 'delegate') return null;
  return <p class="hint">{nt(clause.status === 'agreed_ad_ref' ? 'amendments.lockedHint' : 'amendments.stageHint')}</p>;
}

/** The clause's current text in the light markup, as a replacement starts from. */
function currentMarkup(clause: ClauseJson): string {
  try {
    return clause.content ? toMarkup(clauseFromJSON(clause.content)) : clause.text;
  } catch {
    return clause.text;
  }
}

/** Sends the proposal as the action `action`; the drafts go and a confirmation stays a while. */
function sendProposal(
  o: PanelProps,
  key: string,
  action: string,
  body: RequestOf<typeof ROUTES.proposeAmendment>['body'],
  sent: () => void = () => {},
): void {
  void o.actions.run(
    action,
    async (send) => {
      try {
        await send.call(ROUTES.proposeAmendment, { params: { id: o.documentId }, body });
      } catch (error) {
        sayIfSignedOut(error, o.user.username, `/documents/${encodeURIComponent(o.documentId)}`);
        throw error;
      }
      for (const suffix of DRAFT_FIELDS) o.drafts.delete(key + suffix);
      sent();
      o.flashes.set(`${key}-flash`, `${Date.now() + 8000}\n${nt('amendments.submitted')}`);
      await o.reload().catch(() => {});
    },
    { about: ['stage', `clause:${o.clause.id}`] },
  );
}

/** The confirmation of a proposal just sent, while it lasts (it stays across the panel's redraws). */
function flashOf(flashes: DraftMap, key: string): string {
  const flash = flashes.get(`${key}-flash`)?.split('\n');
  if (flash && Number(flash[0]) > Date.now()) return flash[1]!;
  flashes.delete(`${key}-flash`);
  return '';
}

/** What a proposal of `kind` with `text` changes in the clause, and whether it changes nothing. */
function proposalDiff(clause: ClauseJson, kind: AmendmentKind, text: string) {
  const proposed = kind === 'delete' ? '' : clauseToPlainText(parseMarkup(text));
  const diff = kind === 'insert_after' ? wordDiff('', proposed) : wordDiff(clause.text, proposed);
  return { diff, unchanged: kind === 'replace' && diff.every((part) => part.op === 'equal') };
}

/**
 * A proposal being written, kept as drafts after `key`: its kind, its text (untyped, the clause's as it stands
 * now: an accepted amendment may change it meanwhile), its rationale.
 */
function useProposal(o: PanelProps, key: string) {
  const [kind, setKind] = useState<AmendmentKind>(
    () => (o.drafts.get(`${key}-kind`) as AmendmentKind | undefined) ?? 'replace',
  );
  const [typed, setTyped] = useState<string | null>(() => o.drafts.get(`${key}-text`) ?? null);
  const [rationale, setRationale] = useState(() => o.drafts.get(`${key}-rationale`) ?? '');
  const text = typed ?? currentMarkup(o.clause);
  return {
    kind,
    text,
    rationale,
    typeText(value: string): void {
      o.drafts.set(`${key}-text`, value);
      setTyped(value);
    },
    typeRationale(value: string): void {
      o.drafts.set(`${key}-rationale`, value);
      setRationale(value);
    },
    pick(k: AmendmentKind): void {
      // An insertion starts from nothing; a replacement with nothing typed starts from the clause's text.
      if (k === 'insert_after' && kind !== 'insert_after' && text === currentMarkup(o.clause)) setTyped('');
      if (k === 'replace' && !text.trim()) setTyped(null);
      setKind(k);
      o.drafts.set(`${key}-kind`, k);
    },
    /** Back as the form starts (its drafts already gone). */
    reset(): void {
      setKind('replace');
      setTyped(null);
      setRationale('');
    },
  };
}

/** What the proposal changes, as the person types it. */
function DiffPreview({ diff, unchanged }: ReturnType<typeof proposalDiff>) {
  return (
    <div class="diff-preview" aria-live="polite">
      <p class="label">{nt('amendments.preview')}</p>
      {unchanged ? <p class="hint">{nt('amendments.unchanged')}</p> : <Diff diff={diff} />}
    </div>
  );
}

/** A delegation's proposal of an amendment to the clause: its kind, its text, a live diff preview, its rationale. */
function ProposeForm(o: PanelProps) {
  const key = `amend-${o.clause.id}`;
  const action = `propose:${o.clause.id}`;
  const proposal = useProposal(o, key);
  const { kind, text, rationale, reset } = proposal;
  const textBox = useRef<HTMLTextAreaElement>(null);
  const { diff, unchanged } = proposalDiff(o.clause, kind, text);
  const discard = (): void => {
    for (const suffix of DRAFT_FIELDS) o.drafts.delete(key + suffix);
    reset();
    textBox.current?.focus();
  };
  const onSubmit = (e: Event): void => {
    e.preventDefault();
    if (!unchanged)
      sendProposal(
        o,
        key,
        action,
        {
          clauseId: o.clause.id,
          kind,
          ...(kind === 'delete' ? {} : { text }),
          rationale,
        },
        reset,
      );
  };
  return (
    <form class="propose-form" onSubmit={onSubmit}>
      <h3>{nt('amendments.proposeTitle', { delegation: o.user.delegation ?? '' })}</h3>
      <KindChoice
        legend={nt('amendments.kindLegend')}
        name={`${key}-kind`}
        kinds={AMENDMENT_KINDS}
        checked={kind}
        label={(k) => nt(`amendments.kind.${k}`)}
        pick={proposal.pick}
      />
      <div class="field" hidden={kind === 'delete'}>
        <label for={`${key}-text`}>{nt('amendments.text')}</label>
        <p class="hint">{nt('amendments.markupHint')}</p>
        <textarea
          id={`${key}-text`}
          ref={textBox}
          rows={6}
          class="amendment-text"
          value={text}
          onInput={(e) => proposal.typeText(e.currentTarget.value)}
        />
      </div>
      <DiffPreview diff={diff} unchanged={unchanged} />
      <RationaleField
        id={`${key}-rationale`}
        class="amendment-rationale"
        value={rationale}
        type={proposal.typeRationale}
      />
      <div class="form-row">
        <ActionButton
          actions={o.actions}
          name={action}
          type="submit"
          id={`${key}-submit`}
          class="primary"
          disabled={unchanged}
        >
          {nt('amendments.submit')}
        </ActionButton>
        <button type="button" id={`${key}-discard`} class="link discard-draft" onClick={discard}>
          {nt('amendments.discard')}
        </button>
      </div>
      <p class="status-line" role="status" aria-live="polite">
        {flashOf(o.flashes, key)}
      </p>
      <ActionError actions={o.actions} names={action} format={negotiationError} />
    </form>
  );
}

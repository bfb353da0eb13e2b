import type { AmendmentJson } from '../../shared/api/amendments.js';
import { AMENDMENT_KINDS, type AmendmentKind } from '../../shared/domain/amendments.js';
import type { SessionUser } from '../../shared/api/auth.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import type { RequestOf } from '../../shared/api/route.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Stage } from '../../shared/domain/stages.js';
import { can } from '../../shared/domain/permissions.js';
import { wordDiff } from '../../shared/domain/wordDiff.js';
import { clauseFromJSON } from '../../shared/editor/schema.js';
import { parseMarkup, toMarkup } from '../../shared/editor/markup.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import type { Actions } from '../api/actions.js';
import { h } from '../dom.js';
import { actionError, bindAction } from './actionControls.js';
import { negotiationError, nt, renderDiff, statusLine } from './negotiationKit.js';
import { amendmentCard } from './amendmentCard.js';
import { keptDrafts, type DraftMap } from './drafts.js';
import { sayIfSignedOut, watchSessionEnd } from './sessionEnded.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import { spanProposeForm } from './spanAmendments.js';

export interface AmendmentsPanelOptions {
  documentId: string;
  clause: ClauseJson;
  stage: Stage;
  user: SessionUser;
  /** Every amendment of the document (the panel shows this clause's). */
  amendments: AmendmentJson[];
  reload(): Promise<void>;
  /**
   * The page's unsent texts by field id, kept across re-renders; the panel also keeps a proposal's kind, text and
   * rationale (and a decision's note) in the browser's storage for this person and document until sent or
   * discarded (`keptDrafts`).
   */
  drafts: DraftMap;
  /** The reader's actions: each button disabled while its request is in flight, its error kept. */
  actions: Actions;
  /** Words the reader selected in this clause: a delegate may amend exactly those. */
  selection: ClauseSelection | null;
  /** Turns a selection into a span of the live text. */
  anchors: AnchorMaker;
  /** Forgets the selection (once its amendment is sent). */
  clearSelection(): void;
}

/** The panel's options as its parts use them: `drafts` kept in storage, `flashes` (confirmations) in the page. */
type PanelOptions = AmendmentsPanelOptions & { flashes: DraftMap };

/** The fields of a proposal that are kept as a draft, after `amend-<clauseId>`. */
const DRAFT_FIELDS = ['-kind', '-text', '-rationale'];

/** What a card needs to offer the reader's actions on an amendment. */
export type CardOptions = Pick<AmendmentsPanelOptions, 'user' | 'stage' | 'reload' | 'drafts' | 'actions'>;

/**
 * The amendments to one clause, side by side when they compete: each with its sponsors in order of joining,
 * its word diff against the text it was written against (and against today's text when stale), its status
 * and the actions the reader may take. Delegates and heads propose from here, with a live diff preview.
 */
export function AmendmentsPanel(page: AmendmentsPanelOptions): HTMLElement {
  const path = `/documents/${encodeURIComponent(page.documentId)}`;
  watchSessionEnd(page.user.username, path);
  // Flashes stay in the page's map; every text goes through the kept drafts.
  const o = {
    ...page,
    flashes: page.drafts,
    drafts: keptDrafts(page.drafts, { username: page.user.username, documentId: page.documentId }),
  };
  const mine = o.amendments.filter((a) => a.clauseId === o.clause.id);
  const pending = mine.filter((a) => a.status === 'submitted' || a.status === 'put_to_vote');
  return h(
    'div',
    { class: 'amendments-panel' },
    pending.length > 1
      ? h('p', { class: 'conflict-note', role: 'note' }, nt('amendments.competing', { count: pending.length }))
      : null,
    mine.length
      ? h(
          'ol',
          { class: 'amendment-list' },
          mine.map((a) => h('li', null, amendmentCard(o, a))),
        )
      : h('p', { class: 'hint' }, nt('amendments.none')),
    can(o.user, 'amendment.propose', { stage: o.stage, clauseStatus: o.clause.status })
      ? [spanProposal(o), proposeForm(o)]
      : proposeUnavailable(o),
  );
}

/** With words selected in the clause, the form amending exactly those; else how to get there. */
function spanProposal(o: PanelOptions): HTMLElement {
  if (!o.selection) return h('p', { class: 'hint span-hint' }, nt('amendments.span.hint'));
  return spanProposeForm({
    clauseId: o.clause.id,
    delegation: o.user.delegation ?? '',
    selection: o.selection,
    anchors: o.anchors,
    actions: o.actions,
    drafts: o.drafts,
    send: (action, body) => {
      o.clearSelection();
      sendProposal(o, `amend-span-${o.clause.id}`, action, body);
    },
  });
}

function proposeUnavailable(o: PanelOptions): HTMLElement | null {
  if (o.user.role !== 'head' && o.user.role !== 'delegate') return null;
  return h(
    'p',
    { class: 'hint' },
    nt(o.clause.status === 'agreed_ad_ref' ? 'amendments.lockedHint' : 'amendments.stageHint'),
  );
}

/** The clause's current text in the light markup, as a replacement starts from. */
function currentMarkup(clause: ClauseJson): string {
  try {
    return clause.content ? toMarkup(clauseFromJSON(clause.content)) : clause.text;
  } catch {
    return clause.text;
  }
}

/**
 * The form's status line. The panel is rebuilt when the new amendment is listed (and whenever others act):
 * the confirmation stays for a few seconds across those rebuilds.
 */
function proposalStatus(o: PanelOptions, key: string): ReturnType<typeof statusLine> {
  const status = statusLine();
  const flash = o.flashes.get(`${key}-flash`)?.split('\n');
  if (flash && Number(flash[0]) > Date.now()) status.ok(flash[1]!);
  else o.flashes.delete(`${key}-flash`);
  return status;
}

/** The kinds of amendment, one checked; `pick` is told the one the person checks. */
function kindChoice(key: string, kind: AmendmentKind, pick: (k: AmendmentKind) => void): HTMLElement {
  return h(
    'fieldset',
    { class: 'kinds' },
    h('legend', null, nt('amendments.kindLegend')),
    AMENDMENT_KINDS.map((k) =>
      h(
        'label',
        null,
        h('input', { type: 'radio', name: `${key}-kind`, value: k, checked: k === kind, onchange: () => pick(k) }),
        ' ',
        nt(`amendments.kind.${k}`),
      ),
    ),
  );
}

/** Sends the proposal as the action `propose:<clauseId>`; the drafts go and a confirmation stays a while. */
function sendProposal(
  o: PanelOptions,
  key: string,
  action: string,
  body: RequestOf<typeof ROUTES.proposeAmendment>['body'],
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
      o.flashes.set(`${key}-flash`, `${Date.now() + 8000}\n${nt('amendments.submitted')}`);
      await o.reload().catch(() => {});
    },
    { about: ['stage', `clause:${o.clause.id}`] },
  );
}

/** A text box whose text is kept as the draft `id` (or starts as `initial`); `changed` is told of each edit. */
function keptBox(
  o: PanelOptions,
  id: string,
  attrs: Record<string, unknown>,
  initial: string,
  changed: () => void = () => {},
): HTMLTextAreaElement {
  const oninput = (e: Event): void => {
    o.drafts.set(id, (e.target as HTMLTextAreaElement).value);
    changed();
  };
  return h('textarea', { ...attrs, id, value: o.drafts.get(id) ?? initial, oninput });
}

/** Throws the proposal's draft away; `reset` puts the form back as it starts. */
function discardButton(o: PanelOptions, key: string, reset: () => void): HTMLElement {
  const onclick = (): void => {
    for (const suffix of DRAFT_FIELDS) o.drafts.delete(key + suffix);
    reset();
  };
  return h(
    'button',
    { type: 'button', id: `${key}-discard`, class: 'link discard-draft', onclick },
    nt('amendments.discard'),
  );
}

/** A delegation's proposal of an amendment to the clause: its kind, its text, a live diff preview, its rationale. */
function proposeForm(o: PanelOptions): HTMLElement {
  const key = `amend-${o.clause.id}`;
  const action = `propose:${o.clause.id}`;
  const status = proposalStatus(o, key);
  let kind: AmendmentKind = (o.drafts.get(`${key}-kind`) as AmendmentKind | undefined) ?? 'replace';
  let unchanged = false;
  const text = keptBox(o, `${key}-text`, { rows: 6, class: 'amendment-text' }, currentMarkup(o.clause), () =>
    preview(),
  );
  const rationale = keptBox(o, `${key}-rationale`, { rows: 3, class: 'amendment-rationale', required: true }, '');
  const textField = h(
    'div',
    { class: 'field' },
    h('label', { for: text.id }, nt('amendments.text')),
    h('p', { class: 'hint' }, nt('amendments.markupHint')),
    text,
  );
  const previewBox = h('div', { class: 'diff-preview', 'aria-live': 'polite' });
  const submit = bindAction(
    o.actions,
    action,
    h('button', { type: 'submit', id: `${key}-submit`, class: 'primary' }, nt('amendments.submit')),
    () => unchanged,
  );
  const preview = (): void => {
    const proposed = kind === 'delete' ? '' : clauseToPlainText(parseMarkup(text.value));
    const diff = kind === 'insert_after' ? wordDiff('', proposed) : wordDiff(o.clause.text, proposed);
    unchanged = kind === 'replace' && diff.every((part) => part.op === 'equal');
    previewBox.replaceChildren(
      h('p', { class: 'label' }, nt('amendments.preview')),
      unchanged ? h('p', { class: 'hint' }, nt('amendments.unchanged')) : renderDiff(diff),
    );
    textField.hidden = kind === 'delete';
    submit.disabled = unchanged || o.actions.isBusy(action);
  };
  const kinds = kindChoice(key, kind, (k) => {
    if (k === 'insert_after' && kind !== 'insert_after' && text.value === currentMarkup(o.clause)) text.value = '';
    if (k === 'replace' && !text.value.trim()) text.value = currentMarkup(o.clause);
    kind = k;
    o.drafts.set(`${key}-kind`, k);
    preview();
  });
  preview();
  const discard = discardButton(o, key, () => {
    kind = 'replace';
    kinds.querySelector<HTMLInputElement>('input[value="replace"]')!.checked = true;
    [text.value, rationale.value] = [currentMarkup(o.clause), ''];
    preview();
    text.focus();
  });
  const onsubmit = (e: Event): void => {
    e.preventDefault();
    if (!unchanged)
      sendProposal(o, key, action, {
        clauseId: o.clause.id,
        kind,
        ...(kind === 'delete' ? {} : { text: text.value }),
        rationale: rationale.value,
      });
  };
  return h(
    'form',
    { class: 'propose-form', onsubmit },
    h('h3', null, nt('amendments.proposeTitle', { delegation: o.user.delegation ?? '' })),
    kinds,
    textField,
    previewBox,
    h('div', { class: 'field' }, h('label', { for: rationale.id }, nt('amendments.rationale')), rationale),
    h('div', { class: 'form-row' }, submit, discard),
    status.el,
    actionError(o.actions, action, negotiationError),
  );
}

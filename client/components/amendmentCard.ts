import type { CardOptions } from './AmendmentsPanel.js';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import { dateTime } from '../i18n/dates.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { Sender } from '../api/http.js';
import { h } from '../dom.js';
import { actionButton, actionError } from './actionControls.js';
import { delegationTag, negotiationError, nt, plainParagraphs, renderDiff } from './negotiationKit.js';
import { spanChange } from './spanAmendments.js';
import { wordDiff } from '../../shared/domain/wordDiff.js';

/** The amendment's status and what it does to which clause (to some of its words, for one on a span). */
function cardHeader(a: AmendmentJson): HTMLElement {
  const ref = a.clauseRef ? refLabel(a.clauseRef) : '—';
  return h(
    'header',
    null,
    h('span', { class: `badge amendment-status status-${a.status}` }, nt(`amendments.status.${a.status}`)),
    ' ',
    h(
      'strong',
      null,
      a.span ? nt(`amendments.span.kindOfRef.${a.span.action}`, { ref }) : nt(`amendments.kindOf.${a.kind}`, { ref }),
    ),
  );
}

/** One amendment as negotiators read it (also used by the compilation view, without actions). */
export function amendmentCard(o: CardOptions | null, a: AmendmentJson): HTMLElement {
  const sponsors = h(
    'p',
    { class: 'sponsors' },
    h('span', { class: 'label' }, nt('amendments.proposedBy')),
    ' ',
    delegationTag(a.delegation),
    a.cosponsors.length
      ? [
          ' · ',
          h('span', { class: 'label' }, nt('amendments.cosponsors')),
          ' ',
          a.cosponsors.map((s, i) => [i ? ', ' : '', delegationTag(s.delegation)]),
        ]
      : null,
  );
  return h(
    'article',
    {
      class: `amendment status-${a.status}${a.stale ? ' stale' : ''}`,
      'data-amendment-id': a.id,
      'aria-label': nt('amendments.cardLabel', {
        delegation: a.delegation,
        kind: nt(`amendments.kind.${a.kind}`),
        status: nt(`amendments.status.${a.status}`),
      }),
    },
    cardHeader(a),
    sponsors,
    a.span ? h('p', { class: 'span-change' }, spanChange(a)) : null,
    h(
      'p',
      { class: 'meta' },
      a.proposer.displayName,
      ' · ',
      h('time', { datetime: a.createdAt }, dateTime(a.createdAt)),
    ),
    renderDiff(a.diff),
    a.stale
      ? h(
          'div',
          { class: 'stale-note', role: 'note' },
          a.span
            ? [
                h('p', null, nt('amendments.span.stale')),
                renderDiff(wordDiff(a.span.quote, a.span.currentQuote), 'word-diff current'),
                a.diffCurrent ? h('p', null, nt('amendments.span.staleNow')) : null,
              ]
            : h('p', null, nt('amendments.stale')),
          a.diffCurrent ? renderDiff(a.diffCurrent, 'word-diff current') : null,
        )
      : null,
    a.clauseDeleted && (a.status === 'submitted' || a.status === 'put_to_vote')
      ? h('p', { class: 'stale-note' }, nt('amendments.clauseDeleted'))
      : null,
    a.conflictsWith.length
      ? h('p', { class: 'conflict-note' }, nt('amendments.conflicts', { count: a.conflictsWith.length }))
      : null,
    h(
      'div',
      { class: 'rationale' },
      h('span', { class: 'label' }, nt('amendments.rationale')),
      plainParagraphs(a.rationale),
    ),
    a.decision?.note
      ? h(
          'div',
          { class: 'decision-note' },
          h('span', { class: 'label' }, nt('amendments.note')),
          plainParagraphs(a.decision.note),
        )
      : null,
    o ? actions(o, a) : null,
    o ? actionError(o.actions, `amendment:${a.id}`, negotiationError) : null,
  );
}

/**
 * The buttons the reader may press on a submitted amendment. They are one action per amendment: while one
 * runs (a co-sponsorship, a decision) the others wait, and its error shows under the card.
 */
function actions(o: CardOptions, a: AmendmentJson): HTMLElement | null {
  if (a.status !== 'submitted') return null;
  const params = { id: a.id };
  const action = `amendment:${a.id}`;
  const run = (
    label: string,
    id: string,
    perform: (send: Sender) => Promise<unknown>,
    primary = false,
  ): HTMLButtonElement =>
    actionButton(
      o.actions,
      action,
      { id: `${id}-${a.id}`, class: primary ? 'primary small' : 'small' },
      label,
      async (send) => {
        await perform(send);
        await o.reload().catch(() => {});
      },
      { about: [action, 'stage'] },
    );
  const buttons: HTMLElement[] = [];
  const code = o.user.delegation;
  if (code && code === a.delegation && can(o.user, 'amendment.withdraw', { stage: o.stage })) {
    buttons.push(run(nt('amendments.withdraw'), 'withdraw', (send) => send.call(ROUTES.withdrawAmendment, { params })));
  }
  if (code && code !== a.delegation && can(o.user, 'amendment.cosponsor', { stage: o.stage })) {
    const joined = a.cosponsors.some((s) => s.delegation === code);
    buttons.push(
      joined
        ? run(nt('amendments.leave'), 'leave', (send) => send.call(ROUTES.leaveCosponsorship, { params }))
        : run(nt('amendments.cosponsor'), 'cosponsor', (send) => send.call(ROUTES.cosponsor, { params }), true),
    );
  }
  if (can(o.user, 'amendment.decide', { stage: o.stage })) {
    const noteId = `note-${a.id}`;
    const note = h('textarea', {
      id: noteId,
      rows: 2,
      class: 'decision-input',
      value: o.drafts.get(noteId) ?? '',
      oninput: () => o.drafts.set(noteId, note.value),
    });
    const confirmStale = a.stale ? h('input', { type: 'checkbox', id: `stale-${a.id}` }) : null;
    const decide = (decision: 'accept' | 'reject') => async (send: Sender) => {
      await send.call(ROUTES.decideAmendment, {
        params,
        body: {
          decision,
          ...(note.value.trim() ? { note: note.value } : {}),
          ...(decision === 'accept' && confirmStale?.checked ? { acceptStale: true } : {}),
        },
      });
      o.drafts.delete(noteId);
    };
    return h(
      'div',
      { class: 'amendment-actions' },
      buttons,
      h(
        'div',
        { class: 'decision' },
        h('label', { for: noteId }, nt('amendments.noteLabel')),
        note,
        confirmStale
          ? h('p', null, confirmStale, ' ', h('label', { for: confirmStale.id }, nt('amendments.confirmStale')))
          : null,
        h(
          'div',
          { class: 'form-row' },
          run(nt('amendments.accept'), 'accept', decide('accept'), true),
          run(nt('amendments.reject'), 'reject', decide('reject')),
        ),
      ),
    );
  }
  return buttons.length ? h('div', { class: 'amendment-actions' }, buttons) : null;
}

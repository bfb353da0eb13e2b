import type { AmendmentJson } from '../../shared/api/amendments.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { delegationTag, plainParagraphs, renderDiff } from '../components/negotiationKit.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { VotingData } from './votingCommon.js';

/**
 * What a vote decides, as a delegation reads it before casting its ballot: the clause's text as it stands, the
 * amendment's words struck and underlined (the shared word diff, against today's text when the clause has
 * changed since it was proposed) with its sponsors and rationale, or the whole text with a way to read it.
 */
export function VoteSubject(vote: Pick<VoteJson, 'id' | 'subject'>, data: VotingData): HTMLElement {
  const titleId = `subject-${vote.id}`;
  return h(
    'section',
    { class: 'ballot-subject', 'aria-labelledby': titleId },
    h('h4', { id: titleId }, t('voting:delegation.onTheVote')),
    subjectBody(vote, data),
  );
}

function subjectBody(vote: Pick<VoteJson, 'subject'>, data: VotingData): HTMLElement | HTMLElement[] {
  const { type, id } = vote.subject;
  if (type === 'document') {
    return h(
      'p',
      null,
      t('voting:delegation.wholeText'),
      ' ',
      h('a', { href: `/documents/${encodeURIComponent(data.doc.id)}` }, t('voting:delegation.readText')),
    );
  }
  if (type === 'clause') {
    const clause = data.doc.clauses.find((c) => c.id === id);
    if (!clause) return h('p', { class: 'hint' }, t('voting:subject.deletedClause'));
    return h('blockquote', { class: 'subject-text', 'data-ref': clause.ref }, plainParagraphs(clause.text));
  }
  const amendment = data.amendments.find((a) => a.id === id);
  return amendment ? amendmentBody(amendment) : h('p', { class: 'hint' }, t('voting:delegation.subjectUnknown'));
}

/** The amendment: what it does, who sponsors it, its words struck and underlined, and why. */
function amendmentBody(a: AmendmentJson): HTMLElement[] {
  const diff = a.stale && a.diffCurrent ? a.diffCurrent : a.diff;
  return [
    h(
      'p',
      { class: 'subject-amendment' },
      h(
        'strong',
        null,
        a.span
          ? t(`negotiation:amendments.span.kindOfRef.${a.span.action}`, { ref: a.clauseRef ?? '—' })
          : t(`negotiation:amendments.kindOf.${a.kind}`, { ref: a.clauseRef ?? '—' }),
      ),
      ' · ',
      t('negotiation:amendments.proposedBy'),
      ' ',
      delegationTag(a.delegation),
      a.cosponsors.length
        ? [
            ', ',
            t('negotiation:amendments.cosponsors'),
            ' ',
            a.cosponsors.map((s, i) => [i ? ', ' : '', delegationTag(s.delegation)]),
          ]
        : null,
    ),
    h('p', { class: 'hint' }, t('voting:delegation.diffLegend')),
    renderDiff(diff, 'word-diff subject-diff'),
    h(
      'div',
      { class: 'rationale' },
      h('span', { class: 'label' }, t('negotiation:amendments.rationale')),
      plainParagraphs(a.rationale),
    ),
  ];
}

import type { AdoptionRecord } from '../../shared/api/documents.js';
import { fingerprintValue } from '../components/fingerprint.js';
import { h, type Child } from '../dom.js';
import { t } from '../i18n/index.js';
import { subjectLabel, type VotingData } from './votingCommon.js';

/** The votes and amendments that lapsed at adoption, in words. */
/** How the text was adopted, in words: by a vote, without one (with the objection window), or under silence. */
export function adoptionMethodText(adoption: AdoptionRecord): string {
  if (adoption.method === 'vote') return t('voting:fingerprint.byVote');
  const count = adoption.objectionWindowMinutes ?? 0;
  return adoption.silence
    ? t('voting:fingerprint.underSilence', { count })
    : t('voting:fingerprint.withoutVote', { count });
}

export function lapsedItems(data: VotingData): string[] {
  return [
    ...data.votes
      .filter((v) => v.status === 'lapsed')
      .map((v) => t('voting:projector.lapsedVote', { subject: subjectLabel(v, data) })),
    ...data.amendments
      .filter((a) => a.status === 'lapsed')
      .map((a) => subjectLabel({ subject: { type: 'amendment', id: a.id } }, data)),
  ];
}

/** The adoption as the ledger recorded it: the adopted text's fingerprint, how it was adopted, what lapsed. */
function adoptionRecord(data: VotingData): HTMLElement | null {
  const adoption = data.doc.adoption;
  if (!adoption) return null;
  const lapsed = lapsedItems(data);
  return h(
    'dl',
    { class: 'adoption-record' },
    h('dt', null, t('voting:fingerprint.text')),
    h('dd', null, fingerprintValue(adoption.fingerprint, t('voting:fingerprint.full'))),
    h('dt', null, t('voting:fingerprint.method')),
    h('dd', null, adoptionMethodText(adoption)),
    lapsed.length
      ? [
          h('dt', null, t('voting:status.lapsed')),
          h(
            'dd',
            null,
            h(
              'ul',
              { class: 'lapsed-list' },
              lapsed.map((l) => h('li', null, l)),
            ),
          ),
        ]
      : null,
  );
}

/** What the stepper says under its steps: how the stages go, or once adopted, that it is final and its record. */
export function stepperNote(data: VotingData): Child {
  if (data.doc.stage !== 'adopted')
    return h(
      'p',
      { class: 'hint' },
      t(data.doc.stage === 'adoption' ? 'voting:stepper.hintAdoption' : 'voting:stepper.hint'),
    );
  return [h('p', null, t('voting:chair.adoptedFinal')), adoptionRecord(data)];
}

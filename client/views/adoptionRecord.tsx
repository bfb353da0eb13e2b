import type { AdoptionRecord as AdoptionJson } from '../../shared/api/documents.js';
import { Fingerprint } from '../components/fingerprint.js';
import { t } from '../i18n/index.js';
import { subjectLabel, type VotingData } from './votingCommon.js';

/** How the text was adopted, in words: by a vote, without one (with the objection window), or under silence. */
export function adoptionMethodText(adoption: AdoptionJson): string {
  if (adoption.method === 'vote') return t('voting:fingerprint.byVote');
  const count = adoption.objectionWindowMinutes ?? 0;
  return adoption.silence
    ? t('voting:fingerprint.underSilence', { count })
    : t('voting:fingerprint.withoutVote', { count });
}

/** The votes and amendments that lapsed at adoption, in words. */
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
function AdoptionRecord({ adoption, data }: { adoption: AdoptionJson; data: VotingData }) {
  const lapsed = lapsedItems(data);
  return (
    <dl class="adoption-record">
      <dt>{t('voting:fingerprint.text')}</dt>
      <dd>
        <Fingerprint hex={adoption.fingerprint} fullLabel={t('voting:fingerprint.full')} />
      </dd>
      <dt>{t('voting:fingerprint.method')}</dt>
      <dd>{adoptionMethodText(adoption)}</dd>
      {lapsed.length ? (
        <>
          <dt>{t('voting:status.lapsed')}</dt>
          <dd>
            <ul class="lapsed-list">
              {lapsed.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** What the stepper says under its steps: how the stages go, or once adopted, that it is final and its record. */
export function StepperNote({ data }: { data: VotingData }) {
  const { stage, adoption } = data.doc;
  if (stage !== 'adopted')
    return <p class="hint">{t(stage === 'adoption' ? 'voting:stepper.hintAdoption' : 'voting:stepper.hint')}</p>;
  return (
    <>
      <p>{t('voting:chair.adoptedFinal')}</p>
      {adoption ? <AdoptionRecord adoption={adoption} data={data} /> : null}
    </>
  );
}

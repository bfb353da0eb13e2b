import type { DelegationJson } from '../../shared/api/admin.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { CountryFlag } from '../components/flag.js';
import { t } from '../i18n/index.js';
import { countsText, delegationName, subjectLabel, type VotingData } from './votingCommon.js';

/** The parts every voting screen draws alike (the console, the delegation page, the projector). */

/** Result of a closed vote as a block: outcome in words, then the counts. */
export function ResultBlock({ vote }: { vote: VoteJson }) {
  const result = vote.result!;
  return (
    <div class={`vote-result outcome-${result.outcome}`} data-outcome={result.outcome}>
      <strong class="outcome">{t(`voting:outcome.${result.outcome}`)}</strong>{' '}
      <span class="counts">{countsText(result, result.registered)}</span>
    </div>
  );
}

/** A vote that lapsed at adoption, in words: it decided nothing (no result, no recorded vote). */
export function LapsedBlock() {
  return (
    <div class="vote-lapsed" data-outcome="lapsed">
      <strong class="outcome">{t('voting:status.lapsed')}</strong>{' '}
      <span class="hint">{t('voting:lapsed.explain')}</span>
    </div>
  );
}

/** A lapsed vote in a list of results. */
export function LapsedCard({
  vote,
  data,
}: {
  vote: VoteJson;
  data: Pick<VotingData, 'doc' | 'amendments' | 'delegations'>;
}) {
  return (
    <article class="vote-card lapsed" data-vote-id={vote.id} data-status={vote.status}>
      <p class="vote-subject">{subjectLabel(vote, data)}</p>
      <LapsedBlock />
    </article>
  );
}

/** The recorded vote: every delegation that took part, with its choice. */
export function RollCall({ vote, delegations }: { vote: VoteJson; delegations: readonly DelegationJson[] }) {
  return (
    <table class="data roll-call">
      <caption>{t('voting:chair.rollCall')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('voting:projector.board')}</th>
          <th scope="col">{t('voting:delegation.choose')}</th>
        </tr>
      </thead>
      <tbody>
        {vote.ballots.map((b) => (
          <tr key={b.delegation} data-delegation={b.delegation}>
            <th scope="row">
              <CountryFlag code={b.delegation} /> {delegationName(b.delegation, delegations)}
            </th>
            <td class={`choice choice-${b.choice}`}>{t(`voting:choice.${b.choice}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { DelegationJson } from '../../shared/api/admin.js';
import type { VoteJson } from '../../shared/api/votes.js';
import { calledNow } from '../../shared/domain/rollCall.js';
import { CountryFlag } from '../components/flag.js';
import { t } from '../i18n/index.js';
import { byName, delegationName } from './votingCommon.js';

/**
 * A vote by roll call on the big screen: the board in the calling order (from the State drawn by lot), the
 * State being called marked, and a line saying who was drawn and who is called now.
 */

/** The board's delegations: in the calling order for a roll call, else alphabetical in the interface language. */
export function boardOrder(vote: VoteJson, delegations: readonly DelegationJson[]): DelegationJson[] {
  if (!vote.rollCall) return byName(delegations);
  const byCode = new Map(delegations.map((d) => [d.code, d]));
  const called = vote.rollCall.flatMap((code) => byCode.get(code) ?? []);
  // A delegation registered after the draw is called last.
  return [...called, ...byName(delegations.filter((d) => !vote.rollCall!.includes(d.code)))];
}

/** The State being called in an open roll-call vote, or null. */
export function calledState(vote: VoteJson): string | null {
  return vote.rollCall && vote.status === 'open' ? calledNow(vote.rollCall, vote.voted) : null;
}

/** "Roll call from Italy, drawn by lot · Calling: Kazakhstan", or nothing for a vote without one. */
export function RollCallLine({ vote, delegations }: { vote: VoteJson; delegations: readonly DelegationJson[] }) {
  if (!vote.rollCall?.length) return null;
  const called = calledState(vote);
  return (
    <p class="projector-roll-call">
      {t('meeting:rollCall.drawn', { name: delegationName(vote.rollCall[0]!, delegations) })}
      {called ? (
        <>
          {' · '}
          <strong class="projector-called" data-delegation={called}>
            {t('meeting:rollCall.calling')} <CountryFlag code={called} /> {delegationName(called, delegations)}
          </strong>
        </>
      ) : null}
    </p>
  );
}

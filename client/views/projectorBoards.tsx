import type { EndorsementList, VoteJson } from '../../shared/api/votes.js';
import type { ConferenceKey } from '../api/ledger.js';
import { Fingerprint, KeyFingerprint } from '../components/fingerprint.js';
import { CountryFlag } from '../components/flag.js';
import { t } from '../i18n/index.js';
import { adoptionMethodText, lapsedItems } from './adoptionRecord.js';
import { boardOrder, calledState, RollCallLine } from './projectorRollCall.js';
import { ResultBlock } from './votingBlocks.js';
import { delegationName, subjectLabel, type VotingData } from './votingCommon.js';

/**
 * The projector's boards (ProjectorView.tsx places them): a vote's, every delegation as an equal tile
 * (`projectorFit.ts` lays the grid out after each draw), the adoption's record, and the endorsements.
 */

/** A delegation's tile: what it says and the state its colour follows. */
export function boardCell(vote: VoteJson, code: string): { state: string; label: string } {
  if (vote.status === 'closed') {
    const choice = vote.ballots.find((b) => b.delegation === code)?.choice ?? 'none';
    return { state: choice, label: t(`voting:choice.${choice}`) };
  }
  if (vote.voted.includes(code)) return { state: 'voted', label: t('voting:projector.voted') };
  if (code === calledState(vote)) return { state: 'called', label: t('meeting:rollCall.called') };
  return { state: 'waiting', label: t('voting:projector.notVoted') };
}

/**
 * A State's name on its tile, marked by length: the tiles are equal, so the few long names ("United Kingdom of
 * Great Britain and Northern Ireland") take a smaller size rather than spill over their tile's edge.
 */
function BoardName({ name }: { name: string }) {
  const length = name.length > 40 ? ' name-longest' : name.length > 24 ? ' name-long' : '';
  return <span class={`board-name${length}`}>{name}</span>;
}

/** Every delegation on the board: before the close whether it voted, after the close its choice. */
function VoteBoard({ vote, data }: { vote: VoteJson; data: VotingData }) {
  return (
    <ul class="vote-board" aria-label={t('voting:projector.board')}>
      {boardOrder(vote, data.delegations).map((d) => {
        const { state, label } = boardCell(vote, d.code);
        return (
          <li key={d.code} class={`board-cell board-${state}`} data-delegation={d.code} data-state={state}>
            <CountryFlag code={d.code} />
            <BoardName name={delegationName(d.code, data.delegations)} />
            <span class="board-mark">{label}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** A vote: its subject and rule, the progress or the result, the roll call's line, and the board. */
export function VoteSection({ vote, data }: { vote: VoteJson; data: VotingData }) {
  return (
    <section class="projector-vote" data-vote-id={vote.id} data-status={vote.status}>
      <h2 class="projector-label">
        {t('voting:projector.voteOn', { subject: subjectLabel(vote, data) })}
        {' · '}
        {t(`voting:rule.${vote.rule}`)}
      </h2>
      {vote.status === 'closed' ? (
        <div class="projector-result">
          <ResultBlock vote={vote} />
        </div>
      ) : (
        <p class="projector-progress" data-voted={vote.voted.length}>
          {t('voting:counts.voted', { voted: vote.voted.length, total: data.delegations.length })}
        </p>
      )}
      <RollCallLine vote={vote} delegations={data.delegations} />
      <VoteBoard vote={vote} data={data} />
    </section>
  );
}

/** How the text was adopted, its fingerprint and the key's, the adopting vote's result, and what lapsed. */
export function AdoptionSection({ data, keyOf }: { data: VotingData; keyOf: ConferenceKey | null }) {
  const adoption = data.doc.adoption;
  const byVote =
    adoption?.method === 'vote' ? data.votes.find((v) => v.id === adoption.vote && v.status === 'closed') : undefined;
  const lapsed = lapsedItems(data);
  return (
    <section class="projector-adoption" aria-labelledby="projector-adopted">
      <p id="projector-adopted" class="projector-adopted outcome-adopted">
        {t('voting:projector.adoptedDocument')}
      </p>
      {adoption ? <p class="projector-method">{adoptionMethodText(adoption)}</p> : null}
      {adoption ? (
        <dl class="projector-fingerprints">
          <dt>{t('voting:fingerprint.text')}</dt>
          <dd>
            <Fingerprint hex={adoption.fingerprint} fullLabel={t('voting:fingerprint.full')} />
          </dd>
          {keyOf ? (
            <>
              <dt>{t('voting:fingerprint.key')}</dt>
              <dd>
                <KeyFingerprint fingerprint={keyOf.fingerprint} />
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {lapsed.length ? (
        <p class="projector-lapsed">
          <strong>{t('voting:status.lapsed')}</strong>: {lapsed.join('; ')}
        </p>
      ) : null}
      {byVote ? <VoteSection vote={byVote} data={data} /> : null}
    </section>
  );
}

/** The endorsements as they come: how many of the delegations, and a tile for each. */
export function EndorsementBoard({ list, data }: { list: EndorsementList; data: VotingData }) {
  return (
    <section class="projector-endorsements">
      <h2>
        {t('voting:projector.endorsements')}
        {' — '}
        {t('voting:endorsement.progress', { count: list.endorsements.length, total: data.delegations.length })}
      </h2>
      <ul class="vote-board">
        {list.endorsements.map((e) => (
          <li key={e.delegation} class={`board-cell endorsement-${e.kind}`}>
            <CountryFlag code={e.delegation} />
            <BoardName name={delegationName(e.delegation, data.delegations)} />
            <span class="board-mark">{t(`voting:endorsement.kind.${e.kind}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { BallotJson, VoteJson } from '../../shared/api/votes.js';

/**
 * How the voting screens apply what the server tells them to the votes they hold: pure functions, one per
 * kind of news, each returning a new list (the chair's console replays them on a read that crossed them).
 */

/** Replaces a vote in a list (by id), or adds it at the end. */
export function upsertVote(votes: VoteJson[], vote: VoteJson): VoteJson[] {
  const i = votes.findIndex((v) => v.id === vote.id);
  if (i < 0) return [...votes, vote];
  const next = votes.slice();
  next[i] = vote;
  return next;
}

/**
 * A delegation's ballot in place in its vote, and the delegation among those who voted (a vote the list lacks:
 * unchanged): the chair's live tally, and a delegation's own ballot cast from another of its members' screens.
 */
export function withBallot(votes: VoteJson[], e: { voteId: string; ballot: BallotJson }): VoteJson[] {
  const vote = votes.find((v) => v.id === e.voteId);
  if (!vote) return votes;
  const { delegation } = e.ballot;
  return upsertVote(votes, {
    ...vote,
    ballots: [...vote.ballots.filter((b) => b.delegation !== delegation), e.ballot],
    voted: vote.voted.includes(delegation) ? vote.voted : [...vote.voted, delegation],
  });
}

/** A vote that lapsed, as the server tells it: it keeps choices private, so the ballots known here stay. */
export function withLapsed(votes: VoteJson[], vote: VoteJson): VoteJson[] {
  const known = votes.find((v) => v.id === vote.id);
  return upsertVote(votes, { ...vote, ballots: known?.ballots ?? vote.ballots });
}

/**
 * Who has voted in an open vote, as the public screens hear it (`vote:progress`, without the choices); a vote
 * the list lacks: unchanged.
 */
export function withVoted(votes: VoteJson[], e: { voteId: string; voted: string[] }): VoteJson[] {
  const vote = votes.find((v) => v.id === e.voteId);
  return vote ? upsertVote(votes, { ...vote, voted: e.voted }) : votes;
}

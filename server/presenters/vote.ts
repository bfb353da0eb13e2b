import type { Actor } from '../../shared/domain/roles.js';
import type { BallotJson, EndorsementJson, ExplanationJson, VoteJson } from '../../shared/api/votes.js';
import { choiceVisible } from '../../shared/domain/tally.js';
import type { AppContext } from '../context.js';
import type { BallotRow } from '../db/repositories/ballots.js';
import type { EndorsementRow } from '../db/repositories/endorsements.js';
import type { ExplanationRow } from '../db/repositories/explanations.js';
import { resultOf, type VoteRow } from '../db/repositories/votes.js';

export function presentBallot(row: BallotRow): BallotJson {
  return { delegation: row.delegation, choice: row.choice, castAt: row.cast_at, changes: row.changes };
}

export function presentExplanation(row: ExplanationRow): ExplanationJson {
  return { delegation: row.delegation, when: row.timing, text: row.text, at: row.created_at };
}

export function presentEndorsement(row: EndorsementRow): EndorsementJson {
  return { delegation: row.delegation, kind: row.kind, statement: row.statement, recordedAt: row.recorded_at };
}

/**
 * A vote as `reader` may see it: who has voted is public, a choice only when `choiceVisible` says so (every
 * choice once closed). Pass `reader: null` for what everyone may see.
 */
export async function presentVote(
  ctx: AppContext,
  row: VoteRow,
  reader: Pick<Actor, 'role' | 'delegation'> | null,
): Promise<VoteJson> {
  const closed = row.status === 'closed';
  const ballots = await ctx.store.ballots.forVote(row.id);
  const explanations = await ctx.store.explanations.forVote(row.id);
  const result = resultOf(row);
  return {
    id: row.id,
    documentId: row.document_id,
    subject: { type: row.subject_type, id: row.subject_id },
    rule: row.rule,
    quorum: row.quorum,
    registered: row.registered,
    status: row.status,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    ...(result ? { result } : {}),
    ballots: ballots
      .filter((b) => closed || (reader !== null && choiceVisible(reader, closed, b.delegation)))
      .map(presentBallot),
    voted: ballots.map((b) => b.delegation),
    ...(row.roll_call ? { rollCall: JSON.parse(row.roll_call) as string[] } : {}),
    explanations: explanations.map(presentExplanation),
  };
}

import {
  BALLOT_CHOICES,
  tally,
  VOTE_OUTCOMES,
  type BallotChoice,
  type VoteResult,
  type VoteRule,
} from '../../shared/domain/tally.js';
import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import type { AuditEntry } from '../db/repositories/audit.js';
import type { BallotRow } from '../db/repositories/ballots.js';
import { resultOf, type VoteRow } from '../db/repositories/votes.js';
import type { LedgerProblem } from './problems.js';
import { endsVote } from './checkpoints.js';

/**
 * Votes as the ledger tells them, rebuilt entry by entry: the rule and quorum from the opening entry, each
 * delegation's last choice from its ballot entries, the frozen result from the entry that closed the vote.
 * `check()` recomputes every result from those ballots and holds it against the closing entry, the `votes`
 * table and the `ballots` table, naming the vote and the delegation wherever they part.
 */

interface LedgerBallot {
  choice: BallotChoice;
  seq: number;
}

interface LedgerVote {
  id: string;
  documentId: string | null;
  openSeq: number;
  rule: VoteRule;
  quorum: number | null;
  registered: number | null;
  /** A roll-call vote's calling order, as its `vote.draw` entry recorded it; null for a vote without one. */
  rollCall: string[] | null;
  ballots: Map<string, LedgerBallot>;
  /** The entry that ended the vote (`endsVote`); `result` is null when it froze none (a vote that lapsed uncounted). */
  close: {
    seq: number;
    result: Partial<VoteResult> | null;
    ballots: { delegation: string; choice: string }[] | null;
  } | null;
}

const BALLOT_ACTIONS = new Set(['ballot.cast', 'ballot.change']);

export class VoteRecords {
  private readonly votes = new Map<string, LedgerVote>();
  readonly problems: LedgerProblem[] = [];

  get size(): number {
    return this.votes.size;
  }

  /** Reads one entry of the chain, in order. */
  accept(entry: AuditEntry): void {
    const id = entry.subject?.startsWith('vote:') ? entry.subject.slice(5) : null;
    if (!id) return;
    const p = entry.payload;
    if (entry.action === 'vote.open') {
      if (this.votes.has(id))
        return this.problem(entry, id, null, `vote ${id} is opened a second time at entry ${entry.seq}`);
      this.votes.set(id, {
        id,
        documentId: entry.documentId,
        openSeq: entry.seq,
        rule: p.rule as VoteRule,
        quorum: typeof p.quorum === 'number' ? p.quorum : null,
        registered: typeof p.registered === 'number' ? p.registered : null,
        rollCall: null,
        ballots: new Map(),
        close: null,
      });
      return;
    }
    const vote = this.votes.get(id);
    if (entry.action === 'vote.draw') return this.acceptDraw(entry, id, vote);
    if (BALLOT_ACTIONS.has(entry.action)) {
      const delegation = String(p.delegation);
      if (!vote)
        return this.problem(
          entry,
          id,
          delegation,
          `entry ${entry.seq} records a ballot of ${delegation} in vote ${id}, which the ledger never opened`,
        );
      if (vote.close)
        return this.problem(
          entry,
          id,
          delegation,
          `entry ${entry.seq} records a ballot of ${delegation} in vote ${id} after it closed at entry ${vote.close.seq}`,
        );
      if (!(BALLOT_CHOICES as readonly unknown[]).includes(p.choice))
        return this.problem(
          entry,
          id,
          delegation,
          `entry ${entry.seq} records an invalid choice for ${delegation} in vote ${id}`,
        );
      const before = vote.ballots.get(delegation);
      if (entry.action === 'ballot.change' ? before?.choice !== p.previous : before !== undefined) {
        this.problem(
          entry,
          id,
          delegation,
          `entry ${entry.seq} (${entry.action}) of ${delegation} in vote ${id} does not follow its previous ballot (${before ? `${before.choice} at entry ${before.seq}` : 'none'})`,
        );
      }
      vote.ballots.set(delegation, { choice: p.choice as BallotChoice, seq: entry.seq });
      return;
    }
    if (endsVote(entry)) {
      if (!vote)
        return this.problem(entry, id, null, `entry ${entry.seq} closes vote ${id}, which the ledger never opened`);
      if (vote.close)
        return this.problem(
          entry,
          id,
          null,
          `entry ${entry.seq} closes vote ${id} again (first closed at entry ${vote.close.seq})`,
        );
      vote.close = {
        seq: entry.seq,
        result: p.result && typeof p.result === 'object' ? (p.result as Partial<VoteResult>) : null,
        ballots: Array.isArray(p.ballots) ? (p.ballots as { delegation: string; choice: string }[]) : null,
      };
    }
  }

  /**
   * Holds every vote of the ledger against its stored rows (`votes`: every row of the table; `ballotsOf`: a
   * vote's ballot rows), and every stored vote against the ledger.
   */
  async check(votes: VoteRow[], ballotsOf: (voteId: string) => Promise<BallotRow[]>): Promise<LedgerProblem[]> {
    const out = [...this.problems];
    const rows = new Map(votes.map((v) => [v.id, v]));
    for (const vote of this.votes.values())
      out.push(...this.checkOne(vote, rows.get(vote.id), await ballotsOf(vote.id)));
    for (const row of votes) {
      if (!this.votes.has(row.id))
        out.push({
          code: 'vote_not_in_ledger',
          vote: row.id,
          message: `vote ${row.id} is in the votes table, but the ledger never opened it`,
        });
    }
    return out;
  }

  private checkOne(vote: LedgerVote, row: VoteRow | undefined, stored: BallotRow[]): LedgerProblem[] {
    const out: LedgerProblem[] = [];
    const say: Say = (code, message, delegation) => {
      out.push({ code, vote: vote.id, ...(delegation ? { delegation } : {}), message });
    };
    this.checkClosing(vote, say);
    if (!row) {
      say(
        'vote_missing',
        `vote ${vote.id} is in the ledger (opened at entry ${vote.openSeq}) but not in the votes table`,
      );
      return out;
    }
    this.checkRow(vote, row, say);
    this.checkBallots(vote, stored, say);
    return out;
  }

  /** The closing entry's result and roll call against the ledger's own ballots. */
  private checkClosing(vote: LedgerVote, say: Say): void {
    const { close } = vote;
    if (!close?.result) return;
    const recomputed = this.recompute(vote, close.result);
    if (typeof recomputed === 'string') say('result_not_recomputable', `vote ${vote.id}: ${recomputed}`);
    else if (!sameResult(recomputed, close.result)) {
      say(
        'result_disagrees_with_ballots',
        `vote ${vote.id}: the ledger's ballots give ${describe(recomputed)}, its closing entry ${close.seq} says ${describe(close.result)}`,
      );
    }
    if (!close.ballots) return;
    const listed = new Map(close.ballots.map((b) => [b.delegation, b.choice]));
    for (const [delegation, b] of vote.ballots) {
      if (listed.get(delegation) !== b.choice)
        say(
          'closing_roll_call_disagrees',
          `vote ${vote.id}: ${delegation} voted ${b.choice} (entry ${b.seq}), the closing entry lists ${listed.get(delegation) ?? 'no ballot'}`,
          delegation,
        );
    }
    for (const delegation of listed.keys()) {
      if (!vote.ballots.has(delegation))
        say(
          'closing_roll_call_disagrees',
          `vote ${vote.id}: the closing entry lists a ballot of ${delegation} that no ballot entry records`,
          delegation,
        );
    }
  }

  /** The votes table's row (rule, quorum and its base, roll-call order, status, frozen result) against the ledger. */
  private checkRow(vote: LedgerVote, row: VoteRow, say: Say): void {
    const { close } = vote;
    if ((row.roll_call ?? null) !== (vote.rollCall ? JSON.stringify(vote.rollCall) : null))
      say(
        'roll_call_disagrees',
        `vote ${vote.id}: the votes table calls ${row.roll_call ?? 'no roll'}; the ledger drew ${vote.rollCall ? JSON.stringify(vote.rollCall) : 'no roll call'}`,
      );
    if (row.rule !== vote.rule || (row.quorum ?? null) !== vote.quorum) {
      say(
        'vote_rule_disagrees',
        `vote ${vote.id}: the votes table says ${row.rule}, quorum ${row.quorum ?? 'none'}; the ledger opened it under ${vote.rule}, quorum ${vote.quorum ?? 'none'}`,
      );
    }
    // The quorum's base was frozen at opening: a table changed since would move a quorum the ledger never saw.
    if (vote.registered !== null && row.registered !== null && row.registered !== vote.registered) {
      say(
        'vote_rule_disagrees',
        `vote ${vote.id}: the votes table counts ${row.registered} registered delegations; the ledger opened it with ${vote.registered}`,
      );
    }
    if (
      vote.registered !== null &&
      typeof close?.result?.registered === 'number' &&
      close.result.registered !== vote.registered
    ) {
      say(
        'vote_rule_disagrees',
        `vote ${vote.id}: the closing entry ${close.seq} counts ${close.result.registered} registered delegations; the ledger opened it with ${vote.registered}`,
      );
    }
    if (close && row.status === 'open')
      say('vote_not_closed', `vote ${vote.id} closed at entry ${close.seq}, but the votes table still has it open`);
    if (!close && row.status !== 'open')
      say(
        'vote_closed_outside_ledger',
        `vote ${vote.id} is ${row.status} in the votes table, but the ledger never closed it (entries removed?)`,
      );
    const frozen = resultOf(row);
    // Both are written from one object when the vote closes: any difference at all is a change.
    if (close && (frozen || close.result) && canonicalJson(frozen ?? null) !== canonicalJson(close.result)) {
      say(
        'frozen_result_disagrees',
        `vote ${vote.id}: the votes table's frozen result says ${describe(frozen)}, the ledger's closing entry ${close.seq} says ${describe(close.result)}`,
      );
    }
  }

  /** The ballots table against the ledger's ballots, both ways. */
  private checkBallots(vote: LedgerVote, stored: BallotRow[], say: Say): void {
    const tableChoices = new Map(stored.map((b) => [b.delegation, b]));
    for (const [delegation, b] of vote.ballots) {
      const rowBallot = tableChoices.get(delegation);
      if (!rowBallot)
        say(
          'ballot_missing',
          `vote ${vote.id}: ${delegation} voted ${b.choice} (entry ${b.seq}), but the ballots table has no ballot of ${delegation}`,
          delegation,
        );
      else if (rowBallot.choice !== b.choice)
        say(
          'ballot_disagrees',
          `vote ${vote.id}: the ballots table says ${delegation} voted ${rowBallot.choice}, the ledger says ${b.choice} (entry ${b.seq})`,
          delegation,
        );
      else if (rowBallot.ledger_seq !== null && rowBallot.ledger_seq !== b.seq)
        say(
          'ballot_link_disagrees',
          `vote ${vote.id}: the ballot of ${delegation} points at entry ${rowBallot.ledger_seq}, its last ledger entry is ${b.seq}`,
          delegation,
        );
    }
    for (const b of stored) {
      if (!vote.ballots.has(b.delegation))
        say(
          'ballot_not_in_ledger',
          `vote ${vote.id}: the ballots table has a ballot of ${b.delegation} (${b.choice}) that no ledger entry records`,
          b.delegation,
        );
    }
  }

  /** The result the ledger's ballots give under the vote's rule and quorum, or why it cannot be computed. */
  private recompute(vote: LedgerVote, recorded: Partial<VoteResult>): VoteResult | string {
    // The quorum's base: the registered count the vote froze (at opening; older closings recorded their own).
    const registered = typeof recorded.registered === 'number' ? recorded.registered : vote.registered;
    if (registered === null) return 'neither its opening nor its closing entry records the registered delegations';
    try {
      return tally(
        vote.rule,
        [...vote.ballots].map(([delegation, b]) => ({ delegation, choice: b.choice })),
        { quorum: vote.quorum, registered, roll: Array.isArray(recorded.roll) ? recorded.roll : null },
      );
    } catch (error) {
      return (error as Error).message;
    }
  }

  /** A roll call's draw: the order it recorded, the State drawn first. */
  private acceptDraw(entry: AuditEntry, id: string, vote: LedgerVote | undefined): void {
    const p = entry.payload;
    if (!vote) return this.problem(entry, id, null, `entry ${entry.seq} draws lots in vote ${id}, never opened`);
    vote.rollCall = Array.isArray(p.order) ? p.order.map(String) : [];
    if (vote.rollCall[0] !== p.first)
      this.problem(
        entry,
        id,
        null,
        `entry ${entry.seq}: the State drawn, ${String(p.first)}, is not first in the order`,
      );
  }

  private problem(entry: AuditEntry, vote: string, delegation: string | null, message: string): void {
    this.problems.push({
      code: 'vote_entry_out_of_place',
      seq: entry.seq,
      vote,
      ...(delegation ? { delegation } : {}),
      message,
    });
  }
}

/** Records one problem of the vote being checked. */
type Say = (code: string, message: string, delegation?: string) => void;

/**
 * Whether two results agree: the counts always, the outcome when both are tally outcomes (a vote that
 * lapsed records an outcome of its own).
 */
function sameResult(a: Partial<VoteResult>, b: Partial<VoteResult>): boolean {
  if ((['yes', 'no', 'abstain', 'present'] as const).some((f) => a[f] !== b[f])) return false;
  const outcomes = VOTE_OUTCOMES as readonly unknown[];
  return !(outcomes.includes(a.outcome) && outcomes.includes(b.outcome)) || a.outcome === b.outcome;
}

function describe(r: Partial<VoteResult> | null | undefined): string {
  if (!r) return 'no result';
  return `${r.outcome ?? '?'} (${r.yes ?? '?'} yes, ${r.no ?? '?'} no, ${r.abstain ?? '?'} abstain, ${r.present ?? '?'} present)`;
}

/**
 * The soak's load and its voting roles: the chair opening and closing votes on the second document, the heads
 * casting and changing ballots, each answer recorded in the ledger of what must survive (soakCheck.ts).
 */
import { VOTES, type Ledger } from './soakCheck.js';
import { sleep, type Actor, type Peer } from './soakLoad.js';

const CHOICES = ['yes', 'no', 'abstain'] as const;

/** One cycle's load: the server, the people, what was acknowledged, the draft's clauses and the typists' peers. */
export interface Load {
  actors: Map<string, Actor>;
  ledger: Ledger;
  clauses: string[];
  peers: Peer[];
  stop(): boolean;
  pick<T>(list: readonly T[]): T;
  pause(min: number, max: number): Promise<void>;
  /** The vote the chair has open, for the heads to vote in. */
  current?: string;
}

/** The chair closes what a killed cycle left open, then opens and closes votes on the second document. */
export async function chairing(load: Load): Promise<void> {
  const chair = load.actors.get('chair')!;
  const listed = await chair.request('GET', `/api/documents/${VOTES}/votes`);
  for (const vote of (listed.body?.votes ?? []) as { id: string; status: string }[]) {
    if (vote.status === 'open') await closeVote(chair, vote.id, load.ledger);
  }
  const subjects = ((await chair.request('GET', `/api/documents/${VOTES}`)).body?.clauses ?? []) as { id: string }[];
  // Killed before the clauses came back: no vote to open in this cycle.
  if (subjects.length === 0) return waitUntil(load.stop);
  while (!load.stop()) {
    const opened = await chair.request('POST', `/api/documents/${VOTES}/votes`, {
      subject: { type: 'clause', id: load.pick(subjects).id },
      rule: 'simple_majority',
    });
    if (opened.status !== 201) {
      await load.pause(10, 30);
      continue;
    }
    load.current = opened.body.id as string;
    await load.pause(150, 400);
    if (!load.stop()) await closeVote(chair, load.current, load.ledger);
  }
}

/** A head casts and changes ballots in the vote open now; a ballot sent but not answered stays pending. */
export async function voting(load: Load, code: string): Promise<void> {
  const head = load.actors.get(`${code.toLowerCase()}-head`)!;
  while (!load.stop()) {
    const voteId = load.current;
    if (!voteId) {
      await load.pause(10, 30);
      continue;
    }
    const key = `${voteId}|${code}`;
    const choice = load.pick(CHOICES);
    const entry = load.ledger.ballots.get(key) ?? {};
    load.ledger.ballots.set(key, { ...entry, pending: choice });
    const res = await head.request('POST', `/api/votes/${voteId}/ballots`, { choice });
    if (res.status === 200) load.ledger.ballots.set(key, { acked: choice });
    else if (res.status !== 0) load.ledger.ballots.set(key, entry); // refused (vote closed): nothing pending
    await load.pause(15, 60);
  }
}

export async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(10);
}

async function closeVote(chair: Actor, voteId: string, ledger: Ledger): Promise<void> {
  const res = await chair.request('POST', `/api/votes/${voteId}/close`);
  if (res.status === 200)
    ledger.closed.set(voteId, {
      outcome: res.body.outcome,
      yes: res.body.yes,
      no: res.body.no,
      abstain: res.body.abstain,
    });
}

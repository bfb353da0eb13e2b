import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { type Actor, Peer, allSynced, contains } from './soakLoad.js';

/** The fault script's documents: the draft being typed, commented and amended, and the one voted on. */
export const DRAFT = 'almaty-declaration';
export const VOTES = 'soak-votes';
/** Environment keeping the server and scripts on one node on SQLite, whatever the caller's DATABASE_URL and
 *  REDIS_URL (empty = unset): the script checks SQLite's own file. */
export const SINGLE_NODE = { DATABASE_URL: '', REDIS_URL: '' };

/** What the server acknowledged (answered 2xx, or sent to a peer) and must therefore still have. */
export interface Ledger {
  comments: Set<string>;
  amendments: Set<string>;
  /** Per vote and delegation: the last acknowledged choice, and one sent but not answered. */
  ballots: Map<string, { acked?: string; pending?: string }>;
  closed: Map<string, { outcome: string; yes: number; no: number; abstain: number }>;
  updates: Uint8Array[];
}

/** The acknowledged comments and amendments that the server no longer lists. */
async function lostWork(chair: Actor, ledger: Ledger): Promise<string[]> {
  const lost: string[] = [];
  const comments = await chair.request('GET', `/api/documents/${DRAFT}/comments?status=all`);
  const commentIds = new Set(((comments.body?.comments ?? []) as { id: string }[]).map((c) => c.id));
  for (const id of ledger.comments) if (!commentIds.has(id)) lost.push(`comment ${id}`);
  const amendments = await chair.request('GET', `/api/documents/${DRAFT}/amendments`);
  const amendmentIds = new Set(((amendments.body?.amendments ?? []) as { id: string }[]).map((a) => a.id));
  for (const id of ledger.amendments) if (!amendmentIds.has(id)) lost.push(`amendment ${id}`);
  return lost;
}

/** The acknowledged ballots and closed votes that the server no longer has as they were acknowledged. */
async function lostVotes(chair: Actor, ledger: Ledger): Promise<string[]> {
  const lost: string[] = [];
  const votes = new Map<
    string,
    { status: string; result?: Record<string, unknown>; ballots: { delegation: string; choice: string }[] }
  >();
  const voteIds = new Set([...[...ledger.ballots.keys()].map((k) => k.split('|')[0]!), ...ledger.closed.keys()]);
  for (const id of voteIds) {
    const res = await chair.request('GET', `/api/votes/${id}`);
    if (res.status !== 200) lost.push(`vote ${id}: ${res.status}`);
    else votes.set(id, res.body);
  }
  for (const [key, { acked, pending }] of ledger.ballots) {
    if (!acked) continue;
    const [voteId, code] = key.split('|') as [string, string];
    const stored = votes.get(voteId)?.ballots.find((b) => b.delegation === code)?.choice;
    if (stored !== acked && stored !== pending)
      lost.push(`ballot ${code} in ${voteId}: acknowledged ${acked}, stored ${stored ?? 'nothing'}`);
  }
  for (const [id, result] of ledger.closed) {
    const vote = votes.get(id);
    if (vote?.status !== 'closed' || JSON.stringify(pickCounts(vote.result)) !== JSON.stringify(result))
      lost.push(`closed vote ${id}`);
  }
  return lost;
}

/** Everything acknowledged is on the restarted server (and its ledger intact, by `verifyLedger`'s node arguments); returns what is missing. */
export async function check(
  url: string,
  actors: Map<string, Actor>,
  ledger: Ledger,
  dataDir: string,
  verifyLedger: string[],
): Promise<string[]> {
  const chair = actors.get('chair')!;
  for (const actor of actors.values()) actor.baseUrl = url;
  const lost = [...(await lostWork(chair, ledger)), ...(await lostVotes(chair, ledger))];

  // Every update any peer received is in the text the server serves now.
  const reader = new Peer(url, DRAFT, actors.get('observer')!.cookie);
  await allSynced([reader]);
  const received = ledger.updates.length ? Y.mergeUpdates(ledger.updates) : null;
  if (received && !contains(reader.doc, received))
    lost.push(`edits: ${missingUpdates(reader.doc, ledger.updates)} received updates not in the text`);
  reader.close();

  const verify = spawnSync(process.execPath, verifyLedger, {
    env: { ...process.env, ...SINGLE_NODE, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (verify.status !== 0 || !/^intact/.test(verify.stdout))
    lost.push(`ledger: ${verify.stdout.trim() || verify.stderr.trim()}`);
  return lost;
}
function pickCounts(result: Record<string, unknown> | undefined): Record<string, unknown> {
  return { outcome: result?.outcome, yes: result?.yes, no: result?.no, abstain: result?.abstain };
}

function missingUpdates(doc: Y.Doc, updates: Uint8Array[]): number {
  return updates.filter((u) => !contains(doc, u)).length;
}

export function countLedger(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'accord.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

export function integrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'accord.db'));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

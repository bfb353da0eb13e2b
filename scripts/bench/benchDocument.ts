import fs from 'node:fs';
import type { Store } from '../../server/db/store.js';

/** A benchmark document written once (`collabHistory.ts`): its clauses and its Yjs updates in base64. */
export interface BenchHistory {
  clauses: { id: string; kind: string }[];
  updates: string[];
}

/** Reads a history file the benchmark wrote. */
export function readBenchHistory(file: string): BenchHistory {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BenchHistory;
}

/**
 * Stores the benchmark document under `id` in the current conference, in drafting, with every update of its
 * history, in one transaction: each benchmark server starts from the same text and the same log.
 */
export async function storeBenchDocument(store: Store, id: string, history: BenchHistory): Promise<void> {
  const conference = (await store.conferences.current())!;
  await store.transaction(async () => {
    await store.documents.insert({
      id,
      conferenceId: conference.id,
      title: 'Benchmark',
      symbol: 'BENCH/1',
      stage: 'drafting',
      metadata: {},
    });
    for (const c of history.clauses)
      await store.documents.insertClause({ id: c.id, documentId: id, kind: c.kind as never });
    for (const u of history.updates)
      await store.docUpdates.append(id, new Uint8Array(Buffer.from(u, 'base64')), { userId: null, delegation: null });
  });
}

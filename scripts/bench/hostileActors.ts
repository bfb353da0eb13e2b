/**
 * What the hostile-load benchmark does to the server while the room types: maximum-size amendments, exports
 * of the largest document, a flood of collab updates from an observer, and a burst of sign-in guesses; and
 * what legitimate people ask for meanwhile (a sign-in, an export). Each returns what it saw.
 */
import * as encoding from 'lib0/encoding';
import { RawClient, updateMessage } from '../../test/helpers/collabClient.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { login, sleep } from './benchTools.js';
import { maxClauseText } from './hostileText.js';

/** One HTTP answer: its status and how long it took. */
export interface Timed {
  status: number;
  ms: number;
}

/** How long an answer is waited for; one that does not come counts as status 0. */
const ANSWER_WITHIN_MS = 180_000;

async function timed(request: (signal: AbortSignal) => Promise<Response>): Promise<Timed> {
  const started = performance.now();
  try {
    const signal = AbortSignal.timeout(ANSWER_WITHIN_MS);
    const res = await request(signal);
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

const post = (
  http: string,
  path: string,
  cookie: string | undefined,
  body: unknown,
  signal?: AbortSignal,
): Promise<Response> =>
  fetch(`${http}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: http, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
    signal,
  });

/** Sessions the actors need, signed in before the clock starts (sign-in is measured on its own). */
export interface Cast {
  proposers: string[];
  exporters: string[];
  chair: string;
  press: string;
}

/** Signs in `count` delegations' delegates and heads (not the typists', the first ten), the chair and the press. */
export async function signIn(http: string, count: number): Promise<Cast> {
  const codes = readDemoDelegations()
    .slice(10, 10 + count)
    .map((c) => c.toLowerCase());
  return {
    proposers: await Promise.all(codes.map((c) => login(http, `${c}-delegate`))),
    exporters: await Promise.all(codes.map((c) => login(http, `${c}-head`))),
    chair: await login(http, 'chair'),
    press: await login(http, 'press'),
  };
}

/** Each proposer proposes, all at once, to replace a clause of the largest document with 20,000 new characters. */
export function maxAmendments(http: string, cast: Cast, documentId: string, clauseIds: string[]): Promise<Timed[]> {
  return Promise.all(
    cast.proposers.map((cookie, i) =>
      timed((signal) =>
        post(
          http,
          `/api/documents/${documentId}/amendments`,
          cookie,
          {
            clauseId: clauseIds[i]!,
            kind: 'replace',
            text: maxClauseText(1000 + i),
            rationale: 'A rewrite at the clause limit.',
          },
          signal,
        ),
      ),
    ),
  );
}

/** Each exporter asks, all at once, for the PDF of the largest document. */
export function maxExports(http: string, cast: Cast, documentId: string): Promise<Timed[]> {
  return Promise.all(
    cast.exporters.map((cookie) =>
      timed((signal) =>
        fetch(`${http}/api/documents/${documentId}/export?format=pdf`, { headers: { cookie }, signal }),
      ),
    ),
  );
}

/** The chair exports the declaration being negotiated, as anyone might at any time. */
export function legitimateExport(http: string, cast: Cast, documentId: string): Promise<Timed> {
  return timed((signal) =>
    fetch(`${http}/api/documents/${documentId}/export?format=pdf`, { headers: { cookie: cast.chair }, signal }),
  );
}

/** `count` wrong passwords for `username`, all at once, from this machine's address. */
export async function guesses(http: string, username: string, count: number): Promise<Record<number, number>> {
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      timed((signal) => post(http, '/api/auth/login', undefined, { username, password: `guess-${i}` }, signal)),
    ),
  );
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return byStatus;
}

/** Someone else signs in from the same address while the guesses arrive. */
export function legitimateLogin(http: string, username: string): Promise<Timed> {
  return timed((signal) => post(http, '/api/auth/login', undefined, { username, password: 'demo' }, signal));
}

/** What the observer's flood came to. */
export interface Flood {
  sent: number;
  connections: number;
  /** Close codes the server gave, with their counts. */
  closes: Record<string, number>;
}

/**
 * The `press` observer writes to the text as fast as it can: updates of one garbage-collected struct under a
 * fresh client id each (the shape the integrity work refuses), on one socket after another until `until`.
 * Writes only while the socket's buffer is below 64 KiB, so that the flood is as fast as the server reads.
 */
export async function observerFlood(http: string, cast: Cast, documentId: string, until: number): Promise<Flood> {
  const flood: Flood = { sent: 0, connections: 0, closes: {} };
  let clientId = 3_000_000_000;
  while (performance.now() < until) {
    let client: RawClient;
    try {
      client = await RawClient.connect(http, documentId, cast.press);
    } catch {
      flood.closes.refused = (flood.closes.refused ?? 0) + 1;
      await sleep(50);
      continue;
    }
    flood.connections += 1;
    while (!client.closed && performance.now() < until) {
      if (client.ws.bufferedAmount < 64 * 1024) {
        client.send(updateMessage(gcOnlyUpdate(clientId++)));
        flood.sent += 1;
      } else {
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (flood.sent % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (client.closed) flood.closes[String(client.closed.code)] = (flood.closes[String(client.closed.code)] ?? 0) + 1;
    else client.close();
  }
  return flood;
}

/** A Yjs update (v1) holding one GC struct of length 1 for `client` at clock 0, and no deletions. */
function gcOnlyUpdate(client: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 0); // GC
  encoding.writeVarUint(e, 1); // length
  encoding.writeVarUint(e, 0); // delete set: no clients
  return encoding.toUint8Array(e);
}

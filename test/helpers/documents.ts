import type { Stage } from '../../shared/domain/stages.js';
import type { ClauseKind, ClauseStatus } from '../../shared/domain/clauses.js';
import { actorOf } from '../../server/auth/session.js';
import { newId } from '../../server/db/ids.js';
import { createDocument } from '../../server/commands/createDocument.js';
import type { ApiClient, TestServer } from './server.js';

/** One clause of a test document: its kind, its text in the light markup and, optionally, its status. */
export interface ClauseSpec {
  kind: ClauseKind;
  text: string;
  status?: ClauseStatus;
}

/** A short declaration: title, one preambular and two operative paragraphs, all open. */
export const SHORT_TEXT: readonly ClauseSpec[] = [
  { kind: 'title', text: 'Test declaration' },
  { kind: 'preamble', text: '*Recognizing* the right to education,' },
  { kind: 'operative', text: '*Calls upon* States to act.' },
  { kind: 'operative', text: '*Encourages* cooperation.' },
];

/** The shortest text a meeting needs: a title and one operative paragraph, open. */
export const ONE_OPERATIVE: readonly ClauseSpec[] = [
  { kind: 'title', text: 'Test declaration' },
  { kind: 'operative', text: '*Calls upon* States to act.' },
];

/** The same declaration with every clause agreed ad referendum and no brackets: nothing left unfinished. */
export const FINISHED_TEXT: readonly ClauseSpec[] = SHORT_TEXT.map((c) => ({ ...c, status: 'agreed_ad_ref' }));

/**
 * A new document of its own in `stage` (made by the secretariat, statuses set directly), so that a test
 * starts from a text no other test touches. Returns its id and clause ids in order.
 */
export async function freshDocument(
  server: TestServer,
  stage: Stage,
  clauses: readonly ClauseSpec[] = SHORT_TEXT,
): Promise<{ id: string; clauses: string[] }> {
  const id = `doc-${newId()}`;
  const secretariat = actorOf((await server.ctx.store.users.byUsername('secretariat'))!);
  const ids = await createDocument(server.ctx, secretariat, {
    id,
    conferenceId: (await server.ctx.store.conferences.current())!.id,
    title: 'Test declaration',
    symbol: 'TEST/1',
    stage,
    clauses: clauses.map(({ kind, text }) => ({ kind, text })),
  });
  for (const [i, clause] of clauses.entries()) {
    if (clause.status && clause.status !== 'open')
      await server.ctx.store.documents.setClauseStatus(id, ids[i]!, clause.status);
  }
  return { id, clauses: ids };
}

/** Signed-in API clients for the demo accounts, each logged in once per server. */
export function signedIn(server: () => TestServer): (username: string) => Promise<ApiClient> {
  const clients = new Map<string, ApiClient>();
  return async (username) => {
    let client = clients.get(username);
    if (!client) {
      client = await server().login(username);
      clients.set(username, client);
    }
    return client;
  };
}

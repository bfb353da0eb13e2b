import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import { ACTIONS, decide, type Action } from '../../shared/domain/permissions.js';
import { STAGES, type Stage } from '../../shared/domain/stages.js';
import type { ClauseStatus } from '../../shared/domain/clauses.js';
import { getClauseFragment, getVersionFragment, getOrder } from '../../shared/editor/ydoc.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.js';
import { apiRoutes, createApp } from '../../server/app.js';
import { RawClient, waitFor } from '../helpers/collabClient.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';
import { LiveFixtures, MATRIX_ROLES, ROLE_USERS, type MatrixRole } from './fixtures.js';
import { ROUTES, SOCKET_ROWS, type Governance, type RouteRow } from './routeTable.js';

const DOC = 'almaty-declaration';
const STATUSES: ClauseStatus[] = ['open', 'agreed_ad_ref'];

type Expected = { allowed: true } | { allowed: false; status: 401 | 403; id: string };

/** What the permissions table says a role may do: the one source every door must agree with. */
function expected(governedBy: Governance, role: MatrixRole, stage: Stage, clauseStatus?: ClauseStatus): Expected {
  if (governedBy === 'public') return { allowed: true };
  if (role === 'anonymous') return { allowed: false, status: 401, id: 'not_authenticated' };
  if (governedBy === 'signed-in') return { allowed: true };
  const delegation = role === 'head' || role === 'delegate' ? 'KAZ' : null;
  const decision = decide({ role, delegation }, governedBy, { stage, ...(clauseStatus ? { clauseStatus } : {}) });
  return decision.allowed ? { allowed: true } : { allowed: false, status: 403, id: decision.reason };
}

/**
 * Every case of a row: role × stage (× clause status when clause-bound); outside the table, role only. Ordered
 * by state, roles innermost, so the document's stage and the clause's status are written once per state rather
 * than for every case (`setState` leaves a state already in place).
 */
function casesOf(row: {
  governedBy: Governance;
  clauseBound?: boolean;
}): { role: MatrixRole; stage: Stage; status?: ClauseStatus }[] {
  const stages: readonly Stage[] =
    row.governedBy === 'public' || row.governedBy === 'signed-in' ? ['drafting'] : STAGES;
  const statuses: (ClauseStatus | undefined)[] = row.clauseBound ? STATUSES : [undefined];
  return stages.flatMap((stage) => statuses.flatMap((status) => MATRIX_ROLES.map((role) => ({ role, stage, status }))));
}

/**
 * The permission matrix: role × stage × clause status × action for every HTTP route, the socket.io join and
 * Yjs writes, computed from `RULES`/`decide()` and checked against one live server. A denied case must
 * answer 401 (anonymous) or 403 with the reason `decide()` gives; an allowed one must not be refused for
 * permission (its own rules may still answer 404 or 409).
 */
describe('permission matrix', () => {
  let server: TestServer;
  let fixtures: LiveFixtures;
  const clients = new Map<MatrixRole, ApiClient>();
  let cases = 0;

  beforeAll(async () => {
    // Thousands of requests from each role's one session in seconds: the rate limit on commands is lifted.
    server = await startTestServer({ RATE_LIMIT_BURST: '0' });
    fixtures = await LiveFixtures.create(server.ctx, DOC);
    clients.set('anonymous', server.anonymous());
    for (const [role, username] of Object.entries(ROLE_USERS))
      clients.set(role as MatrixRole, await server.login(username));
    // A delegate casts for the delegation only as the head's designated alternate.
    await server.ctx.store.alternates.set(
      'KAZ',
      (await fixtures.actor('kaz-delegate')).userId,
      (await fixtures.actor('kaz-head')).userId,
    );
  });
  afterAll(async () => {
    await server?.close();
    console.log(`permission matrix: ${cases} cases checked`);
  });

  it('lists every route of the live router, and nothing the router does not have', () => {
    const live = apiRoutes(
      createApp(server.ctx, { endUserConnections: () => {}, endSessionConnections: () => {} }),
    ).sort();
    const table = ROUTES.map((r) => r.route).sort();
    expect(
      table.filter((r) => !live.includes(r)),
      'rows without a route',
    ).toEqual([]);
    expect(
      live.filter((r) => !table.includes(r)),
      'routes missing from test/security/routeTable.ts',
    ).toEqual([]);
    expect(new Set(table).size).toBe(table.length);
  });

  it('governs every route by an action of the permissions table (or public / signed-in), and covers every action', () => {
    const governed = new Set<string>([...ROUTES.map((r) => r.governedBy), ...SOCKET_ROWS.map((r) => r.governedBy)]);
    for (const row of ROUTES) expect(['public', 'signed-in', ...ACTIONS], row.route).toContain(row.governedBy);
    expect(
      ACTIONS.filter((a) => !governed.has(a)),
      'actions no door exercises',
    ).toEqual([]);
  });

  async function send(
    row: RouteRow,
    role: MatrixRole,
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }> {
    const [method] = row.route.split(' ') as [string];
    let client = clients.get(role)!;
    if (row.ownSession) client = role === 'anonymous' ? server.anonymous() : await server.login(ROLE_USERS[role]);
    return client.request(method, path, body, headers);
  }

  for (const row of ROUTES) {
    it(`${row.route} (${row.governedBy})`, async () => {
      const mismatches: string[] = [];
      let allowed = 0;
      let succeeded = 0;
      for (const { role, stage, status } of casesOf(row)) {
        const request = await row.request(fixtures);
        await fixtures.setState(stage, status ?? 'open', request.clause);
        const res = await send(row, role, request.path, request.body, request.headers);
        const want = expected(row.governedBy, role, stage, row.clauseBound ? status : undefined);
        const label = `${role} in ${stage}${status ? `, clause ${status}` : ''}`;
        cases += 1;
        if (want.allowed) {
          allowed += 1;
          if (res.status < 300) succeeded += 1;
          // 400 would mean the request itself was wrong, and the case proved nothing.
          if (res.status === 400 || res.status === 401 || res.status === 403 || res.status >= 500) {
            mismatches.push(`${label}: allowed by the table, answered ${res.status} ${res.body?.error?.id ?? ''}`);
          }
        } else if (res.status !== want.status || res.body?.error?.id !== want.id) {
          mismatches.push(
            `${label}: expected ${want.status} ${want.id}, got ${res.status} ${res.body?.error?.id ?? ''}`,
          );
        }
      }
      expect(mismatches).toEqual([]);
      // At least one allowed case went all the way through: the request is a real one.
      if (allowed > 0) expect(succeeded, 'allowed cases that succeeded').toBeGreaterThan(0);
    });
  }

  it('socket.io document:join follows document.read', async () => {
    const mismatches: string[] = [];
    for (const role of MATRIX_ROLES) {
      const cookie = clients.get(role)!.cookie;
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: cookie ? { cookie } : {},
      });
      const connected = await new Promise<string | true>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', (error: Error & { data?: { id?: string } }) =>
          resolve(error.data?.id ?? error.message),
        );
      });
      try {
        for (const stage of STAGES) {
          await fixtures.setState(stage);
          const want = expected('document.read', role, stage);
          cases += 1;
          if (connected !== true) {
            if (want.allowed || want.id !== connected)
              mismatches.push(`${role} in ${stage}: connection refused with ${connected}`);
            continue;
          }
          const reply = await socket.timeout(2000).emitWithAck('document:join', { documentId: DOC });
          const got = reply.ok ? 'ok' : reply.error.id;
          if (got !== (want.allowed ? 'ok' : want.id)) mismatches.push(`${role} in ${stage}: ${got}`);
        }
      } finally {
        socket.close();
      }
    }
    expect(mismatches).toEqual([]);
  });

  /** Writes over a raw collab socket; 'ok' when the server applied and echoed it, else the close's reason id. */
  async function collabWrite(
    role: MatrixRole,
    write: (doc: Y.Doc, marker: string) => void,
    landed: (doc: Y.Doc, marker: string) => boolean,
  ): Promise<string> {
    const cookie = clients.get(role)!.cookie;
    let client: RawClient;
    try {
      client = await RawClient.synced(server.url, DOC, cookie!);
    } catch (error) {
      return `upgrade ${(error as { status?: number }).status ?? (error as Error).message}`;
    }
    try {
      const marker = ` m${fixtures.unique()}`;
      client.write((doc) => write(doc, marker));
      await waitFor(() => client.closed !== undefined || landed(client.doc, marker), 5000, 'write outcome');
      if (client.closed)
        return client.closed.code === CloseCode.FORBIDDEN_WRITE
          ? client.closed.reason.split(':')[0]!
          : `close ${client.closed.code} ${client.closed.reason}`;
      return 'ok';
    } finally {
      client.close();
      await client.waitClosed().catch(() => undefined);
    }
  }

  const collabExpectation = (action: Action, role: MatrixRole, stage: Stage, status?: ClauseStatus): string => {
    if (role === 'anonymous') return 'upgrade 401';
    const want = expected(action, role, stage, status);
    return want.allowed ? 'ok' : want.id;
  };

  it('collab: Yjs writes to a clause’s text follow clause.write (role × stage × lock)', async () => {
    const mismatches: string[] = [];
    const clause = fixtures.clause;
    for (const { role, stage, status } of casesOf(SOCKET_ROWS.find((r) => r.channel === 'collab clause text')!)) {
      await fixtures.setState(stage, status);
      const got = await collabWrite(
        role,
        (doc, marker) => {
          const text = (getClauseFragment(doc, clause).get(0) as Y.XmlElement).get(0) as Y.XmlText;
          text.insert(text.length, marker);
        },
        (doc, marker) => getClauseFragment(doc, clause).toString().includes(marker),
      );
      cases += 1;
      const want = collabExpectation('clause.write', role, stage, status);
      if (got !== want) mismatches.push(`${role} in ${stage}, clause ${status}: expected ${want}, got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('collab: Yjs writes to the clause order follow clause.structure (role × stage × lock of the moved clause)', async () => {
    const mismatches: string[] = [];
    const clause = fixtures.clause;
    for (const { role, stage, status } of casesOf(SOCKET_ROWS.find((r) => r.channel === 'collab order')!)) {
      await fixtures.setState(stage, status);
      let wanted = '';
      const got = await collabWrite(
        role,
        (doc) => {
          // Moves the matrix clause to the other end of the text: a structure change and nothing else.
          const order = getOrder(doc);
          const last = order.get(order.length - 1) === clause;
          order.delete(order.toArray().indexOf(clause), 1);
          if (last) order.insert(0, [clause]);
          else order.push([clause]);
          wanted = order.toArray().join(' ');
        },
        (doc) => getOrder(doc).toArray().join(' ') === wanted,
      );
      cases += 1;
      const want = collabExpectation('clause.structure', role, stage, status);
      if (got !== want) mismatches.push(`${role} in ${stage}, clause ${status}: expected ${want}, got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('collab: Yjs writes to a clause’s language version follow translation.write (role × stage)', async () => {
    const mismatches: string[] = [];
    const clause = await fixtures.translation();
    for (const { role, stage } of casesOf(SOCKET_ROWS.find((r) => r.channel === 'collab clause version')!)) {
      await fixtures.setState(stage);
      const got = await collabWrite(
        role,
        (doc, marker) => {
          const text = (getVersionFragment(doc, clause, 'kk').get(0) as Y.XmlElement).get(0) as Y.XmlText;
          text.insert(text.length, marker);
        },
        (doc, marker) => getVersionFragment(doc, clause, 'kk').toString().includes(marker),
      );
      cases += 1;
      const want = collabExpectation('translation.write', role, stage);
      if (got !== want) mismatches.push(`${role} in ${stage}: expected ${want}, got ${got}`);
    }
    expect(mismatches).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { clauseOrder, getClauseFragment } from '../../shared/editor/ydoc.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { stockProvider, syncedProvider, waitFor, typeInto } from '../../test/helpers/collabClient.js';

const DOC = 'almaty-declaration';

/**
 * The group commit's batch window is an option of the registry, given when the server is composed; the
 * collab server does not replace it. It is computed from the fan-out of the document's room (its sockets).
 */
describe('the batch window the server is given', () => {
  let server: TestServer;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, { server: { batchWindow: (fanOut) => fanOut * 100 } });
  });
  afterAll(async () => {
    for (const p of providers) p.destroy();
    await server.close();
  });

  it('is the one a room’s commits wait while people type, from the room’s fan-out', async () => {
    for (const user of ['kaz-delegate', 'gbr-delegate'])
      providers.push(stockProvider(server.url, DOC, (await server.login(user)).cookie!));
    const [kaz, gbr] = providers as [WebsocketProvider, WebsocketProvider];
    await Promise.all([syncedProvider(kaz), syncedProvider(gbr)]);
    await waitFor(() => server.collab.connectionCount(DOC) === 2, 5000, 'two sockets');
    expect(server.ctx.registry.batchWindow(DOC)).toBe(200);
    const clauseId = clauseOrder(kaz.doc)[3]!;
    const seen = (text: string) => () => getClauseFragment(gbr.doc, clauseId).toString().includes(text);
    // After a quiet spell, a keystroke is committed and broadcast in the next turn.
    typeInto(kaz.doc, clauseId, ' first');
    await waitFor(seen(' first'), 5000, 'first keystroke');
    // Right after a commit, the next waits the window: 200 ms for two sockets (the default would be 0.05 ms).
    const sent = performance.now();
    typeInto(kaz.doc, clauseId, ' second');
    await waitFor(seen(' second'), 5000, 'second keystroke');
    expect(performance.now() - sent).toBeGreaterThanOrEqual(150);
  });
});

import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { waitFor } from '../../test/helpers/collabClient.js';
import { freshDocument } from '../../test/helpers/documents.js';
import { PublicGallery } from './hub.js';

/**
 * A viewer's stream as the gallery sees it: `reads` says whether its reader takes what is written (a viewer on
 * a good network) or never does (one that stopped reading its socket: what is written waits in its buffer).
 */
class Viewer extends Writable {
  frames = '';

  constructor(reads: boolean) {
    super({
      write: (chunk: Buffer, _encoding, done) => {
        if (!reads) return; // never done: the next writes wait in the buffer
        this.frames += chunk.toString();
        done();
      },
    });
  }

  writeHead(): this {
    return this;
  }

  get changes(): number {
    return this.frames.split('event: change\n').length - 1;
  }
}

describe('the public gallery’s fan-out, with one viewer that does not read', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('keeps sending to the others, and drops the slow one once it holds more unread than the bound', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    const chair = await server.login('chair');
    const secretariat = await server.login('secretariat');
    expect((await chair.post(`/api/documents/${id}/publish`, { public: true })).status).toBe(200);
    // A gallery of its own, told of changes by the test, with a small bound and no wait between events.
    const gallery = new PublicGallery(server.ctx, {
      maxViewers: 10,
      interval: 0,
      heartbeat: 60_000,
      maxBuffered: 4096,
      history: 8,
    });
    try {
      const slow = new Viewer(false);
      const others = [new Viewer(true), new Viewer(true)];
      // The slow one first: the fan-out meets it before the others.
      for (const viewer of [slow, ...others])
        expect(await gallery.follow(id, 'en', viewer as unknown as ServerResponse)).toBe(true);
      expect(gallery.viewerCount).toBe(3);

      // Each change carries the clause inserted, some 1,500 bytes rendered.
      const words = 'the right of every learner to an inclusive education '.repeat(25);
      for (let i = 1; i <= 6; i++) {
        const inserted = await secretariat.post(`/api/documents/${id}/clauses`, {
          kind: 'operative',
          after: clauses[1],
          text: `*Affirms* ${i}: ${words}`,
        });
        expect(inserted.status).toBe(201);
        gallery.touch(id);
        await waitFor(() => others.every((o) => o.changes === i), 5000, `change ${i} delivered`);
      }

      // The slow viewer was dropped once it held more than the bound unread (it reconnects and resumes); the
      // others had every change meanwhile.
      expect(slow.destroyed).toBe(true);
      expect(slow.changes).toBe(0);
      expect(gallery.viewerCount).toBe(2);
      for (const viewer of others) expect(viewer.frames).toContain('Affirms</em> 6:');
    } finally {
      gallery.close();
    }
  });
});

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument } from '../commands/createDocument.js';
import { exportQueue } from '../export/renderQueue.js';
import { startTestServer, type ApiClient, type TestServer } from '../../test/helpers/server.js';

const vocabulary =
  'the of and education inclusive learners States shall ensure access quality teachers schools rights children Қазақстан білім'.split(
    ' ',
  );
function text(chars: number, seed: number): string {
  let out = '';
  for (let x = seed; out.length < chars;) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += `${vocabulary[x % vocabulary.length]} `;
  }
  return out.slice(0, chars).trim();
}

describe('exports off the event loop, queued', () => {
  let server: TestServer;
  const clients = new Map<string, ApiClient>();
  const as = async (username: string): Promise<ApiClient> => {
    let client = clients.get(username);
    if (!client) clients.set(username, (client = await server.login(username)));
    return client;
  };
  const download = async (username: string, query: string, documentId = 'long') => {
    const res = await fetch(`${server.url}/api/documents/${documentId}/export${query}`, {
      headers: { cookie: (await as(username)).cookie! },
    });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    server = await startTestServer({ EXPORT_PER_USER: '1' });
    // A long declaration, twenty clauses at the clause limit (400,000 characters): its PDF takes seconds.
    const conference = (await server.ctx.store.conferences.current())!;
    await createDocument(server.ctx, null, {
      id: 'long',
      conferenceId: conference.id,
      title: 'Long',
      symbol: 'L/1',
      clauses: [
        { kind: 'title', text: 'Long' },
        ...Array.from({ length: 20 }, (_, i) => ({ kind: 'operative' as const, text: text(20_000, i + 1) })),
      ],
    });
  });
  afterAll(() => server?.close());

  it('renders a long PDF on a worker: the server keeps answering meanwhile', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const pdf = download('chair', '?format=pdf');
    // While it renders, the event loop answers others at once.
    const health: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answer = await pdf;
    delay.disable();
    expect(answer.status).toBe(200);
    expect(answer.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Generous for a loaded machine: on the event loop this PDF held it for seconds.
    expect(delay.max / 1e6).toBeLessThan(1000);
    expect(Math.max(...health)).toBeLessThan(1000);
  }, 120_000);

  it('lets a person have EXPORT_PER_USER exports under way: the next is refused with 429 export_limit, others are served', async () => {
    const [first, second, other] = await Promise.all([
      download('secretariat', '?format=docx'),
      download('secretariat', '?format=pdf'),
      download('kaz-head', '?format=md'),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 429]);
    const refused = JSON.parse((first.status === 429 ? first : second).bytes.toString());
    expect(refused.error.id).toBe('export_limit');
    expect(Number((first.status === 429 ? first : second).headers.get('retry-after'))).toBeGreaterThan(0);
    expect(other.status).toBe(200);
    // The place is given back once answered.
    expect((await download('secretariat', '?format=md')).status).toBe(200);
  }, 120_000);

  it('renders identical exports asked for together once, and records each in the ledger', async () => {
    const queue = exportQueue({ workers: server.ctx.config.EXPORT_WORKERS, perUser: 1 });
    const renders = queue.renders;
    const before = (await server.ctx.store.audit.entries()).filter((e) => e.action === 'document.export').length;
    const people = ['fra-head', 'deu-head', 'gbr-head', 'ind-head', 'jpn-head'];
    const answers = await Promise.all(people.map((p) => download(p, '?format=pdf')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.bytes.toString('base64'))).size).toBe(1);
    expect(queue.renders - renders).toBe(1);
    const recorded = (await server.ctx.store.audit.entries()).filter((e) => e.action === 'document.export');
    expect(recorded.length - before).toBe(5);
  }, 120_000);
});

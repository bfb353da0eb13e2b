import fs from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateSigningKey, type SigningKey } from '../ledger/signingKey.js';
import { demoSource, generatedSource } from './fixtures.js';
import type { ExportSource } from './model.js';
import { closeBusyExportQueues, exportQueue, ExportQueue } from './renderQueue.js';
import type { ExportFormat } from '../../shared/api/export.js';
import { BACKGROUND_NICE, threadNiceValues } from '../threads/threadPriority.js';

const KEY = generateSigningKey();
const queues: ExportQueue[] = [];
afterAll(async () => {
  for (const queue of queues) await queue.close();
});
function newQueue(perUser = 10): ExportQueue {
  const queue = new ExportQueue({ workers: 1, perUser });
  queues.push(queue);
  return queue;
}

/** The demo declaration as read when the ledger's head was `seq`. */
function readAt(seq: number, key: SigningKey = KEY): ExportSource {
  return demoSource({ signing: { keyFingerprint: key.fingerprint, head: { seq, hash: `head-${seq}` } } });
}

/**
 * Asks `queue` for `format` of what `read` reads (a source, or a function reading the demo declaration when
 * the render starts) as `user`, holding and releasing a place as a request does.
 */
async function ask(
  queue: ExportQueue,
  user: string,
  format: ExportFormat,
  read: ExportSource | (() => ExportSource),
  key = KEY,
) {
  // A reading function names the demo declaration's original.
  const first = typeof read === 'function' ? readAt(0) : read;
  const ticket = queue.reserve(user);
  try {
    const file = await ticket.render(
      {
        format,
        documentId: first.document.id,
        revision: null,
        language: first.language?.code ?? null,
        parallel: null,
        signingKey: key,
      },
      async () => ({ source: typeof read === 'function' ? read() : read, textVersion: `text:${first.document.id}` }),
    );
    return Buffer.from(file.body);
  } finally {
    ticket.release();
  }
}

/** `source` with a vote closed as its ledger's last entry. */
function withVote(source: ExportSource): ExportSource {
  const last = source.ledger.at(-1)!;
  return { ...source, ledger: [...source.ledger, { ...last, seq: last.seq + 1, action: 'vote.close', hash: 'vote' }] };
}

const headOf = (json: Buffer): unknown => (JSON.parse(json.toString()) as { ledger: { head: unknown } }).ledger.head;

describe('ExportQueue', () => {
  it.skipIf(process.platform !== 'linux')(
    'renders on a thread at the lowest priority, leaving the calling thread as it was',
    async () => {
      const self = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
      const before = threadNiceValues();
      // The suite keeps its threads at its own priority (vitest.config.ts); a server's default is the lowest.
      vi.stubEnv('BACKGROUND_NICE', undefined);
      try {
        await ask(newQueue(), 'chair', 'md', readAt(1));
      } finally {
        vi.unstubAllEnvs();
      }
      const after = threadNiceValues();
      const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICE);
      expect(lowered.length).toBeGreaterThanOrEqual(1);
      expect(after.get(self)).toBe(before.get(self));
      expect(after.get(self)).not.toBe(BACKGROUND_NICE);
    },
    60_000,
  );

  it('renders each language apart: a version asked for with the original is not the original', async () => {
    const queue = newQueue();
    const renders = queue.renders;
    const original = readAt(7);
    const kazakh: ExportSource = {
      ...original,
      language: { code: 'kk', original: 'en' },
      clauses: original.clauses.map((c) => ({ ...c, untranslated: true })),
    };
    const [en, kk] = await Promise.all([ask(queue, 'a', 'md', original), ask(queue, 'b', 'md', kazakh)]);
    expect(queue.renders - renders).toBe(2);
    expect(en.toString()).not.toContain('Түпнұсқа тілі');
    expect(kk.toString()).toContain('Түпнұсқа тілі: ағылшын');
  });

  it('renders the same file asked for ten times at once once, reading it twice, and everyone gets its bytes', async () => {
    const queue = newQueue();
    const renders = queue.renders;
    let reads = 0;
    const read = () => {
      reads += 1;
      return readAt(5);
    };
    const files = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(queue, `head-${i}`, 'json', read)));
    // The first ask is read and rendered at once; the nine others wait for that render and are read once after
    // it, the same reading: they get its file.
    expect(reads).toBe(2);
    expect(queue.renders - renders).toBe(1);
    expect(new Set(files.map((f) => f.toString('base64'))).size).toBe(1);
  }, 60_000);

  it('reads once for everyone who asked while the file was being rendered, after the last of them asked', async () => {
    const queue = newQueue();
    const renders = queue.renders;
    // The first ask is read and rendered; nine people then ask while the ledger moves on (seq 12, 13, …) and a
    // vote is recorded.
    let head = 11;
    let reads = 0;
    const read = () => {
      reads += 1;
      return head === 11 ? readAt(head) : withVote(readAt(head));
    };
    const first = ask(queue, 'chair', 'json', read);
    const later = Array.from({ length: 9 }, (_, i) => {
      head += 1;
      return ask(queue, `head-${i}`, 'json', read);
    });
    const files = await Promise.all([first, ...later]);
    expect(reads).toBe(2);
    expect(queue.renders - renders).toBe(2);
    expect(headOf(files[0]!)).toEqual({ seq: 11, hash: 'head-11' });
    expect(new Set(files.slice(1).map((f) => f.toString('base64'))).size).toBe(1);
    expect(headOf(files[1]!)).toEqual({ seq: 20, hash: 'head-20' });
  }, 60_000);

  it('does not hand a file signed under one key, or read before a vote, to an ask for another', async () => {
    const queue = newQueue();
    const other = generateSigningKey();
    const renders = queue.renders;
    const [mine, theirs] = await Promise.all([
      ask(queue, 'a', 'json', readAt(7)),
      ask(queue, 'b', 'json', readAt(7, other), other),
    ]);
    expect(queue.renders - renders).toBe(2);
    expect(mine.toString()).toContain(KEY.fingerprint);
    expect(theirs.toString()).toContain(other.fingerprint);
    // An ask made while a render is under way waits for it and is read afresh: a vote recorded meanwhile is
    // rendered anew; an export recorded, or the ledger's head moved by another document, is not.
    const voted = withVote(readAt(9));
    const [first, later] = await Promise.all([ask(queue, 'a', 'json', readAt(8)), ask(queue, 'b', 'json', voted)]);
    expect(queue.renders - renders).toBe(4);
    expect(headOf(first)).toEqual({ seq: 8, hash: 'head-8' });
    expect(headOf(later)).toEqual({ seq: 9, hash: 'head-9' });
    const exported = readAt(10);
    exported.ledger = [...voted.ledger, { ...voted.ledger.at(-1)!, seq: 99, action: 'document.export', hash: 'x' }];
    const [again, reused] = await Promise.all([ask(queue, 'a', 'json', voted), ask(queue, 'b', 'json', exported)]);
    expect(queue.renders - renders).toBe(5);
    expect(reused.equals(again)).toBe(true);
  }, 60_000);

  it('renders anew after a failed render, and lets the file go once nothing is under way', async () => {
    const queue = newQueue();
    const renders = queue.renders;
    const broken = ask(queue, 'a', 'json', () => {
      throw new Error('the database is gone');
    });
    await expect(broken).rejects.toThrow('the database is gone');
    expect(queue.idle).toBe(true);
    const file = await ask(queue, 'a', 'json', readAt(3));
    expect(headOf(file)).toEqual({ seq: 3, hash: 'head-3' });
    expect(queue.renders - renders).toBe(1);
    expect(queue.idle).toBe(true);
  }, 60_000);

  it('serves people in turn: the backlog of one person does not hold the export of another', async () => {
    const queue = newQueue();
    const source = generatedSource(200);
    const done: string[] = [];
    const asked = (user: string, format: ExportFormat): Promise<number> =>
      ask(queue, user, format, source).then(() => done.push(`${user}:${format}`));
    await Promise.all([
      asked('a', 'pdf'),
      asked('a', 'docx'),
      asked('a', 'html'),
      asked('a', 'akn'),
      asked('chair', 'md'),
    ]);
    expect(done).toEqual(['a:pdf', 'chair:md', 'a:docx', 'a:html', 'a:akn']);
  }, 120_000);
});

describe('closeBusyExportQueues (between test files)', () => {
  it('keeps a queue with nothing under way, and ends one with a place held or a render running', async () => {
    // Settings no other suite uses, so each `exportQueue` below is its own.
    const settings = (maxPending: number) => ({ workers: 1, perUser: 3, maxPending });
    const idle = exportQueue(settings(901));
    await ask(idle, 'a', 'json', readAt(1));
    const held = exportQueue(settings(902));
    const ticket = held.reserve('a');
    const rendering = exportQueue(settings(903));
    const render = ask(rendering, 'a', 'json', readAt(2)).then(
      () => 'rendered',
      (error: Error) => error.message,
    );
    expect([idle.idle, held.idle, rendering.idle]).toEqual([true, false, false]);

    await closeBusyExportQueues();
    expect(exportQueue(settings(901))).toBe(idle);
    expect(exportQueue(settings(902))).not.toBe(held);
    expect(exportQueue(settings(903))).not.toBe(rendering);
    expect(await render).toBe('The worker pool is closed.');
    ticket.release();
    // The queue kept still renders, on the worker it kept.
    expect(headOf(await ask(idle, 'a', 'json', readAt(3)))).toEqual({ seq: 3, hash: 'head-3' });
  }, 60_000);
});

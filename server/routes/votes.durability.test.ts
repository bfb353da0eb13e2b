import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { VoteJson } from '../../shared/api/votes.js';
import { ApiClient } from '../../test/helpers/server.js';
import { serverProcess } from '../../test/helpers/scripts.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-durability-'));
const children = new Set<ChildProcess>();

/**
 * Starts the server's bundle as its own process (node itself, so a SIGKILL reaches the server, not a
 * wrapper) and resolves with its URL from the first line it prints.
 */
async function startProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(...serverProcess(), {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SEED: 'demo' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before serving: ${stderr}`)));
  });
  const match = /^Accord is serving on (http:\/\/\S+)/.exec(first);
  if (!match) throw new Error(`unexpected first line: ${first}`);
  child.stdout!.resume();
  return { child, url: match[1]! };
}

async function login(url: string, username: string): Promise<ApiClient> {
  const client = new ApiClient(url);
  const res = await client.post('/api/auth/login', { username, password: 'demo' });
  expect(res.status).toBe(200);
  return client;
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

afterAll(async () => {
  for (const child of children) await kill9(child);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('durability of votes', () => {
  it('keeps an open vote and every acknowledged ballot across kill -9', async () => {
    const first = await startProcess();
    const chair = await login(first.url, 'chair');
    expect((await chair.post('/api/documents/almaty-declaration/stage', { stage: 'negotiation' })).status).toBe(200);
    const opened = await chair.post('/api/documents/almaty-declaration/votes', {
      subject: { type: 'document' },
      rule: 'two_thirds',
      quorum: 0.1,
      acknowledge: true,
    });
    expect(opened.status).toBe(201);
    const voteId = opened.body.id as string;

    const codes = ['KAZ', 'FRA', 'DEU', 'GBR', 'ITA', 'USA'];
    const choices = ['yes', 'yes', 'no', 'abstain', 'yes', 'no'];
    const heads = await Promise.all(codes.map((c) => login(first.url, `${c.toLowerCase()}-head`)));
    // Cast together, one change of mind among them; the kill comes right after the last answer.
    const answers = await Promise.all([
      ...heads.map((head, i) => head.post(`/api/votes/${voteId}/ballots`, { choice: choices[i] })),
      heads[0]!.post(`/api/votes/${voteId}/ballots`, { choice: 'yes' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    await kill9(first.child);

    const second = await startProcess();
    // The chair's session survived too: sessions live in the same database.
    const again = new ApiClient(second.url);
    again.cookie = chair.cookie;
    const vote = (await again.get(`/api/votes/${voteId}`)) as { status: number; body: VoteJson };
    expect(vote.status).toBe(200);
    expect(vote.body.status).toBe('open');
    expect(Object.fromEntries(vote.body.ballots.map((b) => [b.delegation, b.choice]))).toEqual(
      Object.fromEntries(codes.map((c, i) => [c, choices[i]])),
    );
    expect((await again.get('/api/documents/almaty-declaration')).body.stage).toBe('adoption');

    // The vote carries on where it was: a late ballot, then the close.
    const late = await login(second.url, 'esp-head');
    expect((await late.post(`/api/votes/${voteId}/ballots`, { choice: 'yes' })).status).toBe(200);
    const closed = await again.post(`/api/votes/${voteId}/close`);
    expect(closed.body.result).toMatchObject({ outcome: 'adopted', yes: 4, no: 2, abstain: 1, present: 7 });
    await kill9(second.child);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FLOOR_PRECEDENCE, type FloorKind } from '../../shared/api/floor.js';
import { insertAt, placeOnList } from '../../shared/domain/floorOrder.js';
import { describePostgres, usePostgres } from '../../test/helpers/engines.js';
import { openStorage } from './connection.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Sql } from './sql.js';
import { Store } from './store.js';

/**
 * One contract, every engine: what the repositories and commands rely on from storage, run against SQLite and
 * PostgreSQL alike. "Two nodes" are two independent connections (pools) to one database, as two Accord
 * processes would hold.
 */
function storageContract(open: () => Promise<{ first: Sql; second: () => Promise<Sql> }>): void {
  const opened: Sql[] = [];
  afterAll(async () => {
    for (const sql of opened) await sql.close().catch(() => undefined);
  });

  async function fresh(): Promise<{ store: Store; sql: Sql; other: () => Promise<Store> }> {
    const { first, second } = await open();
    opened.push(first);
    const store = new Store(first);
    await store.conferences.insert({ id: 'c', name: 'Congress', place: 'Almaty', startsOn: null, endsOn: null });
    await store.delegations.insert('KAZ', 'c');
    await store.delegations.insert('GBR', 'c');
    await store.documents.insert({
      id: 'd',
      conferenceId: 'c',
      title: 'Declaration',
      symbol: 'D/1',
      stage: 'drafting',
      metadata: {},
    });
    return {
      store,
      sql: first,
      other: async () => {
        const sql = await second();
        opened.push(sql);
        return new Store(sql);
      },
    };
  }

  async function user(
    store: Store,
    username: string,
    role: 'chair' | 'head' | 'delegate' | 'secretariat',
    delegation: string | null = null,
  ) {
    return store.users.insert({ username, displayName: username, role, delegation, passwordHash: null });
  }

  it('applies the migrations once: a second run changes nothing', async () => {
    const { sql } = await fresh();
    expect(await migrate(sql)).toBe(0);
    const versions = await sql.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
  });

  it('round-trips rows: accounts (lower-cased), sessions with expiry, counts as numbers', async () => {
    const { store } = await fresh();
    const head = await user(store, 'KAZ-Head', 'head', 'KAZ');
    expect(head.username).toBe('kaz-head');
    expect((await store.users.byUsername('Kaz-HEAD'))?.id).toBe(head.id);
    expect(await store.users.count()).toBe(1);
    expect((await store.delegations.get('KAZ'))?.members).toBe(1);
    await store.sessions.create('live', head.id, new Date(Date.now() + 60_000));
    await store.sessions.create('old', head.id, new Date(Date.now() - 1000));
    expect((await store.sessions.findUser('live'))?.username).toBe('kaz-head');
    expect(await store.sessions.findUser('old')).toBeUndefined();
    expect(await store.sessions.purgeExpired()).toBe(1);
    expect(await store.sessions.deleteForUser(head.id)).toBe(1);
  });

  it('keeps Yjs updates byte for byte, numbered in order, with snapshots replacing one that reaches less far', async () => {
    const { store } = await fresh();
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    const a = await store.docUpdates.append('d', bytes, { userId: null, delegation: null });
    const b = await store.docUpdates.append('d', Uint8Array.of(0, 255, 1), { userId: null, delegation: 'KAZ' });
    expect(typeof a).toBe('number');
    expect(b).toBeGreaterThan(a);
    const rows = await store.docUpdates.since('d', 0);
    expect(rows.map((r) => r.seq)).toEqual([a, b]);
    expect(Buffer.compare(rows[0]!.data, Buffer.from(bytes))).toBe(0);
    expect(rows[1]!.delegation).toBe('KAZ');
    expect(await store.docUpdates.countSince('d', a)).toBe(1);
    await store.docUpdates.putSnapshot('d', Uint8Array.of(1), a);
    await store.docUpdates.putSnapshot('d', Uint8Array.of(2, 3), b);
    const snap = await store.docUpdates.snapshot('d');
    expect(snap?.through_seq).toBe(b);
    expect([...snap!.data]).toEqual([2, 3]);
    // A compaction that read less and finished later does not undo one that reaches further.
    await store.docUpdates.putSnapshot('d', Uint8Array.of(4), a);
    expect([...(await store.docUpdates.snapshot('d'))!.data]).toEqual([2, 3]);
  });

  it('binds a Yjs client id (up to 2^32 − 1) to the first person only', async () => {
    const { store } = await fresh();
    const kaz = await user(store, 'kaz-delegate', 'delegate', 'KAZ');
    const gbr = await user(store, 'gbr-delegate', 'delegate', 'GBR');
    await store.clientIds.bind('d', 0xffffffff, kaz.id);
    await store.clientIds.bind('d', 0xffffffff, gbr.id);
    expect(await store.clientIds.load('d')).toEqual(new Map([[0xffffffff, kaz.id]]));
  });

  it('commits a transaction whole or not at all, with savepoints and hooks', async () => {
    const { store } = await fresh();
    const events: string[] = [];
    await expect(
      store.transaction(async () => {
        await user(store, 'rolled-back', 'chair');
        store.afterCommit(() => events.push('committed'));
        store.onRollback(() => events.push('rolled back'));
        throw new Error('step two failed');
      }),
    ).rejects.toThrow('step two failed');
    expect(await store.users.byUsername('rolled-back')).toBeUndefined();
    expect(events).toEqual(['rolled back']);

    await store.transaction(async () => {
      await user(store, 'kept', 'chair');
      await expect(
        store.transaction(async () => {
          await user(store, 'inner', 'chair');
          store.afterCommit(() => events.push('inner committed'));
          store.onRollback(() => events.push('inner rolled back'));
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
      store.afterCommit(() => events.push('committed'));
      expect(events).toEqual(['rolled back', 'inner rolled back']);
    });
    expect(events).toEqual(['rolled back', 'inner rolled back', 'committed']);
    expect(await store.users.byUsername('kept')).toBeDefined();
    expect(await store.users.byUsername('inner')).toBeUndefined();
  });

  it('does not let a statement from outside see or join an open transaction', async () => {
    const { store } = await fresh();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transaction(async () => {
      await user(store, 'in-flight', 'chair');
      await gate;
      throw new Error('abandoned');
    });
    // Outside the transaction: it must neither see the uncommitted row nor be rolled back with it.
    const outside = (async () => {
      const seen = await store.users.byUsername('in-flight');
      await user(store, 'outside', 'chair');
      return seen;
    })();
    await new Promise((r) => setTimeout(r, 20));
    release();
    await expect(tx).rejects.toThrow('abandoned');
    expect(await outside).toBeUndefined();
    expect(await store.users.byUsername('outside')).toBeDefined();
    expect(await store.users.byUsername('in-flight')).toBeUndefined();
  });

  it('enforces one ballot per delegation and vote, and freezes a closed vote', async () => {
    const { store } = await fresh();
    const chair = await user(store, 'chair', 'chair');
    const head = await user(store, 'kaz-head', 'head', 'KAZ');
    const vote = await store.votes.insert({
      id: 'v',
      documentId: 'd',
      subjectType: 'document',
      subjectId: 'd',
      rule: 'simple_majority',
      quorum: null,
      openedBy: chair.id,
    });
    await expect(
      store.votes.insert({
        id: 'v2',
        documentId: 'd',
        subjectType: 'document',
        subjectId: 'd',
        rule: 'consensus',
        quorum: null,
        openedBy: chair.id,
      }),
    ).rejects.toThrow();
    await store.ballots.cast(vote.id, 'KAZ', 'yes', head.id);
    const changed = await store.ballots.cast(vote.id, 'KAZ', 'no', head.id);
    await store.ballots.cast(vote.id, 'KAZ', 'no', head.id);
    expect(changed.choice).toBe('no');
    expect((await store.ballots.get(vote.id, 'KAZ'))?.changes).toBe(1);
    expect(await store.ballots.forVote(vote.id)).toHaveLength(1);
    const result = { outcome: 'adopted', yes: 0, no: 1, abstain: 0, present: 1 } as never;
    expect(await store.votes.close(vote.id, chair.id, result)).toBe(true);
    expect(await store.votes.close(vote.id, chair.id, result)).toBe(false);
    await expect(store.sql.run(`UPDATE votes SET rule = 'two_thirds' WHERE id = 'v'`)).rejects.toThrow(/frozen/);
    expect((await store.votes.get('v'))?.rule).toBe('simple_majority');
  });

  it('keeps comment read markers moving forward and counts others’ unread comments', async () => {
    const { store } = await fresh();
    const kaz = await user(store, 'kaz-delegate', 'delegate', 'KAZ');
    const gbr = await user(store, 'gbr-delegate', 'delegate', 'GBR');
    await store.documents.insertClause({ id: 'op1', documentId: 'd', kind: 'operative' });
    const base = {
      documentId: 'd',
      clauseId: 'op1',
      parentId: null,
      authorDelegation: 'GBR',
      mentions: ['KAZ'],
      anchor: null,
    };
    await store.comments.insert({ ...base, id: 'c1', authorId: gbr.id, body: 'one' });
    await store.comments.insert({ ...base, id: 'c2', authorId: gbr.id, body: 'two' });
    expect(await store.comments.unread(kaz.id, 'd')).toEqual({ op1: 2 });
    await store.comments.markRead(kaz.id, 'd', 'op1');
    expect(await store.comments.unread(kaz.id, 'd')).toEqual({});
    await store.sql.run('UPDATE comment_reads SET last_seq = last_seq + 100');
    await store.comments.markRead(kaz.id, 'd', 'op1');
    const marker = await store.sql.get<{ last_seq: number }>('SELECT last_seq FROM comment_reads');
    expect(marker!.last_seq).toBeGreaterThan(100);
    expect(JSON.parse((await store.comments.forDocument('d'))[0]!.mentions)).toEqual(['KAZ']);
  });

  it('compares revision names without case and consumes a login link once', async () => {
    const { store } = await fresh();
    const secretariat = await user(store, 'secretariat', 'secretariat');
    await store.revisions.insert({
      id: 'r1',
      documentId: 'd',
      name: 'Rev.1',
      state: Uint8Array.of(0, 0),
      clauses: [],
      stage: 'drafting',
      throughSeq: 0,
      createdBy: secretariat.id,
    });
    expect(await store.revisions.nameTaken('d', 'REV.1')).toBe(true);
    expect(await store.revisions.nameTaken('d', 'Rev.2')).toBe(false);
    expect([...(await store.revisions.get('d', 'r1'))!.state]).toEqual([0, 0]);
    expect([await store.revisions.exists('d', 'r1'), await store.revisions.exists('d', 'r2')]).toEqual([true, false]);
    expect(await store.revisions.exists('other', 'r1')).toBe(false);
    await store.loginLinks.create('token', secretariat.id, null, new Date(Date.now() + 60_000));
    expect(await store.loginLinks.consume('token')).toBe(secretariat.id);
    expect(await store.loginLinks.consume('token')).toBeUndefined();
  });

  it('publishes a document once, keeping the first publication, and withdraws it once', async () => {
    const { store } = await fresh();
    const chair = await user(store, 'chair', 'chair');
    const other = await user(store, 'chair2', 'chair');
    expect(await store.publications.get('d')).toBeUndefined();
    await store.publications.publish('d', chair.id);
    const first = await store.publications.get('d');
    expect(first).toMatchObject({ document_id: 'd', published_by_username: 'chair' });
    await store.publications.publish('d', other.id);
    expect(await store.publications.get('d')).toEqual(first);
    expect(await store.publications.unpublish('d')).toBe(true);
    expect(await store.publications.unpublish('d')).toBe(false);
    expect(await store.publications.get('d')).toBeUndefined();
  });

  it('keeps one original per document, one row per clause and language, and voids only current versions', async () => {
    const { store } = await fresh();
    const secretariat = await user(store, 'secretariat', 'secretariat');
    expect(await store.languages.forDocument('d')).toEqual([{ code: 'en', original: true }]);
    await store.languages.add('d', 'ru', true, secretariat.id);
    await store.languages.add('d', 'kk', false, secretariat.id);
    expect(await store.languages.forDocument('d')).toEqual([
      { code: 'ru', original: true },
      { code: 'kk', original: false },
    ]);
    await expect(store.languages.add('d', 'en', true, null)).rejects.toThrow();
    await expect(store.languages.add('d', 'kk', false, null)).rejects.toThrow();
    const mark = { fingerprint: 'f', originalText: 'Calls upon', by: secretariat.id };
    await store.languages.mark('d', 'a', 'kk', { status: 'draft', ...mark, fingerprint: null, originalText: null });
    await store.languages.mark('d', 'a', 'kk', { status: 'current', ...mark });
    await store.languages.mark('d', 'b', 'kk', { status: 'draft', ...mark, fingerprint: null, originalText: null });
    expect(await store.languages.translations('d', 'kk')).toHaveLength(2);
    expect(await store.languages.voidCurrent('d', 'a')).toBe(1);
    expect(await store.languages.voidCurrent('d', 'b')).toBe(0);
    const rows = await store.languages.translations('d');
    expect(rows.find((r) => r.clause_id === 'a')).toMatchObject({
      status: 'current',
      fingerprint: '',
      original_text: 'Calls upon',
    });
    const translator = await store.users.insert({
      username: 'kk-translator',
      displayName: 'Translator',
      role: 'delegate',
      delegation: 'KAZ',
      passwordHash: null,
      translates: ['kk', 'ru'],
    });
    expect(translator.translation_languages).toBe('kk,ru');
  });

  it('counts sign-in attempts across nodes, and admits no more than the limit when nodes race', async () => {
    const { store, other } = await fresh();
    const nodeB = await other();
    const t = 1_000_000;
    await store.loginAttempts.add({ id: 'a1', account: 'kaz-head', address: '10.0.0.1', at: t }, 0);
    await nodeB.loginAttempts.add({ id: 'a2', account: 'kaz-head', address: '10.0.0.2', at: t + 1000 }, 0);
    await nodeB.loginAttempts.add({ id: 'a3', account: 'gbr-head', address: '10.0.0.1', at: t + 2000 }, 0);
    expect(await nodeB.loginAttempts.history('kaz-head', '10.0.0.1', t)).toEqual({
      account: [t, t + 1000],
      pair: [t],
      pairFailed: [],
      addressFailures: 2,
    });
    // Checked and wrong, on the other node: a settled failure of the pair.
    await nodeB.loginAttempts.failed({ id: 'a1', account: 'kaz-head', address: '10.0.0.1', at: t });
    expect((await store.loginAttempts.history('kaz-head', '10.0.0.1', t)).pairFailed).toEqual([t]);
    expect(await store.loginAttempts.history('kaz-head', '10.0.0.1', t + 1)).toEqual({
      account: [t + 1000],
      pair: [],
      pairFailed: [],
      addressFailures: 1,
    });
    // A success forgives the pair's earlier failures, not the account's from elsewhere.
    await store.loginAttempts.add({ id: 'a4', account: 'kaz-head', address: '10.0.0.1', at: t + 3000 }, 0);
    await nodeB.loginAttempts.succeeded({ id: 'a4', account: 'kaz-head', address: '10.0.0.1', at: t + 3000 });
    expect(await store.loginAttempts.history('kaz-head', '10.0.0.1', t)).toEqual({
      account: [t + 1000],
      pair: [],
      pairFailed: [],
      addressFailures: 1,
    });
    // Older than the window: forgotten at the next attempt.
    await store.loginAttempts.add({ id: 'a5', account: 'deu-head', address: '10.0.0.9', at: t + 5000 }, t + 4000);
    expect((await nodeB.loginAttempts.history('kaz-head', '10.0.0.2', 0)).account).toEqual([]);
    // Two nodes admit attempts at once, each read-then-write in its own transaction: exactly three get in.
    const admit = (node: Store, i: number) =>
      node.transaction(async () => {
        const seen = await node.loginAttempts.history('fra-head', '10.0.0.3', 0);
        if (seen.pair.length >= 3) return false;
        await node.loginAttempts.add({ id: `r${i}`, account: 'fra-head', address: '10.0.0.3', at: t + 10_000 + i }, 0);
        return true;
      });
    const admitted = await Promise.all(Array.from({ length: 40 }, (_, i) => admit(i % 2 ? nodeB : store, i)));
    expect(admitted.filter(Boolean)).toHaveLength(3);
    expect((await store.loginAttempts.history('fra-head', '10.0.0.3', 0)).pair).toHaveLength(3);
  });

  it('lets one request of many claim an Idempotency-Key, across nodes, and keeps its answer', async () => {
    const { store, other } = await fresh();
    const nodeB = await other();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? nodeB : store).idempotencyKeys.claim('session', 'key-1', 'request', 1_000),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await nodeB.idempotencyKeys.get('session', 'key-1')).toMatchObject({
      state: 'running',
      request_hash: 'request',
    });
    await store.idempotencyKeys.complete('session', 'key-1', {
      status: 201,
      contentType: 'application/json',
      body: '{"id":"x"}',
    });
    expect(await nodeB.idempotencyKeys.get('session', 'key-1')).toMatchObject({
      state: 'done',
      status: 201,
      body: '{"id":"x"}',
      created_at: 1_000,
    });
    // Another session's key of the same name is its own; a released key can be claimed again; old ones go.
    expect(await nodeB.idempotencyKeys.claim('other session', 'key-1', 'request', 2_000)).toBe(true);
    await nodeB.idempotencyKeys.release('other session', 'key-1');
    expect(await store.idempotencyKeys.claim('other session', 'key-1', 'request', 3_000)).toBe(true);
    await store.idempotencyKeys.forgetBefore(2_500);
    expect(await nodeB.idempotencyKeys.get('session', 'key-1')).toBeUndefined();
    expect(await nodeB.idempotencyKeys.get('other session', 'key-1')).toBeDefined();
  });

  it('takes an expired Idempotency-Key over once: a node that saw it expired cannot drop the claim another node made since', async () => {
    const { store, other } = await fresh();
    const nodeB = await other();
    expect(await store.idempotencyKeys.claim('session', 'old', 'request', 1_000)).toBe(true);
    // Both nodes read the key as expired (claimed before 5,000); node A takes it over first.
    await store.idempotencyKeys.releaseExpired('session', 'old', 5_000);
    expect(await store.idempotencyKeys.claim('session', 'old', 'request', 9_000)).toBe(true);
    await nodeB.idempotencyKeys.releaseExpired('session', 'old', 5_000);
    expect(await nodeB.idempotencyKeys.claim('session', 'old', 'request', 9_001)).toBe(false);
    expect(await nodeB.idempotencyKeys.get('session', 'old')).toMatchObject({ state: 'running', created_at: 9_000 });
  });

  it('keeps one waiting request per delegation and kind, one open roll, and a list in order when two nodes ask at once', async () => {
    const { store, other } = await fresh();
    const nodeB = await other();
    const codes = ['ARG', 'BRA', 'CAN', 'DEU', 'EGY', 'FRA', 'IND', 'JPN', 'MEX', 'NGA'];
    const heads = new Map<string, string>();
    for (const code of codes) {
      await store.delegations.insert(code, 'c');
      heads.set(code, (await user(store, `${code.toLowerCase()}-head`, 'head', code)).id);
    }
    const request = (code: string, kind: FloorKind, id: string) => ({
      id,
      documentId: 'd',
      delegation: code,
      kind,
      subjectType: 'general' as const,
      subjectId: null,
      requestedBy: heads.get(code)!,
    });
    const twice = await Promise.all([
      store.floor.add(request('ARG', 'speaker', 'a1')),
      nodeB.floor.add(request('ARG', 'speaker', 'a2')),
    ]);
    expect(twice.filter(Boolean)).toHaveLength(1);
    await store.floor.settle((await store.floor.waiting('d'))[0]!.id, 'withdrawn');
    // As requestFloor does it: take the floor, read the list, add, write the order; each node half the requests.
    const ask = (node: Store, code: string, kind: FloorKind) =>
      node.transaction(async () => {
        await node.floor.lock('d', heads.get(code)!);
        const waiting = await node.floor.waiting('d');
        await node.floor.add(request(code, kind, `r-${code}`));
        const row = (await node.floor.get(`r-${code}`))!;
        await node.floor.reorder(insertAt(waiting, placeOnList(waiting, kind), row).map((r) => r.id));
      });
    await Promise.all(codes.map((code, i) => ask(i % 2 ? nodeB : store, code, i % 3 ? 'speaker' : 'point_of_order')));
    const kinds = (await nodeB.floor.waiting('d')).map((r) => r.kind);
    expect(kinds).toHaveLength(codes.length);
    expect(kinds).toEqual([...kinds].sort((a, b) => FLOOR_PRECEDENCE[a] - FLOOR_PRECEDENCE[b]));
    const chair = await user(store, 'chair', 'chair');
    const rolls = await Promise.all([
      store.rolls.open({ id: 'roll1', documentId: 'd', meeting: null, by: chair.id }),
      nodeB.rolls.open({ id: 'roll2', documentId: 'd', meeting: null, by: chair.id }),
    ]);
    expect(rolls.filter(Boolean)).toHaveLength(1);
  });

  it('keeps one running silence per document, finds it due by its deadline, and lets exactly one node end it', async () => {
    const { store, other } = await fresh();
    const nodeB = await other();
    const chair = await user(store, 'chair', 'chair');
    const deadline = '2026-01-01T00:00:00.000Z';
    const silence = (id: string) => ({
      id,
      documentId: 'd',
      subject: 'adoption' as const,
      deadline,
      acknowledge: false,
      by: chair.id,
    });
    const started = await Promise.all([store.silences.start(silence('s1')), nodeB.silences.start(silence('s2'))]);
    expect(started.filter(Boolean)).toHaveLength(1);
    const id = started[0] ? 's1' : 's2';
    expect(await nodeB.silences.nextDeadline()).toBe(deadline);
    expect(await store.silences.due('2025-12-31T23:59:59.999Z')).toEqual([]);
    expect(await nodeB.silences.due(deadline)).toEqual([{ id }]);
    // Both nodes' timers fire: the conditional update lets one through.
    const ended = await Promise.all([
      store.transaction(() => store.silences.end(id, 'passed')),
      nodeB.transaction(() => nodeB.silences.end(id, 'passed')),
    ]);
    expect(ended.filter(Boolean)).toHaveLength(1);
    expect(await store.silences.nextDeadline()).toBeUndefined();
    expect(await store.silences.start(silence('s3'))).toBe(true);
  });

  it('lets exactly one node take an e-mail of the outbox, again once its claim lapsed, and keeps notifications per person', async () => {
    const { store, other } = await fresh();
    const nodeB = await other();
    const kaz = await user(store, 'kaz-head', 'head', 'KAZ');
    const rows = [];
    for (let i = 0; i < 4; i += 1) {
      rows.push(
        await store.notifications.insert({
          userId: kaz.id,
          kind: 'floor_given',
          documentId: 'd',
          params: { n: `${i}` },
        }),
      );
    }
    await store.users.setEmail(kaz.id, 'kaz@example.org');
    const [oldest, , , newest] = rows.map((r) => r.id) as [string, string, string, string];
    await store.mailOutbox.enqueue(newest);
    await nodeB.mailOutbox.enqueue(newest); // one row per notification
    await store.mailOutbox.enqueue(oldest);
    const at = new Date().toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    const claims = await Promise.all(
      [store, nodeB, store, nodeB].map((node) => node.mailOutbox.claim(newest, at, until)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(claims.find(Boolean)).toMatchObject({ email: 'kaz@example.org', kind: 'floor_given', attempts: 1 });
    expect(await nodeB.mailOutbox.due(at, 10)).toEqual([oldest]);
    // A node that died mid-send: once its claim lapses, the row is taken again.
    const later = new Date(Date.now() + 120_000).toISOString();
    expect(await nodeB.mailOutbox.due(later, 10)).toEqual([newest, oldest]);
    await store.mailOutbox.sent(newest);
    expect(await nodeB.mailOutbox.due(later, 10)).toEqual([oldest]);

    expect(await nodeB.notifications.unreadCounts([kaz.id])).toEqual(new Map([[kaz.id, 4]]));
    expect(await nodeB.notifications.markRead(kaz.id, [oldest, 'someone-elses'], at)).toEqual([oldest]);
    expect(await store.notifications.unreadCount(kaz.id)).toBe(3);
    // Pruned to the newest two: the oldest notification's e-mail goes with it.
    expect(await store.notifications.prune(kaz.id, 2)).toBe(2);
    expect((await nodeB.notifications.list(kaz.id, { limit: 10 })).map((n) => JSON.parse(n.params).n)).toEqual([
      '3',
      '2',
    ]);
    expect(await store.mailOutbox.state(oldest)).toBeUndefined();
    expect(await store.mailOutbox.state(newest)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('keeps one ballot per delegation and an intact ledger when two nodes write at once', async () => {
    const { store, other } = await fresh();
    const chair = await user(store, 'chair', 'chair');
    const codes = ['ARG', 'BRA', 'CAN', 'DEU', 'EGY', 'FRA', 'IND', 'JPN', 'MEX', 'NGA'];
    const heads = new Map<string, string>();
    for (const code of codes) {
      await store.delegations.insert(code, 'c');
      heads.set(code, (await user(store, `${code.toLowerCase()}-head`, 'head', code)).id);
    }
    await store.votes.insert({
      id: 'v',
      documentId: 'd',
      subjectType: 'document',
      subjectId: 'd',
      rule: 'simple_majority',
      quorum: null,
      openedBy: chair.id,
    });
    const nodeB = await other();
    // Each delegation votes twice, once through each node, in parallel; each ballot commits with its ledger row.
    const cast = (node: Store, code: string, choice: 'yes' | 'no') =>
      node.transaction(async () => {
        const before = await node.ballots.get('v', code);
        await node.ballots.cast('v', code, choice, heads.get(code)!);
        await node.audit.append({
          action: before ? 'ballot.change' : 'ballot.cast',
          actorId: heads.get(code)!,
          actor: code,
          documentId: 'd',
          subject: 'vote:v',
          payload: { code, choice },
        });
      });
    await Promise.all(codes.flatMap((code) => [cast(store, code, 'yes'), cast(nodeB, code, 'no')]));
    const ballots = await nodeB.ballots.forVote('v');
    expect(ballots.map((b) => b.delegation)).toEqual([...codes].sort());
    expect(ballots.every((b) => b.changes === 1)).toBe(true);
    const chain = await store.audit.verify();
    expect(chain).toEqual({ intact: true, entries: 2 * codes.length });
    const actions = (await nodeB.audit.entries()).map((e) => e.action);
    expect(actions.filter((a) => a === 'ballot.cast')).toHaveLength(codes.length);
  });
}

// SQLite serves one node: its "second node" is the same process's connection, used by concurrent commands
// (two processes on one file would take turns through SQLite's own lock; two connections in one thread would
// only wait on each other).
describe('storage contract: SQLite', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  storageContract(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-contract-'));
    dirs.push(dataDir);
    const first = await openStorage({ dataDir });
    return { first, second: () => Promise.resolve(sharing(first)) };
  });
});

/** The same connection under a second handle whose close is a no-op (the first handle closes it). */
function sharing(sql: Sql): Sql {
  return Object.assign(Object.create(sql) as Sql, { close: () => Promise.resolve() });
}

describePostgres('storage contract: PostgreSQL', () => {
  const pg = usePostgres();
  storageContract(async () => {
    const databaseUrl = await pg.freshDatabaseUrl();
    return {
      first: await openStorage({ dataDir: ':memory:', databaseUrl }),
      second: () => openStorage({ dataDir: ':memory:', databaseUrl }),
    };
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { describePostgres, usePostgres } from '../../test/helpers/engines.js';
import { openStorage } from '../db/connection.js';
import type { Sql } from '../db/sql.js';
import { Store } from '../db/store.js';
import type { Broadcaster } from './broadcast.js';
import { Events } from './events.js';

const later = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const stage = (by: string) => ({ documentId: 'd', stage: 'drafting' as const, by });

/**
 * `ctx.events` on real storage, both engines: what a command emits inside its transaction is delivered once
 * that transaction commits, never if it rolls back, and in commit order per room.
 */
function eventsContract(open: () => Promise<Sql>): void {
  const opened: Sql[] = [];
  afterAll(async () => {
    for (const sql of opened) await sql.close().catch(() => undefined);
  });

  async function fresh() {
    const sql = await open();
    opened.push(sql);
    const store = new Store(sql);
    const sent: { room: string; event: string; by: string }[] = [];
    const errors: string[] = [];
    const outlet: Broadcaster = {
      emit: (to, event, payload) =>
        void sent.push({ room: Object.values(to)[0] as string, event, by: (payload as { by: string }).by }),
    };
    const events = new Events(store, { info() {}, error: (message) => void errors.push(message) });
    events.deliverTo(outlet);
    // A command's write, so that each transaction really writes and takes the writer's turn.
    let n = 0;
    const write = () =>
      store.conferences.insert({ id: `c${++n}`, name: 'Congress', place: 'Almaty', startsOn: null, endsOn: null });
    return { store, events, sent, errors, write, by: () => sent.map((s) => s.by) };
  }

  it('delivers an event only once its transaction has committed', async () => {
    const { store, events, sent, write, by } = await fresh();
    await store.transaction(async () => {
      await write();
      events.emit({ document: 'd' }, 'document:stage', stage('#1'));
      await write();
      expect(sent).toEqual([]);
    });
    await events.settled();
    expect(by()).toEqual(['#1']);
  });

  it('never delivers an event emitted in a transaction that throws, nor one of a savepoint that rolls back', async () => {
    const { store, events, write, by } = await fresh();
    let built = 0;
    const build = async () => {
      built += 1;
      return stage('rolled back, built');
    };
    await expect(
      store.transaction(async () => {
        events.emit({ document: 'd' }, 'document:stage', stage('rolled back'));
        events.emit({ document: 'd' }, 'document:stage', build);
        await write();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await store.transaction(async () => {
      await write();
      await expect(
        store.transaction(async () => {
          events.emit({ document: 'd' }, 'document:stage', stage('inner'));
          throw new Error('inner refused');
        }),
      ).rejects.toThrow('inner refused');
      events.emit({ document: 'd' }, 'document:stage', stage('outer'));
    });
    await events.settled();
    await later(20, null);
    expect(by()).toEqual(['outer']);
    expect(built).toBe(0);
  });

  it('delivers the events of two commands on one document in commit order, though the first payload is slower to build', async () => {
    const { store, events, write, by } = await fresh();
    let holding!: () => void;
    const firstHolds = new Promise<void>((resolve) => (holding = resolve));
    const first = store.transaction(async () => {
      await write();
      holding();
      // The second command is waiting for the writer's turn meanwhile.
      await later(10, null);
      events.emit({ document: 'd' }, 'document:stage', () => later(60, stage('first, slow')));
      events.emit({ document: 'd' }, 'document:stage', stage('first, second event'));
    });
    await firstHolds;
    const second = store.transaction(async () => {
      await write();
      events.emit({ document: 'd' }, 'document:stage', stage('second, ready'));
    });
    await Promise.all([first, second]);
    await events.settled();
    expect(by()).toEqual(['first, slow', 'first, second event', 'second, ready']);
  });

  it('keeps order per room only: another room does not wait for a slow payload', async () => {
    const { store, events, sent } = await fresh();
    await store.transaction(async () => {
      events.emit({ document: 'd' }, 'document:stage', () => later(40, stage('document')));
      events.emit({ delegation: 'KAZ' }, 'document:stage', stage('delegation'));
      events.emit({ user: 'u1' }, 'document:stage', stage('user'));
    });
    expect(sent.map((s) => s.by)).toEqual(['delegation', 'user']);
    await events.settled();
    expect(sent.map((s) => s.by)).toEqual(['delegation', 'user', 'document']);
  });

  it('delivers at once outside a transaction, behind what its room still has on the way', async () => {
    const { store, events, by } = await fresh();
    events.emit({ user: 'u1' }, 'document:stage', stage('now'));
    expect(by()).toEqual(['now']);
    await store.transaction(async () => events.emit({ user: 'u1' }, 'document:stage', () => later(30, stage('built'))));
    events.emit({ user: 'u1' }, 'document:stage', stage('after'));
    expect(by()).toEqual(['now']);
    await events.settled();
    expect(by()).toEqual(['now', 'built', 'after']);
  });

  it('logs a payload that fails to build, sends nothing for it, and goes on with the next', async () => {
    const { store, events, errors, by } = await fresh();
    await store.transaction(async () => {
      events.emit({ document: 'd' }, 'document:stage', () => Promise.reject(new Error('store closed')));
      events.emit({ document: 'd' }, 'document:stage', stage('next'));
    });
    await events.settled();
    expect(errors).toEqual(['document:stage event failed']);
    expect(by()).toEqual(['next']);
  });

  /** A conference and its documents `d` and `e`, for the event sequence. */
  async function withDocuments(store: Store): Promise<void> {
    await store.conferences.insert({ id: 'c0', name: 'Congress', place: 'Almaty', startsOn: null, endsOn: null });
    for (const id of ['d', 'e'])
      await store.documents.insert({ id, conferenceId: 'c0', title: id, symbol: id, stage: 'drafting', metadata: {} });
  }

  it('counts each committed event to a document in its sequence, none rolled back, none to a delegation or a person', async () => {
    const { store, events, write } = await fresh();
    await withDocuments(store);
    const seq = () => store.documents.eventsSeq('d');
    await store.transaction(async () => {
      events.emit({ document: 'd' }, 'document:stage', stage('#1'));
      events.emit({ document: 'd' }, 'document:stage', () => later(5, stage('#2')));
      events.emit({ delegation: 'KAZ' }, 'document:stage', stage('delegation'));
      events.emit({ user: 'u1' }, 'document:stage', stage('user'));
      await write();
      // Counted as the transaction commits, with it.
      expect(await seq()).toBe(0);
    });
    expect(await seq()).toBe(2);
    await expect(
      store.transaction(async () => {
        events.emit({ document: 'd' }, 'document:stage', stage('rolled back'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await store.transaction(async () => {
      await store
        .transaction(async () => {
          events.emit({ document: 'd' }, 'document:stage', stage('inner'));
          throw new Error('inner refused');
        })
        .catch(() => undefined);
      events.emit({ document: 'd' }, 'document:stage', stage('outer'));
    });
    await events.settled();
    expect(await seq()).toBe(3);
    expect(await store.documents.eventsSeq('e')).toBe(0);
  });

  it('rolls the transaction back, announcing nothing, when its events cannot be counted', async () => {
    const { store, sent } = await fresh();
    await withDocuments(store);
    const failing = Object.assign(Object.create(store) as Store, {
      documents: { countEvent: () => Promise.reject(new Error('disk full')) },
    });
    const events = new Events(failing, { info() {}, error() {} });
    events.deliverTo({ emit: (to, event) => void sent.push({ room: 'x', event, by: 'x' }) });
    await expect(
      store.transaction(async () => {
        await store.documents.setStage('d', 'negotiation');
        events.emit({ document: 'd' }, 'document:stage', stage('never'));
      }),
    ).rejects.toThrow('disk full');
    await events.settled();
    expect((await store.documents.get('d'))?.stage).toBe('drafting');
    expect(sent).toEqual([]);
  });

  it('outside a transaction, counts the event before it goes out', async () => {
    const { store, sent } = await fresh();
    await withDocuments(store);
    const order: string[] = [];
    const counting = Object.assign(Object.create(store) as Store, {
      documents: {
        countEvent: async (id: string) => {
          await store.documents.countEvent(id);
          order.push('counted');
        },
      },
    });
    const events = new Events(counting, { info() {}, error() {} });
    events.deliverTo({ emit: () => void order.push('sent') });
    events.emit({ document: 'd' }, 'document:stage', stage('outside'));
    await events.settled();
    expect(order).toEqual(['counted', 'sent']);
    expect(await store.documents.eventsSeq('d')).toBe(1);
    expect(sent).toEqual([]);
  });

  it('builds nothing before an outlet is attached (scripts)', async () => {
    const sql = await open();
    opened.push(sql);
    const store = new Store(sql);
    const events = new Events(store, { info() {}, error() {} });
    let built = 0;
    const build = async () => {
      built += 1;
      return stage('x');
    };
    await store.transaction(async () => events.emit({ document: 'd' }, 'document:stage', build));
    await events.settled();
    expect(built).toBe(0);
  });
}

describe('events after commit: SQLite', () => {
  eventsContract(() => openStorage({ dataDir: ':memory:' }));
});

describePostgres('events after commit: PostgreSQL', () => {
  const pg = usePostgres();
  eventsContract(async () => openStorage({ dataDir: ':memory:', databaseUrl: await pg.freshDatabaseUrl() }));
});

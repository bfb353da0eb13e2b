import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { PresenceUser } from '../../shared/domain/presence.js';
import { CloseCode } from '../../shared/protocol/collab.js';
import { DocAwareness, MAX_IDS_PER_CONNECTION, type AwarenessSender } from './awareness.js';

const user = (userId: string, delegation: string | null = 'KAZ'): PresenceUser => ({
  userId,
  name: userId,
  role: 'delegate',
  delegation,
  color: '#123456',
});
const sender = (userId: string, bound: Record<number, string> = {}): AwarenessSender => ({
  key: {},
  user: user(userId),
  boundTo: (id) => bound[id],
});

function update(entries: [clientId: number, clock: number, state: unknown][]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

function decode(bytes: Uint8Array): { id: number; clock: number; state: any }[] {
  const d = decoding.createDecoder(bytes);
  return Array.from({ length: decoding.readVarUint(d) }, () => ({
    id: decoding.readVarUint(d),
    clock: decoding.readVarUint(d),
    state: JSON.parse(decoding.readVarString(d)),
  }));
}

const cursor = (n: number): unknown => ({
  anchor: { item: { client: 1, clock: n }, assoc: 0 },
  head: { item: { client: 1, clock: n }, assoc: 0 },
});

describe('DocAwareness', () => {
  it('stamps the session’s identity, keeps only the cursor, and ignores echoes of others’ states', () => {
    const aw = new DocAwareness();
    const kaz = sender('kaz');
    const gbr = sender('gbr');
    expect(aw.apply(kaz, update([[10, 1, { user: { name: 'Chair' }, cursor: cursor(3), extra: 'x' }]]))).toEqual({
      ok: true,
      changed: true,
      claimed: 1,
    });
    const [entry] = decode(aw.takeDirty()!);
    expect(entry!.state).toEqual({ user: user('kaz'), cursor: cursor(3) });
    // The stock client re-sends what it received: same clock, ignored; a removal of someone else's: ignored.
    expect(aw.apply(gbr, update([[10, 1, entry!.state]]))).toEqual({ ok: true, changed: false, claimed: 0 });
    expect(aw.apply(gbr, update([[10, 2, null]]))).toEqual({ ok: true, changed: false, claimed: 0 });
    // A newer state for someone else's id is an attempt to speak for them.
    expect(aw.apply(gbr, update([[10, 5, {}]]))).toMatchObject({ ok: false, code: CloseCode.CLIENT_ID_TAKEN });
    // An id bound in the document to another person cannot be claimed either.
    expect(aw.apply(sender('gbr', { 77: 'kaz' }), update([[77, 1, {}]]))).toMatchObject({
      ok: false,
      code: CloseCode.CLIENT_ID_TAKEN,
    });
  });

  it('lets one connection hold a few client ids, counted within one message and across messages', () => {
    const aw = new DocAwareness();
    const kaz = sender('kaz');
    const many = Array.from({ length: MAX_IDS_PER_CONNECTION + 3 }, (_, i): [number, number, unknown] => [
      100 + i,
      1,
      {},
    ]);
    expect(aw.apply(kaz, update(many))).toMatchObject({ ok: true, claimed: MAX_IDS_PER_CONNECTION });
    // A removal frees a place in the same message; the next new id takes it, and no more.
    expect(
      aw.apply(
        kaz,
        update([
          [100, 2, null],
          [200, 1, {}],
          [201, 1, {}],
        ]),
      ),
    ).toMatchObject({ ok: true, claimed: 1 });
    expect(aw.apply(kaz, update([[202, 1, {}]]))).toMatchObject({ ok: true, claimed: 0 });
    expect(aw.apply(sender('gbr'), update([[300, 1, {}]]))).toMatchObject({ ok: true, claimed: 1 });
  });

  it('removes a departing connection’s states for everyone', () => {
    const aw = new DocAwareness();
    const kaz = sender('kaz');
    aw.apply(kaz, update([[10, 4, {}]]));
    aw.takeDirty();
    aw.removeOwner(kaz.key);
    expect(decode(aw.takeDirty()!)).toEqual([{ id: 10, clock: 5, state: null }]);
    expect(aw.holder(10)).toBeUndefined();
  });

  it('sends within a byte budget: arrivals first, then the least recently sent moves, none starved', () => {
    const aw = new DocAwareness();
    const senders = Array.from({ length: 40 }, (_, i) => sender(`u${i}`));
    senders.forEach((s, i) => aw.apply(s, update([[100 + i, 1, { cursor: cursor(i) }]])));
    // Arrivals go out at once, whatever the budget.
    expect(decode(aw.takeDirty(100, 1)!)).toHaveLength(40);
    senders.forEach((s, i) => aw.apply(s, update([[100 + i, 2, { cursor: cursor(i + 1) }]])));
    const sent = new Set<number>();
    for (let tick = 2; tick < 100 && aw.hasDirty(); tick++) {
      const batch = decode(aw.takeDirty(600, tick)!);
      expect(batch.length).toBeLessThan(10);
      for (const e of batch) sent.add(e.id);
    }
    expect(sent.size).toBe(40);
    // Moves made again before going out are sent once, in their latest state.
    aw.apply(senders[0]!, update([[100, 3, { cursor: cursor(7) }]]));
    aw.apply(senders[0]!, update([[100, 4, { cursor: cursor(8) }]]));
    expect(decode(aw.takeDirty()!)).toEqual([{ id: 100, clock: 4, state: { user: user('u0'), cursor: cursor(8) } }]);
  });
});

import type { PresenceUser } from '../../shared/domain/presence.js';
import { COLLAB_LIMITS } from '../../shared/protocol/collab.js';

/**
 * The state a client sent, reduced to what the editor uses and stamped with the session's identity: the
 * `cursor` (two Yjs relative positions) survives if well-formed; everything else is dropped.
 */
export function rewriteState(raw: string, user: PresenceUser): string {
  const out: { user: PresenceUser; cursor?: { anchor: RelPos; head: RelPos } } = { user };
  if (raw.length <= COLLAB_LIMITS.maxAwarenessStateBytes) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const cursor = (parsed as { cursor?: unknown } | null)?.cursor as
      { anchor?: unknown; head?: unknown } | null | undefined;
    if (cursor && typeof cursor === 'object') {
      const anchor = relPos(cursor.anchor);
      const head = relPos(cursor.head);
      if (anchor && head) out.cursor = { anchor, head };
    }
  }
  return JSON.stringify(out);
}

interface RelPos {
  type?: { client: number; clock: number };
  tname?: string;
  item?: { client: number; clock: number };
  assoc?: number;
}

/** A Yjs relative position in JSON form (`Y.relativePositionToJSON`), rebuilt from known fields only. */
function relPos(value: unknown): RelPos | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const out: RelPos = {};
  const id = (x: unknown): { client: number; clock: number } | undefined => {
    if (!x || typeof x !== 'object') return undefined;
    const { client, clock } = x as Record<string, unknown>;
    return Number.isSafeInteger(client) && Number.isSafeInteger(clock)
      ? { client: client as number, clock: clock as number }
      : undefined;
  };
  const type = id(v.type);
  const item = id(v.item);
  if (type) out.type = type;
  if (item) out.item = item;
  if (typeof v.tname === 'string' && v.tname.length <= 200) out.tname = v.tname;
  if (typeof v.assoc === 'number' && Number.isInteger(v.assoc)) out.assoc = v.assoc;
  return type || item || out.tname ? out : null;
}

import { describe, expect, it } from 'vitest';
import { followDocument } from './socket.js';

/** A connected socket that records what the tab sends, and the handlers it holds. */
function fakeSocket() {
  const sent: string[] = [];
  const handlers = new Set<unknown>();
  const socket = {
    connected: true,
    emit: (event: string, payload: { documentId: string }) => void sent.push(`${event} ${payload.documentId}`),
    on: (_event: string, fn: unknown) => void handlers.add(fn),
    off: (_event: string, fn: unknown) => void handlers.delete(fn),
  };
  return { sent, handlers, socket: socket as unknown as Parameters<typeof followDocument>[1] };
}

describe('followDocument', () => {
  it('leaves a document’s room only when the last of the tab’s screens following it stops', () => {
    const { sent, handlers, socket } = fakeSocket();
    const page = followDocument('d', socket);
    const panel = followDocument('d', socket);
    const other = followDocument('e', socket);
    expect(sent).toEqual(['document:join d', 'document:join d', 'document:join e']);
    panel();
    panel(); // called twice: still one follower gone
    expect(sent.filter((m) => m.startsWith('document:leave'))).toEqual([]);
    page();
    expect(sent.filter((m) => m.startsWith('document:leave'))).toEqual(['document:leave d']);
    other();
    expect(sent.filter((m) => m.startsWith('document:leave'))).toEqual(['document:leave d', 'document:leave e']);
    expect(handlers.size).toBe(0);
    // Following again after everyone left joins, and leaves, afresh.
    followDocument('d', socket)();
    expect(sent.slice(-2)).toEqual(['document:join d', 'document:leave d']);
  });
});

import { waitFor } from './collabClient.js';

/** One server-sent event as received, with when it arrived. */
export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: string;
  at: number;
}

/**
 * A reader of a `text/event-stream` answer (the public gallery's) over plain fetch: every event and comment
 * as it arrives, whether the server ended the stream, and `close()` to hang up.
 */
export class EventStreamClient {
  readonly events: ReceivedEvent[] = [];
  comments = 0;
  ended = false;
  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly abort: AbortController,
  ) {}

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const abort = new AbortController();
    const res = await fetch(url, { headers, signal: abort.signal });
    const client = new EventStreamClient(res.status, res.headers, abort);
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      client.ended = true;
      return client;
    }
    void client.read(res.body);
    return client;
  }

  /** Events named `event` received so far. */
  named(event: string): ReceivedEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** Resolves when an event satisfying `predicate` has arrived. */
  async next(predicate: (e: ReceivedEvent) => boolean, timeoutMs = 5000): Promise<ReceivedEvent> {
    if (this.status !== 200) throw new Error(`The stream was answered ${this.status}`);
    await waitFor(() => this.events.some(predicate), timeoutMs, 'a server-sent event');
    return this.events.find(predicate)!;
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    let comment = false;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comment = true;
      const colon = line.indexOf(':');
      if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
    }
    if (fields.data !== undefined) {
      this.events.push({ id: fields.id, event: fields.event ?? 'message', data: fields.data, at: Date.now() });
    } else if (comment) this.comments += 1;
  }
}

import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Language } from '../../shared/domain/countries.js';
import type { AppContext } from '../context.js';
import { diff, frameOf, render, snapshotOf, type ChangeRecord, type Rendition } from './changes.js';
import { renderPage } from './page.js';
import { readGalleryState } from './state.js';
import { ClauseCache } from './clauseCache.js';

/** At most one event per document per this many ms: what changes meanwhile is coalesced into the next. */
export const GALLERY_INTERVAL_MS = 1000;

/** How the public gallery serves its viewers; each option's default is its environment variable's. */
export interface GalleryOptions {
  /** Event-stream viewers this node serves at once, all documents together; 503 beyond. Default 10,000. */
  maxViewers: number;
  /** Least time between two events of one document, in ms: changes meanwhile go out as one. Default 1,000. */
  interval: number;
  /**
   * Time between heartbeats, in ms: a comment line to every viewer (so proxies keep the stream open) and a
   * fresh read of each watched document (what another node changed shows at the latest then). Default 15,000.
   */
  heartbeat: number;
  /** Bytes a viewer may leave unread before its stream is dropped (it reconnects and resumes). Default 256 KiB. */
  maxBuffered: number;
  /** Events kept per document so that a viewer reconnecting with `Last-Event-ID` gets what it missed. Default 64. */
  history: number;
}

/** Viewers written to in one turn of the event loop before it is let go (`GalleryHub.write`). */
const FAN_OUT_SLICE = 500;

/** One published document as the gallery serves it: its last rendition, recent events, and who watches. */
class Channel {
  rendition: Rendition | null = null;
  seq = 0;
  changedAt = new Date();
  /** Recent events, each with the event before it (what a viewer that had that one still needs). */
  history: { previous: number; record: ChangeRecord }[] = [];
  viewers = new Map<Language, Set<ServerResponse>>();
  viewerCount = 0;
  dirty = true;
  readAt = 0;
  lastSentAt = 0;
  usedAt = Date.now();
  timer: NodeJS.Timeout | undefined;
  reading: Promise<void> | undefined;
  snapshot: ChangeRecord | undefined;
  pages = new Map<Language, { seq: number; html: string }>();
  readonly clauses = new ClauseCache();
  constructor(readonly documentId: string) {}
}

/** The page of a published document as it stands, with what names its version. */
export interface GalleryPage {
  html: string;
  etag: string;
  lastModified: Date;
}

/**
 * The public gallery of every published document on this node. Each document's state is read and rendered
 * once per change (never per viewer), at most once per `interval`; the rendered event is one string per
 * language, written once to each viewer. One timer per document while changes wait, one heartbeat timer for
 * all: nothing per viewer but its response object.
 */
export class PublicGallery {
  readonly epoch = randomBytes(6).toString('base64url');
  private readonly channels = new Map<string, Channel>();
  private viewers = 0;
  /** The fan-out under way, if any: the next waits for it (`write`). */
  private sending: Promise<void> = Promise.resolve();
  /**
   * The last version number given, across documents: a number names one version of one document on this node,
   * even when a document is withdrawn and published again, so an ETag or an event id never names two texts.
   */
  private versions = 0;
  private readonly beat: NodeJS.Timeout;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: GalleryOptions,
  ) {
    this.beat = setInterval(() => this.heartbeat(), options.heartbeat);
    this.beat.unref();
  }

  /** Viewers connected to this node's streams. */
  get viewerCount(): number {
    return this.viewers;
  }

  /**
   * Something about `documentId` changed (its text, a vote, the pointer…): the page is read again, and the
   * event goes out within `interval`. `now`: at once (a publication changed, which ends streams).
   */
  touch(documentId: string, now = false): void {
    const channel = this.channels.get(documentId);
    if (!channel) return;
    channel.dirty = true;
    if (now) void this.refresh(channel);
    else if (channel.viewerCount > 0) this.schedule(channel);
  }

  /** The page in `language`, or null when the document is not published. */
  async page(documentId: string, language: Language): Promise<GalleryPage | null> {
    const channel = await this.current(documentId);
    if (!channel.rendition) return null;
    let page = channel.pages.get(language);
    if (page?.seq !== channel.seq) {
      page = { seq: channel.seq, html: renderPage(channel.rendition, language, this.eventId(channel.seq)) };
      channel.pages.set(language, page);
    }
    return { html: page.html, etag: `"${this.eventId(channel.seq)}.${language}"`, lastModified: channel.changedAt };
  }

  /** Whether another viewer may connect to this node. */
  hasRoom(): boolean {
    return this.viewers < this.options.maxViewers;
  }

  /**
   * Starts `res` as an event stream of `documentId` (false, nothing written, when it is not published). A
   * viewer that names an event this node still holds gets the events after it; one that names the current
   * event gets nothing until the next; any other gets a snapshot.
   */
  async follow(documentId: string, language: Language, res: ServerResponse, lastEventId?: string): Promise<boolean> {
    const channel = await this.current(documentId);
    if (!channel.rendition || res.destroyed) return false;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 2000\n\n${this.catchUp(channel, language, lastEventId)}`);
    let group = channel.viewers.get(language);
    if (!group) channel.viewers.set(language, (group = new Set()));
    group.add(res);
    channel.viewerCount += 1;
    this.viewers += 1;
    res.once('close', () => {
      if (!group.delete(res)) return;
      channel.viewerCount -= 1;
      this.viewers -= 1;
      channel.usedAt = Date.now();
    });
    return true;
  }

  /** Ends every stream (shutdown). */
  close(): void {
    clearInterval(this.beat);
    for (const channel of this.channels.values()) {
      clearTimeout(channel.timer);
      channel.clauses.close();
      this.end(channel);
    }
    this.channels.clear();
  }

  private eventId(seq: number): string {
    return `${this.epoch}.${seq}`;
  }

  private catchUp(channel: Channel, language: Language, lastEventId: string | undefined): string {
    const match = /^([\w-]+)\.(\d+)$/.exec(lastEventId ?? '');
    const seq = match && match[1] === this.epoch ? Number(match[2]) : -1;
    if (seq === channel.seq) return '';
    const from = channel.history.findIndex((h) => h.previous === seq);
    if (from >= 0) {
      return channel.history
        .slice(from)
        .map((h) => frameOf(h.record, language, this.epoch, 'change'))
        .join('');
    }
    if (channel.snapshot?.seq !== channel.seq) channel.snapshot = snapshotOf(channel.rendition!, channel.seq);
    return frameOf(channel.snapshot, language, this.epoch, 'snapshot');
  }

  /** The document's channel, read again when a change or time may have made it stale. */
  private async current(documentId: string): Promise<Channel> {
    let channel = this.channels.get(documentId);
    if (!channel) this.channels.set(documentId, (channel = new Channel(documentId)));
    channel.usedAt = Date.now();
    // While viewers watch, changes reach the page through the coalescing timer; the page keeps step with it.
    const stale = channel.viewerCount === 0 && Date.now() - channel.readAt >= this.options.interval;
    if (channel.reading || channel.rendition === null || stale || (channel.dirty && channel.viewerCount === 0)) {
      await this.refresh(channel);
    }
    // Nothing is kept for a document that is not public: asking for any id costs one reading, never memory.
    if (!channel.rendition && channel.viewerCount === 0 && this.channels.get(documentId) === channel) {
      channel.clauses.close();
      this.channels.delete(documentId);
    }
    return channel;
  }

  private schedule(channel: Channel): void {
    if (channel.timer || channel.reading) return;
    const wait = Math.max(0, channel.lastSentAt + this.options.interval - Date.now());
    channel.timer = setTimeout(() => {
      channel.timer = undefined;
      if (channel.dirty) void this.refresh(channel);
    }, wait);
  }

  /** Reads and renders the document again (once, however many ask meanwhile) and sends what changed. */
  private refresh(channel: Channel): Promise<void> {
    channel.reading ??= (async () => {
      channel.dirty = false;
      channel.readAt = Date.now();
      try {
        const state = await readGalleryState(this.ctx, channel.documentId, channel.clauses);
        this.apply(channel, state ? render(state) : null);
      } catch (error) {
        this.ctx.log.error(`Public gallery of ${channel.documentId}: reading failed`, error);
      } finally {
        channel.reading = undefined;
        if (channel.dirty && channel.viewerCount > 0) this.schedule(channel);
      }
    })();
    return channel.reading;
  }

  private apply(channel: Channel, next: Rendition | null): void {
    const before = channel.rendition;
    channel.rendition = next;
    if (!next) {
      if (before) this.end(channel);
      return;
    }
    if (before && next.state.key === before.state.key) return;
    if (!before) {
      // The first reading: nothing to send, a version to name.
      channel.seq = ++this.versions;
      channel.changedAt = new Date();
      return;
    }
    const record = diff(before, next, this.versions + 1);
    if (!record) return;
    this.versions = record.seq;
    channel.history.push({ previous: channel.seq, record });
    channel.seq = record.seq;
    channel.changedAt = new Date();
    if (channel.history.length > this.options.history) channel.history.shift();
    if (channel.viewerCount === 0) return;
    channel.lastSentAt = Date.now();
    for (const [language, group] of channel.viewers) {
      if (group.size) this.write(group, frameOf(record, language, this.epoch, 'change'));
    }
  }

  /**
   * Sends `frame` to every viewer in `group`. Ten thousand writes at once would hold the event loop for a few
   * hundred milliseconds, and the people typing the text wait behind it: the viewers are written in slices of
   * `FAN_OUT_SLICE`, the loop free between slices. Fan-outs go one after another, so every viewer gets the
   * frames in the order they were sent.
   */
  private write(group: Set<ServerResponse>, frame: string): void {
    const viewers = [...group];
    this.sending = this.sending
      .then(() => this.writeSlices(viewers, frame))
      .catch((error: unknown) => this.ctx.log.error('gallery: sending failed', error));
  }

  private async writeSlices(viewers: ServerResponse[], frame: string): Promise<void> {
    for (let i = 0; i < viewers.length; i += FAN_OUT_SLICE) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (const res of viewers.slice(i, i + FAN_OUT_SLICE)) {
        if (res.destroyed || res.writableEnded) continue;
        if (res.writableLength > this.options.maxBuffered) res.destroy();
        else res.write(frame);
      }
    }
  }

  /** Withdrawn (or shutting down): every stream gets `end` and closes; the page answers 404 from now on. */
  private end(channel: Channel): void {
    channel.history = [];
    channel.snapshot = undefined;
    channel.pages.clear();
    for (const group of channel.viewers.values()) {
      for (const res of group) res.end('event: end\ndata: {}\n\n');
    }
  }

  private heartbeat(): void {
    const idle = Date.now() - 10 * this.options.heartbeat;
    for (const [id, channel] of this.channels) {
      if (channel.viewerCount === 0) {
        if (channel.usedAt < idle && !channel.reading) {
          channel.clauses.close();
          this.channels.delete(id);
        }
        continue;
      }
      for (const group of channel.viewers.values()) this.write(group, ':\n\n');
      this.touch(id);
    }
  }
}

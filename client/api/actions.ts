import { pathOf, type RequestOf } from '../../shared/api/route.js';
import {
  newIdempotencyKey,
  transport as toServer,
  wasAnswered,
  type ChangeRoute,
  type RequestInput,
  type Sender,
  type Transport,
} from './http.js';

/**
 * What the person's actions are doing: the one mechanism behind every button and form that changes
 * something on the server. An action has a name (`open-vote`, `close:<voteId>`, `ballot:<voteId>`…) and is
 * one press of its control:
 *
 * - while it runs, pressing again does nothing (a double-click, a second Enter, a press on the re-rendered
 *   button), and the controls bound to it are disabled (`client/components/actionHooks.tsx`);
 * - every request it sends carries an `Idempotency-Key`, one per request of the action; when a try got no
 *   answer (the connection dropped), the next try of the same action sends the same requests under the same
 *   keys, so a server that had carried them out answers without doing them again (a request it refused
 *   goes under a new key: it changed nothing, and is asked afresh); once the server has answered the
 *   action, the next press is a new action with new keys;
 * - its error is kept until the action runs again, is cleared, or the situation it was about changes: the
 *   error names topics (`vote:<id>`, `stage`…) that the view reads for it (`describe`), and `recheck` drops
 *   the errors whose topics read differently from when they were shown.
 *
 * The state lives here, not in the DOM, so it survives the re-renders that others' activity causes.
 */
export class Actions {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(name: string) => void>();
  private situation: Situation = () => undefined;

  /** @param transport where requests go; the tests give a recorder. Default: the server. */
  constructor(private readonly transport: Transport = toServer) {}

  /** How the view reads a topic now. A view rebuilt over the same actions describes itself again. */
  describe(situation: Situation): void {
    this.situation = situation;
  }

  /** True while the action runs. */
  isBusy(name: string): boolean {
    return this.entries.get(name)?.busy ?? false;
  }

  /** The action's error, or undefined. */
  errorOf(name: string): unknown {
    return this.entries.get(name)?.error;
  }

  /**
   * Runs `perform` as the action `name`, unless that action is running already: then nothing is done and
   * the answer is `undefined`. `perform` sends its state-changing requests through the `Sender` it is given.
   * Resolves `true` when it succeeded, `false` when it failed (the error is then the action's).
   */
  async run(
    name: string,
    perform: (send: Sender) => Promise<unknown>,
    options: RunOptions = {},
  ): Promise<boolean | undefined> {
    const entry = this.entry(name);
    if (entry.busy) return undefined;
    const retry = entry.unanswered;
    const sent: SentRequest[] = [];
    // A request the server refused changed nothing: asked again, it goes under a new key, so the answer tells
    // the situation now rather than replaying the refusal (the acknowledgement's first request relies on it).
    // What makes two requests the same: method, path and body.
    const send: Sender = {
      call: <T extends ChangeRoute>(route: T, ...[input]: RequestInput<T>) => {
        const given = input as RequestOf<T> | undefined;
        const body = (given as { body?: unknown } | undefined)?.body;
        const request = `${route.method} ${pathOf(route, given)} ${JSON.stringify(body ?? null)}`;
        const earlier = retry?.[sent.length];
        const mine: SentRequest = {
          request,
          key: earlier?.request === request && !earlier.refused ? earlier.key : newIdempotencyKey(),
          refused: false,
        };
        sent.push(mine);
        return this.transport(route, given, { idempotencyKey: mine.key }).catch((error: unknown) => {
          mine.refused = wasAnswered(error);
          throw error;
        });
      },
    };
    entry.busy = true;
    entry.error = undefined;
    this.notify(name);
    try {
      await perform(send);
      entry.unanswered = null;
      return true;
    } catch (error) {
      entry.unanswered = !wasAnswered(error) && sent.length ? sent : null;
      this.setError(entry, error, options.about);
      return false;
    } finally {
      entry.busy = false;
      this.notify(name);
    }
  }

  /**
   * Shows `error` as the action's own without running it: a refusal decided before anything is sent (the
   * subject shown is gone). Ignored while the action runs.
   */
  refuse(name: string, error: unknown, options: RunOptions = {}): void {
    const entry = this.entry(name);
    if (entry.busy) return;
    this.setError(entry, error, options.about);
    this.notify(name);
  }

  /** Forgets the action's error. */
  clear(name: string): void {
    const entry = this.entries.get(name);
    if (!entry || entry.error === undefined) return;
    entry.error = undefined;
    this.notify(name);
  }

  /** Drops every error whose topics read differently from when it was shown. Call after the view's state changed. */
  recheck(): void {
    for (const [name, entry] of this.entries) {
      if (entry.error === undefined || !entry.about.length) continue;
      if (this.read(entry.about) !== entry.seen) this.clear(name);
    }
  }

  /** Calls `fn` with the action's name whenever it starts, ends, or its error changes. */
  subscribe(fn: (name: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private entry(name: string): Entry {
    let entry = this.entries.get(name);
    if (!entry)
      this.entries.set(name, (entry = { busy: false, error: undefined, about: [], seen: '', unanswered: null }));
    return entry;
  }

  private setError(entry: Entry, error: unknown, about: readonly string[] = []): void {
    entry.error = error ?? new Error('failed');
    entry.about = about;
    entry.seen = this.read(about);
  }

  private read(topics: readonly string[]): string {
    return JSON.stringify(topics.map((topic) => this.situation(topic) ?? null));
  }

  private notify(name: string): void {
    for (const fn of this.listeners) fn(name);
  }
}

/** What a topic (`vote:<id>`, `stage`…) reads now in the view; compared as JSON. */
export type Situation = (topic: string) => unknown;

export interface RunOptions {
  /**
   * Topics the action's error is about: the error is cleared once one of them reads differently. Default:
   * none (the error stays until the action runs again or is cleared).
   */
  about?: readonly string[];
}

interface SentRequest {
  /** Method, path and body: what makes a later request "the same". */
  request: string;
  key: string;
  /** The server answered it with a refusal. */
  refused: boolean;
}

interface Entry {
  busy: boolean;
  error: unknown;
  about: readonly string[];
  /** The topics as they read when the error was shown. */
  seen: string;
  /** The requests of a try that got no answer, in order, whose keys the next try reuses. */
  unanswered: SentRequest[] | null;
}

/**
 * What a person picked or wrote in a screen's fields and has not sent, by field id: kept across the rebuilds
 * that live events cause, given back when a field with the same id is built again, dropped once sent.
 */
export class Drafts {
  private readonly values = new Map<string, string>();

  get(id: string): string | undefined {
    return this.values.get(id);
  }

  set(id: string, value: string): void {
    this.values.set(id, value);
  }

  delete(id: string): void {
    this.values.delete(id);
  }

  /** Gives a field its unsent value back and keeps what is typed or picked in it from now on. Returns `el`. */
  field<E extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(el: E): E {
    const kept = this.values.get(el.id);
    if (kept !== undefined) el.value = kept;
    el.addEventListener(el instanceof HTMLSelectElement ? 'change' : 'input', () => this.values.set(el.id, el.value));
    return el;
  }
}

/** The three things a screen does with its unsent texts, by field id (a `Map<string, string>` is one). */
export interface DraftMap {
  get(id: string): string | undefined;
  set(id: string, value: string): void;
  delete(id: string): void;
}

/** Whose drafts, on which document: a draft is given back only to the person who wrote it, on its document. */
export interface DraftScope {
  username: string;
  documentId: string;
}

/** How long an untouched draft is kept: 30 days, the length of a negotiating session and its recess. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
/** How many drafts this device keeps, all people and documents together; the oldest go first. */
export const DRAFT_MAX_COUNT = 200;
/**
 * How many characters of drafts this device keeps in all (localStorage holds about 5 million); the oldest go
 * first, and a single text longer than this stays in the page only.
 */
export const DRAFT_MAX_CHARS = 400_000;

const PREFIX = 'accord.draft:';

interface Kept {
  /** The text. */
  v: string;
  /** When it was last written, in ms since the epoch. */
  at: number;
}

/**
 * Unsent comments, replies and amendments kept in the browser's storage (localStorage) until they are sent or
 * discarded, so a reload, a closed tab or a session that ended does not lose them. Bounded: a draft untouched
 * for `DRAFT_MAX_AGE_MS` is dropped, and beyond `DRAFT_MAX_COUNT` drafts or `DRAFT_MAX_CHARS` characters the
 * oldest go. Without storage (a private window that refuses it) the drafts simply stay in the page.
 */
export class DraftStore {
  private writes = 0;

  /**
   * @param storage where drafts are kept; null keeps none. Default: the browser's localStorage.
   * @param now the clock, in ms since the epoch. Default: `Date.now`.
   */
  constructor(
    private readonly storage: Storage | null = browserStorage(),
    private readonly now: () => number = Date.now,
  ) {}

  /** The person's kept text of a field on a document, if it is there and not expired. */
  get(scope: DraftScope, field: string): string | undefined {
    const key = keyOf(scope, field);
    const kept = this.read(key);
    if (kept && this.now() - kept.at <= DRAFT_MAX_AGE_MS) return kept.v;
    if (kept) this.remove(key);
    return undefined;
  }

  /** Keeps the text (an empty or blank one is no draft: it is removed), then keeps the store within bounds. */
  set(scope: DraftScope, field: string, value: string): void {
    const key = keyOf(scope, field);
    if (!value.trim() || value.length > DRAFT_MAX_CHARS) return this.remove(key);
    const entry = JSON.stringify({ v: value, at: this.now() } satisfies Kept);
    const fresh = this.read(key) === undefined;
    // Full: the oldest drafts make room, one by one. Failing that, the page still has the text.
    let oldestFirst: { key: string }[] | undefined;
    for (;;) {
      try {
        this.storage?.setItem(key, entry);
        break;
      } catch {
        oldestFirst ??= this.live().reverse();
        const oldest = oldestFirst.shift();
        if (!oldest) return;
        this.remove(oldest.key);
      }
    }
    // A keystroke rewrites one draft: the bounds are checked when a draft is added, and now and then besides.
    if (fresh || ++this.writes % 50 === 0) this.prune();
  }

  delete(scope: DraftScope, field: string): void {
    this.remove(keyOf(scope, field));
  }

  /** How many drafts the person has kept on this device (any document), expired ones dropped first. */
  count(username: string): number {
    this.prune();
    const mine = `${PREFIX}${encodeURIComponent(username)}/`;
    return this.keys().filter((key) => key.startsWith(mine)).length;
  }

  /** Drops expired and unreadable drafts, then the oldest beyond `DRAFT_MAX_COUNT` drafts or `DRAFT_MAX_CHARS` characters. */
  prune(): void {
    let chars = 0;
    this.live().forEach(({ key, kept }, i) => {
      chars += kept.v.length;
      if (i >= DRAFT_MAX_COUNT || chars > DRAFT_MAX_CHARS) this.remove(key);
    });
  }

  /** The drafts not expired, newest first; the expired and the unreadable are dropped on the way. */
  private live(): { key: string; kept: Kept }[] {
    const live: { key: string; kept: Kept }[] = [];
    for (const key of this.keys()) {
      const kept = this.read(key);
      if (kept && this.now() - kept.at <= DRAFT_MAX_AGE_MS) live.push({ key, kept });
      else this.remove(key);
    }
    return live.sort((a, b) => b.kept.at - a.kept.at);
  }

  private keys(): string[] {
    const keys: string[] = [];
    const storage = this.storage;
    if (!storage) return keys;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(PREFIX)) keys.push(key);
    }
    return keys;
  }

  private read(key: string): Kept | undefined {
    let raw: string | null | undefined;
    try {
      raw = this.storage?.getItem(key);
    } catch {
      return undefined;
    }
    if (!raw) return undefined;
    try {
      const kept = JSON.parse(raw) as Partial<Kept> | null;
      if (typeof kept?.v === 'string' && typeof kept.at === 'number') return { v: kept.v, at: kept.at };
    } catch {
      // Unreadable: written by something else under our prefix. `prune` and `get` drop it.
    }
    return undefined;
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key);
    } catch {
      // Storage refused: nothing was kept there either.
    }
  }
}

function keyOf(scope: DraftScope, field: string): string {
  return `${PREFIX}${encodeURIComponent(scope.username)}/${encodeURIComponent(scope.documentId)}/${encodeURIComponent(field)}`;
}

/** localStorage, or null where the browser refuses it (some private windows, storage disabled). */
function browserStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let shared: DraftStore | undefined;

/** The tab's draft store over localStorage. */
export function draftStore(): DraftStore {
  return (shared ??= new DraftStore());
}

/**
 * A screen's drafts for one person on one document: what is written goes to `store` as it is typed, and
 * comes back from it after a reload or a new sign-in. `page` is the screen's own map, kept while the page
 * lives: an entry it holds under a bare field id was put there by another part of the page (an amendment
 * started from the editor's selection) and is taken over as this person's newest draft of that field. The
 * person's own entries are kept in `page` under their name, so a second person signing in on the same tab
 * never sees the first one's texts.
 */
export function keptDrafts(page: DraftMap, scope: DraftScope, store: DraftStore = draftStore()): DraftMap {
  const own = (id: string): string => `${scope.username}\u0000${id}`;
  const kept: DraftMap = {
    get(id) {
      const handed = page.get(id);
      if (handed !== undefined) {
        page.delete(id);
        kept.set(id, handed);
        return handed;
      }
      return page.get(own(id)) ?? store.get(scope, id);
    },
    set(id, value) {
      page.set(own(id), value);
      store.set(scope, id, value);
    },
    delete(id) {
      page.delete(own(id));
      store.delete(scope, id);
    },
  };
  return kept;
}

import { describe, expect, it } from 'vitest';
import { DRAFT_MAX_AGE_MS, DRAFT_MAX_CHARS, DRAFT_MAX_COUNT, DraftStore, keptDrafts } from './drafts.js';

/** A `Storage` over a Map, full beyond `quota` characters (keys and values) as a browser's is. */
class MapStorage implements Storage {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.items) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

const KAZ = { username: 'kaz-head', documentId: 'almaty-declaration' };

/** A store over `storage` with a clock the test moves. */
function setup(storage: Storage | null = new MapStorage()) {
  const clock = { now: 1_000_000 };
  const store = new DraftStore(storage, () => clock.now);
  return { store, clock, storage };
}

describe('DraftStore', () => {
  it('gives a draft back to its writer on its document, and to nobody else', () => {
    const { store, storage, clock } = setup();
    store.set(KAZ, 'comment-body-op1', 'We propose “equitable”.');
    expect(store.get(KAZ, 'comment-body-op1')).toBe('We propose “equitable”.');
    expect(store.get({ ...KAZ, username: 'fra-head' }, 'comment-body-op1')).toBeUndefined();
    expect(store.get({ ...KAZ, documentId: 'other' }, 'comment-body-op1')).toBeUndefined();
    expect(store.get(KAZ, 'comment-body-op2')).toBeUndefined();
    // A reload is a new store over the same storage.
    expect(new DraftStore(storage, () => clock.now).get(KAZ, 'comment-body-op1')).toBe('We propose “equitable”.');
  });

  it('keeps names with separators apart', () => {
    const { store } = setup();
    store.set({ username: 'a/b', documentId: 'c' }, 'f', 'one');
    store.set({ username: 'a', documentId: 'b/c' }, 'f', 'two');
    expect(store.get({ username: 'a/b', documentId: 'c' }, 'f')).toBe('one');
    expect(store.get({ username: 'a', documentId: 'b/c' }, 'f')).toBe('two');
  });

  it('removes a draft when it is deleted or emptied', () => {
    const { store, storage } = setup();
    store.set(KAZ, 'a', 'text');
    store.set(KAZ, 'b', 'text');
    store.delete(KAZ, 'a');
    store.set(KAZ, 'b', '  \n ');
    expect(store.get(KAZ, 'a')).toBeUndefined();
    expect(store.get(KAZ, 'b')).toBeUndefined();
    expect(storage!.length).toBe(0);
  });

  it('drops a draft untouched for 30 days, and keeps one written again', () => {
    const { store, clock, storage } = setup();
    store.set(KAZ, 'old', 'written a month ago');
    store.set(KAZ, 'kept', 'first version');
    clock.now += DRAFT_MAX_AGE_MS - 1;
    store.set(KAZ, 'kept', 'second version');
    clock.now += 2;
    expect(store.get(KAZ, 'old')).toBeUndefined();
    expect(store.get(KAZ, 'kept')).toBe('second version');
    expect(storage!.length).toBe(1);
  });

  it(`keeps at most ${DRAFT_MAX_COUNT} drafts, dropping the oldest`, () => {
    const { store, clock } = setup();
    for (let i = 0; i < DRAFT_MAX_COUNT + 5; i++) {
      clock.now += 1;
      store.set(KAZ, `f${i}`, `draft ${i}`);
    }
    expect(store.count(KAZ.username)).toBe(DRAFT_MAX_COUNT);
    expect(store.get(KAZ, 'f4')).toBeUndefined();
    expect(store.get(KAZ, 'f5')).toBe('draft 5');
    expect(store.get(KAZ, `f${DRAFT_MAX_COUNT + 4}`)).toBe(`draft ${DRAFT_MAX_COUNT + 4}`);
  });

  it(`keeps at most ${DRAFT_MAX_CHARS} characters, and never a single text longer than that`, () => {
    const { store, clock, storage } = setup();
    const third = 'x'.repeat(Math.floor(DRAFT_MAX_CHARS / 3));
    for (const field of ['a', 'b', 'c', 'd']) {
      clock.now += 1;
      store.set(KAZ, field, third);
    }
    expect(store.get(KAZ, 'a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((f) => store.get(KAZ, f)?.length)).toEqual([third.length, third.length, third.length]);
    store.set(KAZ, 'huge', 'y'.repeat(DRAFT_MAX_CHARS + 1));
    expect(store.get(KAZ, 'huge')).toBeUndefined();
    expect(storage!.length).toBe(3);
  });

  it('makes room when the storage is full, dropping the oldest drafts, and leaves other keys alone', () => {
    const storage = new MapStorage(3_000);
    storage.setItem('language', 'kk');
    const { store, clock } = setup(storage);
    for (const field of ['a', 'b', 'c']) {
      clock.now += 1;
      store.set(KAZ, field, 'z'.repeat(800));
    }
    clock.now += 1;
    store.set(KAZ, 'd', 'newest '.repeat(100));
    expect(store.get(KAZ, 'd')).toBe('newest '.repeat(100));
    expect(store.get(KAZ, 'a')).toBeUndefined();
    expect(storage.getItem('language')).toBe('kk');
  });

  it('drops what it cannot read under its prefix', () => {
    const storage = new MapStorage();
    storage.setItem('accord.draft:kaz-head/almaty-declaration/a', '{not json');
    storage.setItem('accord.draft:kaz-head/almaty-declaration/b', JSON.stringify({ v: 3 }));
    const { store } = setup(storage);
    expect(store.get(KAZ, 'a')).toBeUndefined();
    expect(store.count('kaz-head')).toBe(0);
    expect(storage.length).toBe(0);
  });

  it('counts one person’s drafts across documents', () => {
    const { store } = setup();
    store.set(KAZ, 'a', 'one');
    store.set({ ...KAZ, documentId: 'other' }, 'a', 'two');
    store.set({ ...KAZ, username: 'kaz-headquarters' }, 'a', 'not mine');
    expect(store.count('kaz-head')).toBe(2);
  });

  it('works without storage: nothing is kept, nothing throws', () => {
    const { store } = setup(null);
    store.set(KAZ, 'a', 'text');
    expect(store.get(KAZ, 'a')).toBeUndefined();
    expect(store.count('kaz-head')).toBe(0);
  });
});

describe('keptDrafts', () => {
  it('writes through to the store, and reads the store after a reload', () => {
    const { store } = setup();
    const drafts = keptDrafts(new Map(), KAZ, store);
    drafts.set('comment-body-op1', 'draft');
    expect(store.get(KAZ, 'comment-body-op1')).toBe('draft');
    expect(keptDrafts(new Map(), KAZ, store).get('comment-body-op1')).toBe('draft');
    drafts.delete('comment-body-op1');
    expect(keptDrafts(new Map(), KAZ, store).get('comment-body-op1')).toBeUndefined();
  });

  it('never hands one person’s text to the next person signing in on the same page', () => {
    const { store } = setup();
    const page = new Map<string, string>();
    keptDrafts(page, KAZ, store).set('comment-body-op1', 'KAZ only');
    expect(keptDrafts(page, { ...KAZ, username: 'fra-head' }, store).get('comment-body-op1')).toBeUndefined();
    expect(keptDrafts(page, KAZ, store).get('comment-body-op1')).toBe('KAZ only');
  });

  it('takes over a text another part of the page left under the bare field id, as the newest draft', () => {
    const { store } = setup();
    const page = new Map<string, string>();
    keptDrafts(page, KAZ, store).set('amend-op1-text', 'older draft');
    page.set('amend-op1-text', 'from the editor’s selection');
    const drafts = keptDrafts(page, KAZ, store);
    expect(drafts.get('amend-op1-text')).toBe('from the editor’s selection');
    expect(page.has('amend-op1-text')).toBe(false);
    expect(store.get(KAZ, 'amend-op1-text')).toBe('from the editor’s selection');
  });

  it('keeps an emptied box empty in the page, while the store forgets it', () => {
    const { store } = setup();
    const page = new Map<string, string>();
    const drafts = keptDrafts(page, KAZ, store);
    drafts.set('amend-op1-text', 'something');
    drafts.set('amend-op1-text', '');
    expect(drafts.get('amend-op1-text')).toBe('');
    expect(store.get(KAZ, 'amend-op1-text')).toBeUndefined();
  });
});

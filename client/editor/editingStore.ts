import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';
import { editingReducer, editingStart, type EditingEvent, type EditingState } from './editingState.js';

/**
 * The editing feature's state for one open document page: a snapshot, changed only through `editingReducer`,
 * and the components that read it told of each change. The imperative editor code dispatches; the page's
 * components read it with `useEditing`, each drawn again only when what it selected has changed (a keystroke
 * changes a length, which no clause but a counter's own needs to hear of).
 */
export class EditingStore {
  private current: EditingState = editingStart;
  private readonly listeners = new Set<() => void>();

  get state(): EditingState {
    return this.current;
  }

  dispatch(event: EditingEvent): void {
    const next = editingReducer(this.current, event);
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/** One store per open document page, made as it opens and let go as it closes (pages of a document may overlap). */
const stores = new Map<string, { store: EditingStore; refs: number }>();

/** The store of a document page that opens; `closeEditing` lets it go. */
export function openEditing(documentId: string): EditingStore {
  let entry = stores.get(documentId);
  if (!entry) stores.set(documentId, (entry = { store: new EditingStore(), refs: 0 }));
  entry.refs += 1;
  return entry.store;
}

export function closeEditing(documentId: string): void {
  const entry = stores.get(documentId);
  if (entry && --entry.refs === 0) stores.delete(documentId);
}

/** The open page's store of a document, if the editing feature has one there (not on a version read alone). */
export function editingStore(documentId: string): EditingStore | undefined {
  return stores.get(documentId)?.store;
}

/**
 * What `select` picks from the document page's editing state (undefined where the feature has no store): the
 * component is drawn again when that changes (`Object.is`), not on every change of the state.
 */
export function useEditing<T>(documentId: string, select: (state: EditingState) => T): T | undefined {
  const store = editingStore(documentId);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const picked = store ? select(store.state) : undefined;
  const latest = useRef({ select, picked });
  latest.current = { select, picked };
  useLayoutEffect(() => {
    if (!store) return;
    const check = (): void => {
      const { select: pick, picked: shown } = latest.current;
      if (!Object.is(pick(store.state), shown)) redraw(0);
    };
    // A change between the drawing and now (the previous drawing went, this one arrived) is drawn at once.
    check();
    return store.subscribe(check);
  }, [store]);
  return picked;
}

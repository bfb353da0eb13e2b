import type * as PanelModule from './NegotiationPanel.js';

/** The clause panel's code: its components and forms (NegotiationPanel.tsx and what it draws). */
export type PanelCode = typeof PanelModule;

let panelCode: Promise<PanelCode> | undefined;
let loaded: PanelCode | null = null;

/** The panel's code once it has arrived (a panel drawn again for another clause needs no wait), or null. */
export function loadedPanelCode(): PanelCode | null {
  return loaded;
}

/**
 * The clause panel's code, a chunk of its own: the page shows the counters without it, and it loads when
 * someone first opens a panel (or points at a counter). A failed load is tried again on the next asking.
 */
export function loadPanelCode(): Promise<PanelCode> {
  return (panelCode ??= import('./NegotiationPanel.js').then(
    (code) => (loaded = code),
    (error: unknown) => {
      panelCode = undefined;
      throw error;
    },
  ));
}

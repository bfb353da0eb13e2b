import { subparagraphLabel } from '../../shared/editor/numbering.js';

/** How long a page of a long clause stays on the big screen before the next, in ms. */
export const PAGE_MS = 12_000;

/** The shape of a board tile the projector aims for (width to height): a flag, a name on up to three lines. */
const TILE_ASPECT = 2.6;

/**
 * The columns and rows of a board of `count` equal tiles in a `width` × `height` box: the layout whose tiles
 * are the largest once held to `TILE_ASPECT` (the shorter side limits the type inside).
 */
export function boardGrid(count: number, width: number, height: number): { cols: number; rows: number } {
  let best = { cols: 1, rows: Math.max(count, 1), size: -1 };
  for (let cols = 1; cols <= Math.max(count, 1); cols++) {
    const rows = Math.ceil(count / cols) || 1;
    const size = Math.min(width / cols / TILE_ASPECT, height / rows);
    if (size > best.size) best = { cols, rows, size };
  }
  return { cols: best.cols, rows: best.rows };
}

/**
 * Lays out every board in `root` as a grid of equal tiles that fills the board's box, then makes the tiles'
 * type smaller, a step at a time, while a name does not fit its tile (a long name on a crowded board).
 */
function fitBoards(root: HTMLElement): void {
  for (const board of root.querySelectorAll<HTMLElement>('.vote-board')) {
    const { cols, rows } = boardGrid(board.children.length, board.clientWidth, board.clientHeight);
    board.style.setProperty('--cols', String(cols));
    board.style.setProperty('--rows', String(rows));
    const cells = [...board.children] as HTMLElement[];
    const cut = (): boolean => cells.some((c) => c.scrollHeight > c.clientHeight || c.scrollWidth > c.clientWidth);
    for (let scale = 1; scale >= 0.5; scale -= 0.1) {
      board.style.setProperty('--tile-scale', scale.toFixed(1));
      if (!cut()) break;
    }
  }
}

/**
 * Puts each subparagraph's label, "(a)" or "(iii)", in an element of its own before its text: the projector
 * hangs it in a gutter, right-aligned against the text, so a wide label grows into the margin and never over
 * the words (a CSS counter in a fixed box drew "(a)For" over each other at projector sizes).
 */
export function hangSubparagraphLabels(content: HTMLElement): void {
  for (const list of content.querySelectorAll<HTMLElement>('ol.subparagraphs')) {
    let depth = 0;
    for (let up = list.parentElement; up && up !== content; up = up.parentElement) {
      if (up.matches('ol.subparagraphs')) depth += 1;
    }
    [...list.children].forEach((item, index) => {
      if (item.tagName !== 'LI') return;
      const label = document.createElement('span');
      label.className = 'projector-sub-label';
      label.textContent = `(${subparagraphLabel(depth, index + 1)})`;
      item.prepend(label);
    });
  }
  content.classList.add('labels-hung');
}

/** The page of the clause on screen, from 1, and how many it has. */
export interface Paging {
  page: number;
  count: number;
}

/**
 * The pages of the clause on screen: its text flows into columns exactly as wide as the screen's text box
 * (CSS multi-column, split between lines), one column shown at a time. Pages turn on their own every
 * `PAGE_MS`, back to the first after the last; the keys of a presenter's remote (Page Down/Up, arrows,
 * space) turn them too. The screen is told the page shown (`paged`), and draws the indicator from it.
 */
class ClausePager {
  page = 0;
  count = 1;
  private timer: ReturnType<typeof setInterval> | undefined;
  private clauseId: string | undefined;
  private reported: Paging | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly paged: (paging: Paging) => void,
  ) {}

  /** Measures the clause on screen (after each render and resize) and shows the current page of it. */
  fit(): void {
    // Two languages side by side are two texts, paged together: as many pages as the longer has.
    const texts = [...this.root.querySelectorAll<HTMLElement>('.projector-text')];
    const text = texts[0];
    const clauseId = text?.closest<HTMLElement>('[data-clause-id]')?.dataset.clauseId;
    if (clauseId !== this.clauseId) {
      this.clauseId = clauseId;
      this.page = 0;
      this.restart();
    }
    if (!text) this.count = 1;
    // Not laid out yet (the view is drawn before it is put on the page): the resize that follows measures it.
    if (!text || text.clientWidth === 0) return this.report();
    const pages = texts.map((el) => {
      const gap = parseFloat(getComputedStyle(el).columnGap) || 0;
      const width = el.clientWidth + gap;
      return { el, width, count: Math.max(1, Math.round((el.scrollWidth + gap) / width)) };
    });
    this.count = Math.max(...pages.map((p) => p.count));
    this.page = Math.min(this.page, this.count - 1);
    // The shorter text stays on its last page while the longer turns on.
    for (const { el, width, count } of pages) {
      const page = Math.min(this.page, count - 1);
      el.style.transform = page ? `translateX(${-page * width}px)` : '';
    }
    this.report();
  }

  /** Tells the screen which page it shows, when that changed (it draws the indicator). */
  private report(): void {
    const shown = { page: this.page + 1, count: this.count };
    if (shown.page === this.reported?.page && shown.count === this.reported.count) return;
    this.reported = shown;
    this.paged(shown);
  }

  turn(by: number): void {
    if (this.count < 2) return;
    this.page = (this.page + by + this.count) % this.count;
    this.fit();
  }

  /** Starts the page timer again (a new clause, or a page turned by hand). */
  restart(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.turn(1), PAGE_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const NEXT_KEYS = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' ']);
const PREVIOUS_KEYS = new Set(['PageUp', 'ArrowLeft', 'ArrowUp']);

/**
 * Keeps the projector's screen fitted: boards laid out and the clause paged after every render (`fit`) and
 * whenever the stage changes size (a window resized, fonts loaded); `paged` hears the page shown. `destroy`
 * stops the timer and listeners.
 */
export function fitProjector(root: HTMLElement, paged: (paging: Paging) => void): { fit(): void; destroy(): void } {
  const pager = new ClausePager(root, paged);
  const fit = (): void => {
    fitBoards(root);
    pager.fit();
  };
  const resized = new ResizeObserver(() => fit());
  resized.observe(root);
  const onKey = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const by = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
    if (!by || pager.count < 2) return;
    event.preventDefault();
    pager.turn(by);
    pager.restart();
  };
  document.addEventListener('keydown', onKey);
  return {
    fit,
    destroy() {
      pager.stop();
      resized.disconnect();
      document.removeEventListener('keydown', onKey);
    },
  };
}

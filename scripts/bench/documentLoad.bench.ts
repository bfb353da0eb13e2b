/**
 * The document page on a slow laptop: Chromium with its CPU slowed 4× (the DevTools protocol's
 * `Emulation.setCPUThrottlingRate`), a delegate opening the demo declaration by its address in a fresh
 * browser context (nothing cached: the entry, the document's chunk, the text and the Yjs sync all load).
 * Measured in the page, from the start of the navigation: the last clause's text on screen; the page usable,
 * which is every clause drawn from the synced Yjs copy and a key typed into a clause there in its editor, on
 * the copy (the bench presses the pointer on the lowest open clause on screen as soon as the text is the
 * copy's, and types); every clause an editor (they are made on demand and in idle time). With the JavaScript
 * the page loaded. The same runs unslowed give the baseline that shows how much of the time is the machine's:
 * the server runs in this process, unthrottled, and shares the cores with the browser. And as delegates usually
 * open it: from the documents list, the pointer pressed on the document's link at once or after resting on it,
 * the times counted from the press; and by its address again, in a window that had opened it before.
 */
import fs from 'node:fs';
import os from 'node:os';
import { build } from 'vite';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { BenchSection } from './index.js';
import {
  DOC,
  DWELL_MS,
  LATENCY_MS,
  RATE,
  report,
  RETURN_WAIT_MS,
  type ListRun,
  type Run,
  noRuns,
} from './documentLoadReport.js';
import { login, runAlone, sleep } from './benchTools.js';
import { readDemoDelegations } from '../../server/seed/demoDocument.js';
import { startDemoServer } from '../lib/demoServer.js';
import { CHROMIUM_PATH, launchBrowser } from '../../test/helpers/browser.js';
import { buildFloors, FLOOR_PAGES, removeFloors } from './editingFloor/floor.js';

const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 5);

/** The document page's address. */
const PAGE = `/documents/${DOC}`;

/** What the bench types into a clause: a character the demo's text does not hold. */
const TYPED = '~';

/**
 * Installed before the page's own scripts: records in `window.__accordLoad` when a document's link is pressed
 * (the page opened from the list), when the last clause's text is first on screen (the page's, or the first look
 * the server drew before it), when the page says every clause shows the synced copy's text (`data-live-text`),
 * when the key the bench typed into the clause it chose (`window.__accordTyped`) is in that clause's editor, and
 * when every clause is an editor. A string, so that what runs in the page is exactly this (a compiled function
 * could carry the compiler's helpers).
 */
const WATCH_LOAD = `(() => {
  const marks = {};
  window.__accordLoad = marks;
  const typedIn = (el) => el.textContent.split(${JSON.stringify(TYPED)}).length - 1;
  // Opened from the list: the press on the document's link, which the times are counted from.
  addEventListener('pointerdown', (event) => {
    if (marks.pressed === undefined && event.target.closest('a[href^="/documents/"]')) marks.pressed = performance.now();
  }, true);
  const check = () => {
    const now = performance.now();
    // The text on screen: the page's clauses, or the first look the server drew before them.
    const shown = document.querySelectorAll('.clause-content, .first-look-body');
    if (marks.text === undefined && shown.length > 0 && shown[shown.length - 1].textContent.trim().length > 0) marks.text = now;
    const clauses = document.querySelectorAll('.clause-content');
    if (clauses.length === 0) return;
    if (marks.live === undefined && document.querySelector('.document-page[data-live-text="synced"]')) marks.live = now;
    const target = window.__accordTyped;
    if (marks.typed === undefined && target && target.el.classList.contains('clause-editor') && typedIn(target.el) > target.before)
      marks.typed = now;
    if (marks.editors === undefined && document.querySelectorAll('.clause-content:not(.clause-editor)').length === 0) marks.editors = now;
    if (marks.typed !== undefined && marks.editors !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

/**
 * A fresh context signed in with `cookie`, `watch` installed before the page's own scripts, and its page with
 * the CPU slowed `rate` times and the main thread's metrics on.
 */
async function openPage(
  browser: Browser,
  url: string,
  cookie: string,
  watch: string,
  rate: number,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: { width: 1440, height: 900 } });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url }]);
  await context.addInitScript({ content: watch });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

/** The page's main thread so far: busy, and running script (`TaskDuration`, `ScriptDuration`), in ms. */
async function mainThread(cdp: CDPSession): Promise<{ busyMs: number; scriptMs: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (metric: string): number => (metrics.find((m) => m.name === metric)?.value ?? 0) * 1000;
  return { busyMs: ms('TaskDuration'), scriptMs: ms('ScriptDuration') };
}

/**
 * How a run opens the document page: by its address in a fresh window, or from the documents list, the pointer
 * moved onto the document's link and pressed after resting there `dwellMs`, or by its address again in a window
 * that opened it before (`returnTo`); or, instead of Accord's page, one of the floors (`editingFloor/floor.ts`)
 * by its address.
 */
type Opening =
  | { from: 'address' }
  | { from: 'list'; dwellMs: number }
  | { from: 'return' }
  | { from: 'floor'; page: keyof typeof FLOOR_PAGES };

/** What a run varies besides the CPU's rate: the latency added to each request and socket, and the opening. */
interface RunOptions {
  latencyMs?: number;
  opening?: Opening;
}

async function once(
  browser: Browser,
  url: string,
  cookie: string,
  rate: number,
  { latencyMs = 0, opening = { from: 'address' } }: RunOptions = {},
): Promise<Run> {
  const { context, page, cdp } = await openPage(browser, url, cookie, WATCH_LOAD, rate);
  if (latencyMs > 0) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: latencyMs,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
  }
  let scriptBytes = 0;
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    void res
      .request()
      .sizes()
      .then((s) => (scriptBytes += s.responseBodySize));
  });
  // The main thread's work counts from the timed navigation (a returning window's earlier pages are in the totals).
  let before = { busyMs: 0, scriptMs: 0 };
  if (opening.from === 'list') await fromList(page, cdp, opening.dwellMs);
  else if (opening.from === 'return') before = await returnTo(page, cdp, rate);
  else await page.goto(opening.from === 'floor' ? FLOOR_PAGES[opening.page] : PAGE);
  await waitForMark(cdp, 'live');
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `(${chooseClause.toString()})(${JSON.stringify(TYPED)})`,
    returnByValue: true,
  });
  const aim = result.value as ReturnType<typeof chooseClause>;
  await page.mouse.click(aim.x, aim.y);
  await page.keyboard.type(TYPED);
  await waitForMark(cdp, 'typed');
  // The main thread's work until usable; the editors still to make come after.
  const total = await mainThread(cdp);
  const work = { busyMs: total.busyMs - before.busyMs, scriptMs: total.scriptMs - before.scriptMs };
  // The floors make an editor only where the pointer is pressed.
  if (opening.from !== 'floor') await waitForMark(cdp, 'editors');
  const marks = await page.evaluate(() => (window as unknown as Watched).__accordLoad as Required<Marks>);
  await context.close();
  const from = opening.from === 'list' ? marks.pressed : 0;
  return {
    usableMs: Math.max(marks.live, marks.typed) - from,
    textMs: marks.text - from,
    liveMs: marks.live - from,
    editorsMs: opening.from === 'floor' ? Number.NaN : marks.editors - from,
    typedIntoText: !aim.wasEditor,
    scriptKb: scriptBytes / 1024,
    // From the list, the list's own work is in these too: they are reported for the runs by address only.
    ...work,
  };
}

/**
 * Opens the documents list, lets it settle as a person reads it (2 s), moves the pointer onto the document's
 * link, rests there `dwellMs` and presses it.
 */
async function fromList(page: Page, cdp: CDPSession, dwellMs: number): Promise<void> {
  await page.goto('/documents');
  const link = `a[href="${PAGE}"]`;
  await waitFor(cdp, `!!document.querySelector('${link}')`, 'the documents list never showed the document');
  await sleep(2000);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `(() => { const box = document.querySelector('${link}').getBoundingClientRect(); return { x: box.left + 8, y: box.top + box.height / 2 }; })()`,
    returnByValue: true,
  });
  const at = result.value as { x: number; y: number };
  await page.mouse.move(at.x, at.y);
  if (dwellMs > 0) await sleep(dwellMs);
  await page.mouse.down();
  await page.mouse.up();
  // The times are counted from this press: a press the page did not see would leave them without a start.
  await waitForMark(cdp, 'pressed');
}

/**
 * A delegate coming back to the document: the page opened by its address (unslowed, untimed) and left for
 * `RETURN_WAIT_MS`, the documents list opened and left as long, then the page opened by its address again with
 * the CPU slowed `rate` times. The watch is installed afresh with each page, so the times count from the last
 * navigation. Returns the main thread's work until that navigation.
 */
async function returnTo(page: Page, cdp: CDPSession, rate: number): Promise<{ busyMs: number; scriptMs: number }> {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.goto(PAGE);
  await waitForMark(cdp, 'live');
  await sleep(RETURN_WAIT_MS);
  await page.goto('/documents');
  await sleep(RETURN_WAIT_MS);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const before = await mainThread(cdp);
  await page.goto(PAGE);
  return before;
}

/**
 * Waits until the page has recorded `name` in `window.__accordLoad` (see `waitFor`).
 */
function waitForMark(cdp: CDPSession, name: keyof Marks): Promise<void> {
  return waitFor(cdp, `window.__accordLoad?.${name} !== undefined`, `the document page never recorded "${name}"`);
}

/**
 * Waits until `expression` is true in the page, asking over the DevTools protocol every 20 ms with the
 * expression evaluated as it stands. Playwright's `waitForFunction` would first load its own script into the
 * page: about 140 ms of the page's main thread with the CPU slowed 4×, counted in the times measured.
 */
async function waitFor(cdp: CDPSession, expression: string, failure: string): Promise<void> {
  const until = Date.now() + 180_000;
  for (;;) {
    const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
    if (result.value === true) return;
    if (Date.now() > until) throw new Error(failure);
    await sleep(20);
  }
}

/** Installed before the list page's scripts: records in `window.__accordList` when a document's link is first there. */
const WATCH_LIST = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('a[href^="/documents/"]')) return;
    window.__accordList = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/**
 * The documents list, the lightest page someone signed in opens, in a fresh context as the document page is:
 * what any page costs on this machine and browser before its own work (the navigation, a new window's setup,
 * the entry, a first drawing).
 */
async function listOnce(browser: Browser, url: string, cookie: string): Promise<ListRun> {
  const { context, page, cdp } = await openPage(browser, url, cookie, WATCH_LIST, RATE);
  await page.goto('/documents');
  await waitFor(cdp, 'window.__accordList !== undefined', 'the documents list never showed a document');
  const work = await mainThread(cdp);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__accordList', returnByValue: true });
  await context.close();
  return { shownMs: result.value as number, ...work };
}

interface Marks {
  pressed?: number;
  text?: number;
  live?: number;
  typed?: number;
  editors?: number;
}
interface Watched {
  __accordLoad: Marks;
  __accordTyped?: { el: HTMLElement; before: number };
}

/**
 * Run in the page: the lowest clause open to this person that is on screen, where the bench will press the
 * pointer (the start of its first line), and how many of the typed character it holds already.
 */
function chooseClause(typed: string): { x: number; y: number; wasEditor: boolean } {
  const open = [...document.querySelectorAll<HTMLElement>('.clause-live[role="textbox"], .clause-editor')].filter(
    (el) => el.isContentEditable || el.classList.contains('clause-live'),
  );
  const onScreen = open.filter((el) => {
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.top + 10 < innerHeight;
  });
  const el = onScreen[onScreen.length - 1];
  if (!el) throw new Error('no clause open to typing on screen');
  const box = el.getBoundingClientRect();
  (window as unknown as Watched).__accordTyped = { el, before: el.textContent!.split(typed).length - 1 };
  return { x: box.left + 4, y: box.top + 6, wasEditor: el.classList.contains('clause-editor') };
}

export async function run(): Promise<BenchSection> {
  const title = `Document page under a ${RATE}× slowed CPU`;
  if (!fs.existsSync(CHROMIUM_PATH)) return { title, markdown: `Not run: ${CHROMIUM_PATH} is missing.` };
  await build({ logLevel: 'warn' });
  const server = await startDemoServer('bench-document');
  const browser = await launchBrowser();
  try {
    const runs = noRuns();
    // Each round opens the page once per set, in this order: its runs, the CPU's rate and how it opens.
    const sets: [Run[], number, RunOptions?][] = [
      [runs.slowed, RATE],
      [runs.baseline, 1],
      [runs.distant, RATE, { latencyMs: LATENCY_MS }],
      [runs.clicked, RATE, { opening: { from: 'list', dwellMs: 0 } }],
      [runs.rested, RATE, { opening: { from: 'list', dwellMs: DWELL_MS } }],
      [runs.returning, RATE, { opening: { from: 'return' } }],
      [runs.floors.stack, RATE, { opening: { from: 'floor', page: 'stack' } }],
      [runs.floors.html, RATE, { opening: { from: 'floor', page: 'html' } }],
    ];
    // Each load is another delegate's, as in a hall: one person opening the page and typing some twenty times a
    // minute would spend the collab door's allowance of new client ids (`DEFAULT_COLLAB_RATES`), and wait. Two
    // more load it before the rounds: the warm-up and the floors' build.
    const cookies = await Promise.all(
      readDemoDelegations()
        .slice(0, sets.length * RUNS + 2)
        .map((code) => login(server.url, `${code.toLowerCase()}-delegate`)),
    );
    let used = 0;
    const next = (): string => cookies[used++ % cookies.length]!;
    await once(browser, server.url, next(), 1); // warms the server's copy of the document, not the browser
    await buildFloors(browser, server.url, next());
    const load = [os.loadavg()[0]!];
    const lists: ListRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const [set, rate, options] of sets) set.push(await once(browser, server.url, next(), rate, options));
      // The list opens no collab socket: one person's visits cost no allowance.
      lists.push(await listOnce(browser, server.url, cookies[0]!));
    }
    load.push(os.loadavg()[0]!);
    return { title, markdown: report(runs, lists, load) };
  } finally {
    removeFloors();
    await browser.close();
    await server.close();
  }
}

runAlone(import.meta.url, run);

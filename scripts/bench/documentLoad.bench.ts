/**
 * The document page on a slow laptop: Chromium with its CPU slowed 4× (the DevTools protocol's
 * `Emulation.setCPUThrottlingRate`), a delegate opening the demo declaration by its address in a fresh
 * browser context (nothing cached: the entry, the document's chunk, the text and the Yjs sync all load).
 * Measured in the page, from the start of the navigation until the last clause's text is on screen and every
 * clause's editor is mounted on the synced copy (editors mount only once the collab copy has synced), with
 * the JavaScript the page loaded. The same runs unslowed give the baseline that shows how much of the time is
 * the machine's: the server runs in this process, unthrottled, and shares the cores with the browser.
 */
import fs from 'node:fs';
import os from 'node:os';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import type { BenchSection } from './index.js';
import { login, runAlone } from './benchTools.js';
import { startDemoServer } from '../lib/demoServer.js';
import { CHROMIUM_PATH, launchBrowser } from '../../test/helpers/browser.js';

const RUNS = Number(process.env.BENCH_DOCUMENT_RUNS ?? 5);
const RATE = 4;
const TARGET_MS = 1000;
const DOC = 'almaty-declaration';

interface Run {
  usableMs: number;
  textMs: number;
  scriptKb: number;
  /** The page's main thread busy until usable (the DevTools protocol's `TaskDuration`), and running script. */
  busyMs: number;
  scriptMs: number;
}

/**
 * Installed before the page's own scripts: records when the last clause's text is first on screen, and when
 * every clause is an editor (none still waits for the copy), in `window.__accordLoad`. A string, so that what
 * runs in the page is exactly this (a compiled function could carry the compiler's helpers).
 */
const WATCH_LOAD = `(() => {
  const marks = {};
  window.__accordLoad = marks;
  const check = () => {
    const clauses = document.querySelectorAll('.clause-content');
    if (clauses.length === 0) return;
    if (marks.text === undefined && clauses[clauses.length - 1].textContent.trim().length > 0) marks.text = performance.now();
    if (marks.usable === undefined && document.querySelectorAll('.clause-content:not(.clause-editor)').length === 0) {
      marks.usable = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
})();`;

async function once(browser: Browser, url: string, cookie: string, rate: number): Promise<Run> {
  const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: { width: 1440, height: 900 } });
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url }]);
  await context.addInitScript({ content: WATCH_LOAD });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  let scriptBytes = 0;
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    void res
      .request()
      .sizes()
      .then((s) => (scriptBytes += s.responseBodySize));
  });
  await page.goto(`/documents/${DOC}`);
  await page.waitForFunction(
    () => (window as unknown as { __accordLoad: { usable?: number } }).__accordLoad.usable !== undefined,
    undefined,
    { timeout: 180_000, polling: 100 },
  );
  const marks = await page.evaluate(
    () => (window as unknown as { __accordLoad: { text: number; usable: number } }).__accordLoad,
  );
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  await context.close();
  return {
    usableMs: marks.usable,
    textMs: marks.text,
    scriptKb: scriptBytes / 1024,
    busyMs: seconds('TaskDuration') * 1000,
    scriptMs: seconds('ScriptDuration') * 1000,
  };
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

const ms = (value: number): string => `${Math.round(value)} ms`;

/** One table row: a measure's median, p90 and every run. */
function row(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `| ${label} | ${ms(quantile(sorted, 0.5))} | ${ms(quantile(sorted, 0.9))} | ${values.map(Math.round).join(', ')} |`;
}

function report(slowed: Run[], baseline: Run[], load: number[]): string {
  const usable = slowed.map((r) => r.usableMs).sort((a, b) => a - b);
  const median = quantile(usable, 0.5);
  const p90 = quantile(usable, 0.9);
  const met = p90 < TARGET_MS ? 'met' : median < TARGET_MS ? 'met at the median, not at p90' : 'not met';
  return [
    `Chromium (headless, Debian's), 1440×900, a delegate (kaz-delegate) opening \`/documents/${DOC}\` by its address`,
    `in a fresh context (cold cache: the entry, the document's chunk, the text and the Yjs sync all load), ${slowed.length}`,
    `runs with the CPU slowed ${RATE}× (\`Emulation.setCPUThrottlingRate\`) and ${baseline.length} unslowed. From the start`,
    'of the navigation: "text" when the last clause\'s text is on screen, "usable" when every clause is an editor on',
    'the synced Yjs copy. The server runs in the same process, unslowed, over loopback.',
    '',
    '| measure | median | p90 | runs (ms) |',
    '|---|---:|---:|---|',
    row(
      `text visible, CPU ${RATE}× slower`,
      slowed.map((r) => r.textMs),
    ),
    row(
      `usable, CPU ${RATE}× slower`,
      slowed.map((r) => r.usableMs),
    ),
    row(
      'text visible, unslowed',
      baseline.map((r) => r.textMs),
    ),
    row(
      'usable, unslowed',
      baseline.map((r) => r.usableMs),
    ),
    row(
      `main thread busy until usable, CPU ${RATE}× slower`,
      slowed.map((r) => r.busyMs),
    ),
    row(
      `of which script, CPU ${RATE}× slower`,
      slowed.map((r) => r.scriptMs),
    ),
    '',
    "The main thread's busy time counts the work the page did, not the time it waited for a core: on a loaded",
    'machine it is the steadier measure of what a change saves.',
    '',
    `JavaScript the page loaded: ${Math.round(slowed[0]!.scriptKb)} KB as served (uncompressed): the entry, the English`,
    `strings and the document's chunks. Load average of the machine during the runs: ${load.map((l) => l.toFixed(1)).join(' → ')} on`,
    `${os.cpus().length} cores; where it is far above the core count, the times are the queue's as much as the page's.`,
    '',
    `Target: usable in under ${TARGET_MS} ms with the CPU slowed ${RATE}× — **${met}** (median ${ms(median)}, p90 ${ms(p90)}).`,
  ].join('\n');
}

export async function run(): Promise<BenchSection> {
  const title = `Document page under a ${RATE}× slowed CPU`;
  if (!fs.existsSync(CHROMIUM_PATH)) return { title, markdown: `Not run: ${CHROMIUM_PATH} is missing.` };
  await build({ logLevel: 'warn' });
  const server = await startDemoServer('bench-document');
  const browser = await launchBrowser();
  try {
    const cookie = await login(server.url, 'kaz-delegate');
    await once(browser, server.url, cookie, 1); // warms the server's copy of the document, not the browser
    const load = [os.loadavg()[0]!];
    const slowed: Run[] = [];
    const baseline: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      slowed.push(await once(browser, server.url, cookie, RATE));
      baseline.push(await once(browser, server.url, cookie, 1));
    }
    load.push(os.loadavg()[0]!);
    return { title, markdown: report(slowed, baseline, load) };
  } finally {
    await browser.close();
    await server.close();
  }
}

runAlone(import.meta.url, run);

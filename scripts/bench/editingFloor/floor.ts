/**
 * The floors the document page bench measures Accord against, on the same server, browser and runs: the
 * editing stack alone (`main.ts`, built here under `/bench-floor/`), and a page of nothing but the same text
 * in HTML, each clause natively editable (`contenteditable`), with no script at all: what the machine and the
 * browser cost before any code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser } from 'playwright-core';
import { compileHints } from '../../lib/compileHints.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BASE = '/bench-floor/';

/** The floors' addresses on the server. */
export const FLOOR_PAGES = { stack: `${BASE}index.html`, html: `${BASE}text.html` } as const;

/** Where the floors are built: in the served client, so that the server serves them as it serves the app. */
const OUT_DIR = path.resolve(HERE, '../../../dist/client/bench-floor');

/**
 * Builds the editing stack's page into the served client, its files hinted for compiling as they load as the
 * app's are, then opens it once, unslowed, signed in with `cookie`, and writes the text it drew as the page
 * without script. `removeFloors` takes them out again: the page without script holds the text, and the server
 * serves the client's files to anyone.
 */
export async function buildFloors(browser: Browser, url: string, cookie: string): Promise<void> {
  const outDir = OUT_DIR;
  await build({
    configFile: false,
    root: HERE,
    base: BASE,
    publicDir: false,
    logLevel: 'warn',
    plugins: [compileHints()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  const context = await browser.newContext({ baseURL: url });
  try {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url }]);
    const page = await context.newPage();
    await page.goto(FLOOR_PAGES.stack);
    await page.waitForSelector('.document-page[data-live-text="synced"]');
    const text = await page.evaluate(() =>
      [...document.querySelectorAll('.clause-content')]
        .map((el) => `<div class="clause-content clause-editor" contenteditable="true">${el.innerHTML}</div>`)
        .join('\n'),
    );
    const html = fs
      .readFileSync(path.join(outDir, 'index.html'), 'utf8')
      .replace(/\s*<script[^>]*><\/script>/, '')
      .replace(
        '<main class="document-page"></main>',
        `<main class="document-page" data-live-text="synced">${text}</main>`,
      );
    fs.writeFileSync(path.join(outDir, 'text.html'), html);
  } finally {
    await context.close();
  }
}

/** Takes the floors out of the served client (see `buildFloors`). */
export function removeFloors(): void {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
}

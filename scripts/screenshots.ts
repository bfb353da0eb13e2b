/**
 * `npm run screenshots`: every main screen of Accord as a reviewer would meet it, written to `docs/screens/`
 * as `<screen>-<width>.png` at 1440×900 and 390×844 (the projector also at 1920×1080). It builds the client,
 * starts a server on port 0 over a fresh demo database, gives the declaration something to show (a comment,
 * an amendment, a revision, a vote open on the amendment, brackets with alternatives), and signs in as each
 * role a screen needs. Without
 * chromium it says so and writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { reviewedDraft } from '../test/helpers/wordDrafts.js';
import type { Browser, Page } from 'playwright-core';
import { startDemoServer, type DemoServer } from './lib/demoServer.js';
import { prepareVersions } from './lib/screensLanguages.js';
import { CHROMIUM_PATH, launchBrowser } from '../test/helpers/browser.js';
import { stockProvider, syncedProvider } from '../test/helpers/collabClient.js';
import * as Y from 'yjs';
import { getClauseFragment } from '../shared/editor/ydoc.js';

const OUT = path.resolve('docs/screens');
const DOC = 'almaty-declaration';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];
const PROJECTOR = { width: 1920, height: 1080 };

interface Screen {
  name: string;
  /** Who looks at it; undefined for the sign-in page. */
  username?: string;
  path: string;
  /** What shows the screen is ready (its data read, its editors synced). */
  ready: string;
  /** A step after `ready`: a panel opened. */
  then?: (page: Page) => Promise<void>;
  sizes?: { width: number; height: number }[];
}

const SCREENS: Screen[] = [
  { name: 'sign-in', path: '/login', ready: 'form button[type="submit"]' },
  { name: 'documents', username: 'kaz-delegate', path: '/documents', ready: `main a[href="/documents/${DOC}"]` },
  { name: 'document-secretariat', username: 'secretariat', path: `/documents/${DOC}`, ready: '.clause-editor' },
  {
    name: 'document-delegate',
    username: 'kaz-delegate',
    path: `/documents/${DOC}`,
    ready: '.clause-editor',
    then: async (page) => {
      await page.locator('[data-ref="OP1"] .counter-button.comments').click();
      await page.locator('.comments-panel').waitFor();
    },
  },
  { name: 'compilation', username: 'secretariat', path: `/documents/${DOC}/compilation`, ready: 'main h1' },
  { name: 'revisions', username: 'secretariat', path: `/documents/${DOC}/revisions`, ready: 'main h1' },
  { name: 'export', username: 'secretariat', path: `/documents/${DOC}/export`, ready: 'main h1' },
  { name: 'chair-console', username: 'chair', path: `/documents/${DOC}/chair`, ready: '.stepper' },
  { name: 'delegation', username: 'kaz-head', path: `/documents/${DOC}/delegation`, ready: 'main h1' },
  {
    name: 'projector',
    username: 'observer',
    path: `/projector/${DOC}`,
    ready: '.projector',
    sizes: [...SIZES, PROJECTOR],
  },
  { name: 'admin', username: 'admin', path: '/admin', ready: 'main h1' },
  {
    name: 'brackets-clause',
    username: 'secretariat',
    path: `/documents/${DOC}`,
    ready: '[data-ref="OP3"] .clause-brackets',
    then: async (page) => {
      await page.locator('[data-ref="OP3"]').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -120));
    },
  },
  { name: 'brackets-list', username: 'secretariat', path: `/documents/${DOC}/brackets`, ready: '.bracket-list' },
  {
    name: 'import',
    username: 'secretariat',
    path: '/drafts/import',
    ready: '#import-file',
    then: async (page) => {
      const file = path.join(os.tmpdir(), `accord-screens-draft-${process.pid}.docx`);
      fs.writeFileSync(file, await reviewedDraft());
      await page.locator('#import-file').setInputFiles(file);
      await page.locator('.import-structure').waitFor();
      fs.rmSync(file, { force: true });
    },
  },
  // Language versions: the translator's side-by-side editor (the secretariat translates too), the text read in
  // Kazakh beside the original, and the projector in both.
  {
    name: 'translator',
    username: 'secretariat',
    path: `/documents/${DOC}/translate/kk`,
    ready: '.translation-row[data-translation-status="stale"] .stale-diff',
    then: (page) => page.locator('.translation-row[data-ref="PP1"]').evaluate((el) => el.scrollIntoView()),
  },
  {
    name: 'document-two-languages',
    username: 'observer',
    path: `/documents/${DOC}?lang=kk&parallel=1`,
    ready: '.clause-version',
  },
  {
    // Last: it closes the vote the other screens show, so that the hall sees the clause under discussion.
    name: 'projector-two-languages',
    username: 'observer',
    path: `/projector/${DOC}?lang=kk`,
    ready: '.projector',
    sizes: [PROJECTOR],
    then: async (page) => {
      const chair = await apiAs(new URL(page.url()).origin, 'chair');
      const { votes } = (await chair('GET', `/api/documents/${DOC}/votes`)) as {
        votes: { id: string; status: string }[];
      };
      for (const vote of votes.filter((v) => v.status === 'open')) await chair('POST', `/api/votes/${vote.id}/close`);
      const { clauses } = (await chair('GET', `/api/documents/${DOC}`)) as { clauses: { id: string; ref: string }[] };
      await chair('POST', `/api/documents/${DOC}/now-discussing`, {
        clauseId: clauses.find((c) => c.ref === 'PP2')!.id,
      });
      await page.locator('.projector-two-languages').waitFor();
    },
  },
];

/** A signed-in JSON client for the setup steps, sending the Origin the server checks. */
async function apiAs(
  url: string,
  username: string,
): Promise<(method: string, route: string, body?: unknown) => Promise<any>> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!login.ok) throw new Error(`signing in as ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return async (method, route, body) => {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { cookie, origin: url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${route} as ${username}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** The declaration in negotiation with a comment, an amendment put to the vote, and a named revision. */
async function prepare(url: string): Promise<void> {
  const chair = await apiAs(url, 'chair');
  const secretariat = await apiAs(url, 'secretariat');
  await secretariat('POST', `/api/documents/${DOC}/revisions`, { name: 'Rev.1' });
  await chair('POST', `/api/documents/${DOC}/stage`, { stage: 'negotiation' });
  const { clauses } = (await chair('GET', `/api/documents/${DOC}`)) as { clauses: { id: string; ref: string }[] };
  const clause = (ref: string): string => clauses.find((c) => c.ref === ref)!.id;
  const kaz = await apiAs(url, 'kaz-delegate');
  await kaz('POST', `/api/documents/${DOC}/comments`, {
    clauseId: clause('OP1'),
    body: 'Could the text name teacher training explicitly?',
  });
  const fra = await apiAs(url, 'fra-delegate');
  const amendment = (await fra('POST', `/api/documents/${DOC}/amendments`, {
    clauseId: clause('OP2'),
    kind: 'replace',
    text: 'Calls upon States to guarantee inclusive education at every level, with the resources it needs;',
    rationale: 'Resources are what make inclusion real.',
  })) as { id: string };
  await chair('POST', `/api/documents/${DOC}/clauses/${clause('OP1')}/status`, { status: 'under_discussion' });
  await chair('POST', `/api/documents/${DOC}/votes`, {
    subject: { type: 'amendment', id: amendment.id },
    rule: 'simple_majority',
  });
  await placeBrackets(url, secretariat, clause);
}

/** Brackets over words of OP3 (two alternatives, with sponsors) and OP5 (as they are), placed by the secretariat. */
async function placeBrackets(
  url: string,
  secretariat: Awaited<ReturnType<typeof apiAs>>,
  clause: (ref: string) => string,
): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ username: 'observer', password: 'demo' }),
  });
  const provider = stockProvider(url, DOC, login.headers.get('set-cookie')!.split(';')[0]!);
  try {
    await syncedProvider(provider);
    const span = (ref: string, words: string) => {
      const text = (getClauseFragment(provider.doc, clause(ref)).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      const at = (text.toDelta() as { insert: string }[])
        .map((d) => d.insert)
        .join('')
        .indexOf(words);
      const encode = (rpos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rpos)).toString('base64');
      return {
        start: encode(Y.createRelativePositionFromTypeIndex(text, at)),
        end: encode(Y.createRelativePositionFromTypeIndex(text, at + words.length, -1)),
        quote: words,
      };
    };
    await secretariat('POST', `/api/documents/${DOC}/brackets`, {
      clauseId: clause('OP3'),
      span: span('OP3', 'national Governments'),
      alternatives: [
        { text: 'national Governments', sponsors: ['KAZ', 'FRA'] },
        { text: 'national and local authorities', sponsors: ['DEU'] },
      ],
    });
    await secretariat('POST', `/api/documents/${DOC}/brackets`, {
      clauseId: clause('OP5'),
      span: span('OP5', 'initial and continuing'),
    });
  } finally {
    provider.destroy();
  }
}

async function shoot(browser: Browser, url: string, screen: Screen): Promise<string[]> {
  const written: string[] = [];
  for (const size of screen.sizes ?? SIZES) {
    const context = await browser.newContext({ baseURL: url, locale: 'en-GB', viewport: size });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    if (screen.username) {
      await page.goto('/login');
      await page.getByLabel('Username').fill(screen.username);
      await page.getByLabel('Password').fill('demo');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    }
    await page.goto(screen.path);
    await page.locator(screen.ready).first().waitFor();
    await screen.then?.(page);
    // Fonts, flags and the last live event settle before the picture.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(500);
    const file = path.join(OUT, `${screen.name}-${size.width}.png`);
    await page.screenshot({ path: file });
    written.push(path.relative(process.cwd(), file));
    await context.close();
  }
  return written;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    console.log(`Skipping screenshots: ${CHROMIUM_PATH} not found (sudo apt-get install chromium).`);
    return;
  }
  await build({ logLevel: 'warn' });
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startDemoServer('screens');
    await prepare(server.url);
    await prepareVersions(server.server, DOC, await apiAs(server.url, 'secretariat'));
    browser = await launchBrowser();
    fs.mkdirSync(OUT, { recursive: true });
    // `npm run screenshots -- document` takes only the screens whose names contain "document".
    const only = process.argv[2];
    for (const screen of SCREENS.filter((s) => !only || s.name.includes(only))) {
      for (const file of await shoot(browser, server.url, screen)) console.log(`wrote ${file}`);
    }
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

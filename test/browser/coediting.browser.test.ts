import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';

import {
  audit,
  describeBrowser,
  expectConsoleErrors,
  sharedBrowser,
  signedInPage,
  useBrowserSuite,
} from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';

/** The editable text of the clause labelled `ref` (OP2, PP1…). */
const editorOf = (page: Page, ref: string) => page.locator(`[data-ref="${ref}"] .clause-editor`);

/** The clause's text as the person reads it, without the labels of other people's carets. */
const textOf = (page: Page, ref: string): Promise<string> =>
  editorOf(page, ref).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.ProseMirror-yjs-cursor').forEach((c) => c.remove());
    return (copy.textContent ?? '').replace(/\u2060/g, '');
  });

describeBrowser('co-editing a clause in the browser', () => {
  const suite = useBrowserSuite();

  async function openDocument(username: string): Promise<Page> {
    const { page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', `/documents/${DOC}`);
    page.setDefaultTimeout(10_000);
    await editorOf(page, 'OP2').waitFor();
    return page;
  }

  /**
   * The declaration as `username` has it open from one case to the next, for the first cases, which only type
   * into their own clauses and read what they changed: a page opened afresh costs seconds (a context, the
   * application, the live copy's sync). Cases that watch what the page asks the server, change how it
   * connects or what it may do, open their own.
   */
  const kept = new Map<string, Promise<Page>>();
  function keptDocument(username: string): Promise<Page> {
    let page = kept.get(username);
    if (!page) kept.set(username, (page = openDocument(username)));
    return page;
  }

  /** Closes the kept page after the last case that uses it: left open, it would draw every later case's changes. */
  async function closeKept(username: string): Promise<void> {
    const page = kept.get(username);
    kept.delete(username);
    await (await page)?.context().close();
  }

  it('two delegations type into the same clause and see the same text; an observer sees it live and cannot type', async () => {
    const kaz = await keptDocument('kaz-delegate');
    const gbr = await keptDocument('gbr-delegate');
    const observer = await openDocument('observer');

    const kazEditor = editorOf(kaz, 'OP2');
    const gbrEditor = editorOf(gbr, 'OP2');
    await expect.poll(() => kazEditor.getAttribute('contenteditable')).toBe('true');
    await expect.poll(() => gbrEditor.getAttribute('contenteditable')).toBe('true');

    await kazEditor.focus();
    await kaz.keyboard.press('Control+End');
    await kaz.keyboard.type(' Kazakhstan adds this.');
    await gbrEditor.focus();
    await gbr.keyboard.press('Control+Home');
    await gbr.keyboard.type('United Kingdom: ');

    const text = (page: Page): Promise<string> => textOf(page, 'OP2');
    await expect.poll(() => text(kaz), { timeout: 10_000 }).toContain('United Kingdom: ');
    await expect.poll(() => text(gbr), { timeout: 10_000 }).toContain('Kazakhstan adds this.');
    await expect.poll(async () => (await text(kaz)) === (await text(gbr)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => text(observer), { timeout: 10_000 }).toBe(await text(kaz));

    // The observer's editor is read-only, says why, and typing into it changes nothing anywhere.
    const observerEditor = editorOf(observer, 'OP2');
    expect(await observerEditor.getAttribute('contenteditable')).toBe('false');
    expect(await observerEditor.getAttribute('aria-readonly')).toBe('true');
    await expect.poll(() => observer.locator('.collab-readonly-banner').innerText()).toContain('role does not allow');
    const before = await text(kaz);
    await observerEditor.focus();
    await observer.keyboard.type('observer was here');
    await new Promise((r) => setTimeout(r, 500));
    expect(await text(observer)).toBe(before);
    expect(await text(kaz)).toBe(before);

    // Presence by delegation, with identities from the server.
    await expect.poll(() => observer.locator('.presence-group[data-group="KAZ"]').innerText()).toContain('KAZ');
    await expect.poll(() => observer.locator('.presence-group[data-group="GBR"]').count()).toBe(1);

    // What everyone sees is what the server stored.
    const api = await (await suite.server.login('observer')).get(`/api/documents/${DOC}`);
    const op2 = api.body.clauses.find((c: { ref: string }) => c.ref === 'OP2');
    expect(op2.text).toBe(before);

    await observer.context().close();
  }, 60_000);

  it('shows the live text first and makes a clause an editor when reached for, by pointer, focus or the next-clause key', async () => {
    const gbr = await keptDocument('gbr-delegate');
    const { page: kaz } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    kaz.setDefaultTimeout(10_000);
    // Preambular paragraphs, which the other tests leave alone. A page that never has idle time: its clauses stay text until the reader reaches for them.
    await kaz.addInitScript(() => Object.assign(window, { requestIdleCallback: () => 0 }));
    await kaz.goto(`/documents/${DOC}`);
    await kaz.locator('.document-page[data-live-text="synced"]').waitFor();
    const textOfClause = (ref: string) => kaz.locator(`[data-ref="${ref}"] .clause-content`);
    expect(await kaz.locator('.clause-editor').count()).toBe(0);
    expect(await textOfClause('PP2').getAttribute('role')).toBe('textbox');

    // Another delegation's typing reaches the text as it would an editor.
    await editorOf(gbr, 'PP2').focus();
    await gbr.keyboard.press('Control+End');
    await gbr.keyboard.type(' Noted by the United Kingdom.');
    await expect.poll(() => textOfClause('PP2').innerText()).toContain('Noted by the United Kingdom.');
    expect(await kaz.locator('.clause-editor').count()).toBe(0);

    // A press on the text: an editor at once, the caret where it was pressed, the key on the live copy.
    await textOfClause('PP2').click({ position: { x: 1, y: 4 } });
    expect(await editorOf(kaz, 'PP2').getAttribute('contenteditable')).toBe('true');
    await kaz.keyboard.type('Z');
    await expect.poll(() => textOf(gbr, 'PP2'), { timeout: 10_000 }).toMatch(/^Z/);
    // The next-clause key from an editor: the next clause is an editor with the caret at its start.
    await kaz.keyboard.press('Alt+PageDown');
    await kaz.keyboard.type('Y');
    await expect.poll(() => textOf(gbr, 'PP3'), { timeout: 10_000 }).toMatch(/^Y/);
    // The focus moved onto a clause's text (as Tab does).
    await textOfClause('PP5').focus();
    await kaz.keyboard.type('X');
    await expect.poll(() => textOf(gbr, 'PP5'), { timeout: 10_000 }).toMatch(/^X/);
    expect(await kaz.locator('.clause-editor').count()).toBe(3);

    await kaz.context().close();
  }, 60_000);

  it('shows a remote caret labelled with the person and delegation, and undo takes back only one’s own typing', async () => {
    const kaz = await keptDocument('kaz-delegate');
    const gbr = await keptDocument('gbr-delegate');
    const kazEditor = editorOf(kaz, 'OP3');
    await kazEditor.focus();
    await kaz.keyboard.press('Control+End');
    await kaz.keyboard.type(' [KAZ]');
    const label = gbr.locator('[data-ref="OP3"] .remote-cursor-label');
    await expect.poll(() => label.count(), { timeout: 10_000 }).toBe(1);
    expect(await label.innerText()).toMatch(/ · KAZ$/);

    const gbrEditor = editorOf(gbr, 'OP3');
    await gbrEditor.focus();
    await gbr.keyboard.press('Control+Home');
    await gbr.keyboard.type('[GBR] ');
    await expect.poll(() => textOf(kaz, 'OP3'), { timeout: 10_000 }).toContain('[GBR] ');
    await kaz.keyboard.press('Control+z');
    await expect.poll(() => textOf(gbr, 'OP3'), { timeout: 10_000 }).not.toContain('[KAZ]');
    expect(await textOf(gbr, 'OP3')).toContain('[GBR] ');
    await closeKept('gbr-delegate');
  }, 60_000);

  it('keeps a typist’s place and undo history when the page is rebuilt for a clause inserted elsewhere', async () => {
    const kaz = await keptDocument('kaz-delegate');
    const editor = editorOf(kaz, 'OP6');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    const original = await textOf(kaz, 'OP6');
    await editor.focus();
    await kaz.keyboard.press('Control+End');
    await kaz.keyboard.type(' first');
    await expect.poll(() => textOf(kaz, 'OP6')).toBe(`${original} first`);
    const secretariat = await suite.server.login('secretariat');
    const clauses = (await secretariat.get(`/api/documents/${DOC}`)).body.clauses as { id: string; kind: string }[];
    const lastOperative = clauses.filter((c) => c.kind === 'operative').at(-1)!;
    const operatives = (): Promise<number> => kaz.locator('.clause-operative').count();
    const before = await operatives();
    expect(
      (
        await secretariat.post(`/api/documents/${DOC}/clauses`, {
          kind: 'operative',
          after: lastOperative.id,
          text: 'Decides to remain seized of the matter.',
        })
      ).status,
    ).toBe(201);
    // The page is rebuilt with the new paragraph; the caret is still where the typist left it.
    await expect.poll(operatives, { timeout: 10_000 }).toBe(before + 1);
    // Undo groups what is typed within half a second into one step: a pause makes this its own.
    await kaz.waitForTimeout(600);
    await kaz.keyboard.type(' second');
    await expect.poll(() => textOf(kaz, 'OP6')).toBe(`${original} first second`);
    // Undo reaches back past the rebuild.
    await kaz.keyboard.press('Control+z');
    await expect.poll(() => textOf(kaz, 'OP6')).toBe(`${original} first`);
    await kaz.keyboard.press('Control+z');
    await expect.poll(() => textOf(kaz, 'OP6')).toBe(original);
  }, 60_000);

  it('formats from the toolbar as from the keyboard, and the server stores the marks', async () => {
    const kaz = await keptDocument('kaz-delegate');
    const editor = editorOf(kaz, 'OP5');
    await editor.focus();
    await kaz.keyboard.press('Control+End');
    await kaz.keyboard.type(' firmly');
    for (let i = 0; i < 6; i++) await kaz.keyboard.press('Shift+ArrowLeft');
    await kaz.getByRole('button', { name: /^Bold/ }).click();
    await expect
      .poll(() => kaz.locator('[data-ref="OP5"] .clause-editor strong').allTextContents())
      .toContain('firmly');
    const api = await (await suite.server.login('observer')).get(`/api/documents/${DOC}?include=content`);
    const op5 = api.body.clauses.find((c: { ref: string }) => c.ref === 'OP5');
    expect(JSON.stringify(op5.content)).toContain('{"type":"text","marks":[{"type":"strong"}],"text":"firmly"}');
    await closeKept('kaz-delegate');
  }, 60_000);

  it('a delegate who must suggest types and deletes; the secretariat sees it live, accepts one, rejects the other', async () => {
    const secretariat = await openDocument('secretariat');
    const kaz = await openDocument('kaz-delegate');
    // The secretariat requires suggestions from its switch; the delegate's page suggests, and says why.
    await secretariat.getByRole('switch', { name: 'Delegations must suggest' }).check();
    await expect.poll(() => kaz.locator('[data-suggesting]').getAttribute('data-suggesting')).toBe('on');
    await expect.poll(() => kaz.getByRole('button', { name: 'Edit', exact: true }).isDisabled()).toBe(true);

    const editor = editorOf(kaz, 'OP6');
    // The words a page shows underlined or struck in OP6, joined: a remote caret drawn inside a run of marked
    // words splits its element in two, which says nothing about what is marked.
    const marked = (page: Page, selector: string) => async () =>
      (await page.locator(`[data-ref="OP6"] .clause-editor ${selector}`).allTextContents()).join('');
    await editor.focus();
    await kaz.keyboard.press('Control+End');
    await kaz.keyboard.type(' promptly');
    await expect.poll(marked(kaz, 'ins.suggestion')).toBe(' promptly');
    await kaz.keyboard.press('Control+Home');
    // Each key is seen struck before the next is pressed: under load the page may still be drawing the last.
    for (let i = 1; i <= 6; i++) {
      await kaz.keyboard.press('Delete');
      await expect.poll(marked(kaz, 'del.suggestion-deletion')).toBe('Emphasizes'.slice(0, i));
    }
    const before = await textOf(kaz, 'OP6');
    expect(before).toMatch(/^Emphasizes.* promptly$/s);

    // Live on the secretariat's page: the words underlined and struck, each with its delegation.
    const inserted = secretariat.locator('[data-ref="OP6"] .clause-editor ins.suggestion');
    await expect.poll(marked(secretariat, 'ins.suggestion'), { timeout: 10_000 }).toBe(' promptly');
    await expect.poll(marked(secretariat, 'del.suggestion-deletion'), { timeout: 10_000 }).toBe('Emphas');
    expect(await inserted.first().getAttribute('data-delegation')).toBe('KAZ');
    await expect.poll(() => secretariat.locator('.status-count.suggestions .count').innerText()).toBe('2');

    // The clause panel lists both; the secretariat accepts the insertion and rejects the deletion.
    await secretariat.getByRole('button', { name: /^Comments on OP6/ }).click();
    const box = secretariat.locator('.clause-panel .suggestions-box');
    await expect.poll(() => box.locator('li.suggestion').count()).toBe(2);
    await box.locator('li.suggestion-insertion').getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => box.locator('li.suggestion').count()).toBe(1);
    await box.locator('li.suggestion-deletion').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => box.locator('li.suggestion').count()).toBe(0);

    // Everyone's text is the suggestion's outcome, unmarked.
    for (const page of [secretariat, kaz]) {
      await expect.poll(() => page.locator('[data-ref="OP6"] .clause-editor :is(ins, del)').count()).toBe(0);
      expect(await textOf(page, 'OP6')).toBe(before);
    }
    await expect.poll(() => kaz.locator('.status-count.suggestions .count').innerText()).toBe('0');
    const api = await (await suite.server.login('observer')).get(`/api/documents/${DOC}`);
    expect(api.body.clauses.find((c: { ref: string }) => c.ref === 'OP6').text).toBe(before);
    expect(await audit(kaz)).toEqual([]);
    expect(await audit(secretariat)).toEqual([]);
    const sec = await suite.server.login('secretariat');
    await sec.post(`/api/documents/${DOC}/suggestions/requirement`, { required: false });
    for (const page of [secretariat, kaz]) await page.context().close();
  }, 90_000);

  it('renumbers for everyone at once when the secretariat inserts a clause', async () => {
    const kaz = await openDocument('kaz-delegate');
    const numbers = (): Promise<string[]> => kaz.locator('.clause-operative .clause-number').allTextContents();
    const before = await numbers();
    const secretariat = await suite.server.login('secretariat');
    const doc = await secretariat.get(`/api/documents/${DOC}`);
    const op1 = doc.body.clauses.find((c: { ref: string }) => c.ref === 'OP1');
    const res = await secretariat.post(`/api/documents/${DOC}/clauses`, {
      kind: 'operative',
      after: op1.id,
      text: 'Welcomes the new paragraph.',
    });
    expect(res.status).toBe(201);
    await expect.poll(numbers, { timeout: 10_000 }).toHaveLength(before.length + 1);
    expect(await numbers()).toEqual([...before, `${before.length + 1}.`]);
    await expect.poll(() => textOf(kaz, 'OP2'), { timeout: 10_000 }).toBe('Welcomes the new paragraph.');
    await kaz.context().close();
  }, 60_000);

  it('locks a clause for everyone when the chair agrees it ad ref, and says so', async () => {
    const kaz = await openDocument('kaz-delegate');
    const api = await suite.server.login('chair');
    const doc = await api.get(`/api/documents/${DOC}`);
    const op4 = doc.body.clauses.find((c: { ref: string }) => c.ref === 'OP4');
    const agreed = kaz.locator('.status-count[data-status="agreed_ad_ref"] .count');
    const agreedBefore = Number(await agreed.innerText());
    // The chair changes statuses all through a plenary: the page changes the clause in place, without
    // reading the document, its comments or its amendments again.
    const reads: string[] = [];
    kaz.on('request', (request) => {
      if (request.url().includes(`/api/documents/${DOC}`)) reads.push(request.url());
    });
    expect((await api.post(`/api/documents/${DOC}/clauses/${op4.id}/status`, { status: 'agreed_ad_ref' })).status).toBe(
      200,
    );
    await expect.poll(() => editorOf(kaz, 'OP4').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false');
    expect(await editorOf(kaz, 'OP4').getAttribute('title')).toContain('agreed ad referendum');
    expect(await kaz.locator('[data-ref="OP4"] .badge.status-agreed_ad_ref').count()).toBe(1);
    expect(await kaz.locator('[data-ref="OP4"] .collab-lock').count()).toBe(1);
    expect(await kaz.locator('[data-ref="OP4"]').getAttribute('aria-label')).toContain('Agreed ad ref');
    await expect.poll(async () => Number(await agreed.innerText()), { timeout: 10_000 }).toBe(agreedBefore + 1);
    expect(await editorOf(kaz, 'OP5').getAttribute('contenteditable')).toBe('true');

    expect((await api.post(`/api/documents/${DOC}/clauses/${op4.id}/status`, { status: 'open' })).status).toBe(200);
    await expect.poll(() => editorOf(kaz, 'OP4').getAttribute('contenteditable'), { timeout: 10_000 }).toBe('true');
    expect(await kaz.locator('[data-ref="OP4"] .collab-lock').count()).toBe(0);
    expect(await kaz.locator('[data-ref="OP4"] .badge.status-agreed_ad_ref').count()).toBe(0);
    await expect.poll(async () => Number(await agreed.innerText()), { timeout: 10_000 }).toBe(agreedBefore);
    expect(reads).toEqual([]);
    await kaz.context().close();
  });

  it('a clause locked while a delegate types turns read-only at once: focus and scroll stay, nothing typed is lost, and the page says why', async () => {
    const { page: kaz } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    kaz.setDefaultTimeout(10_000);
    // The delegate's keystrokes can be held on their way to the server: typed, not yet received, as on a
    // slow venue network at the moment the chair locks the clause.
    let holding = false;
    const held: (string | Buffer)[] = [];
    let toServer: WebSocketRoute | undefined;
    await kaz.routeWebSocket(/\/collab\//, (ws) => {
      const server = ws.connectToServer();
      toServer = server;
      ws.onMessage((message) => (holding ? held.push(message) : server.send(message)));
    });
    await kaz.goto(`/documents/${DOC}`);
    const editor = editorOf(kaz, 'OP7');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    const chair = await suite.server.login('chair');
    const op7 = await clauseId('OP7');
    const original = await storedText('OP7');
    const focusedRef = (): Promise<string | null | undefined> =>
      kaz.evaluate(() => document.activeElement?.closest('[data-ref]')?.getAttribute('data-ref'));
    try {
      await typeAtEnd(kaz, 'OP7', ' accepted words');
      await expect.poll(() => storedText('OP7'), { timeout: 10_000 }).toBe(`${original} accepted words`);
      holding = true;
      await kaz.keyboard.type(' still in flight');
      expect(
        (await chair.post(`/api/documents/${DOC}/clauses/${op7}/status`, { status: 'agreed_ad_ref' })).status,
      ).toBe(200);
      await expect.poll(() => editor.getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false');

      // Read-only where the typist is: the focus stays in the clause, and further keys neither type nor scroll.
      expect(await focusedRef()).toBe('OP7');
      const scrolled = await kaz.evaluate(() => window.scrollY);
      for (let i = 0; i < 5; i++) await kaz.keyboard.press('Space');
      await kaz.keyboard.type('more');
      expect(await kaz.evaluate(() => window.scrollY)).toBe(scrolled);
      expect(await focusedRef()).toBe('OP7');
      expect(await textOf(kaz, 'OP7')).toBe(`${original} accepted words still in flight`);
      // Said at once, where a screen reader announces it.
      const notice = kaz.locator('.collab-notice');
      await expect.poll(() => notice.innerText()).toContain('agreed ad referendum');
      expect(await notice.getAttribute('role')).toBe('status');

      // The keystrokes in flight reach the server, which refuses them: they come back under the clause.
      // Playwright forwards each held message through the page's own connection to the server; the server
      // closes it at the first refusal, and Chromium logs a send that comes after as an error. Those sends are
      // this test's relay, not the page's (the page's own are dropped silently by `guardedSocket`).
      expectConsoleErrors(kaz, /WebSocket is already in CLOSING or CLOSED state/);
      holding = false;
      for (const message of held.splice(0)) toServer!.send(message);
      const box = kaz.locator('[data-ref="OP7"] .collab-unsaved');
      await expect.poll(() => box.count(), { timeout: 15_000 }).toBe(1);
      expect(await box.getByRole('textbox', { name: 'Your text' }).inputValue()).toContain(
        `${original} accepted words still in flight`,
      );
      expect(await box.innerText()).toContain('agreed ad referendum');
      expect(await storedText('OP7')).toBe(`${original} accepted words`);
      // The editor was rebuilt on the server's copy: still read-only, still focused, the page where it was.
      await expect.poll(() => textOf(kaz, 'OP7')).toBe(`${original} accepted words`);
      expect(await editor.getAttribute('contenteditable')).toBe('false');
      expect(await focusedRef()).toBe('OP7');
      await kaz.keyboard.press('Space');
      expect(await kaz.evaluate(() => window.scrollY)).toBe(scrolled);
      expect(await audit(kaz)).toEqual([]);
    } finally {
      await chair.post(`/api/documents/${DOC}/clauses/${op7}/status`, { status: 'open' });
      await kaz.context().close();
    }
  }, 60_000);

  it('a refusal that arrives before the lock’s event closes the clause at once too', async () => {
    const { page: kaz } = await signedInPage(suite.browser, suite.server.url, 'kaz-delegate', 'demo', null);
    kaz.setDefaultTimeout(10_000);
    // Routing a page's sockets puts Playwright's stand-in in place of every WebSocket of the page: the collab
    // socket's stand-in stays OPEN until its inner socket's close event, so the client's guard against sending
    // on a closing socket (client/api/guardedSocket.ts), which reads the stand-in, cannot see the server's close
    // frame, and a keystroke sent meanwhile reached the inner socket, which the browser reports as a console
    // error. The inner socket is guarded as the page's own socket is without routing.
    await kaz.addInitScript(() => {
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]): void {
        if (this.readyState === WebSocket.OPEN || this.readyState === WebSocket.CONNECTING) send.call(this, data);
      };
    });
    // The page's events (statuses, stages) are held back: the collab refusal is the first it hears of the lock.
    let holding = false;
    const held: (string | Buffer)[] = [];
    let toPage: WebSocketRoute | undefined;
    await kaz.routeWebSocket(/\/socket\.io\//, (ws) => {
      toPage = ws;
      const server = ws.connectToServer();
      server.onMessage((message) => (holding ? held.push(message) : ws.send(message)));
    });
    await kaz.goto(`/documents/${DOC}`);
    const editor = editorOf(kaz, 'OP12');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    const chair = await suite.server.login('chair');
    const op12 = await clauseId('OP12');
    const original = await storedText('OP12');
    try {
      await typeAtEnd(kaz, 'OP12', ' before');
      await expect.poll(() => storedText('OP12'), { timeout: 10_000 }).toBe(`${original} before`);
      holding = true;
      expect(
        (await chair.post(`/api/documents/${DOC}/clauses/${op12}/status`, { status: 'agreed_ad_ref' })).status,
      ).toBe(200);
      await kaz.keyboard.type(' after');
      await expect.poll(() => editor.getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false');
      expect(await kaz.evaluate(() => document.activeElement?.closest('[data-ref]')?.getAttribute('data-ref'))).toBe(
        'OP12',
      );
      await expect.poll(() => kaz.locator('[data-ref="OP12"] .collab-unsaved').count(), { timeout: 15_000 }).toBe(1);
      // What the editor took before it closed (at least the refused keystroke) is handed back; the keys
      // pressed after it closed typed nothing.
      const handedBack = await kaz.locator('[data-ref="OP12"] .collab-unsaved textarea').inputValue();
      expect(handedBack.startsWith(`${original} before `)).toBe(true);
      expect(`${original} before after`.startsWith(handedBack)).toBe(true);
      await expect.poll(() => kaz.locator('.collab-notice').innerText()).toContain('agreed ad referendum');
      // Typing on is refused at once, in the page: nothing more is sent to be refused.
      const scrolled = await kaz.evaluate(() => window.scrollY);
      await kaz.keyboard.type(' more ');
      expect(await kaz.evaluate(() => window.scrollY)).toBe(scrolled);
      expect(await textOf(kaz, 'OP12')).toBe(`${original} before`);
      holding = false;
      for (const message of held.splice(0)) toPage!.send(message);
      await expect.poll(() => kaz.locator('[data-ref="OP12"] .collab-lock').count()).toBe(1);
      expect(await editor.getAttribute('contenteditable')).toBe('false');
    } finally {
      await chair.post(`/api/documents/${DOC}/clauses/${op12}/status`, { status: 'open' });
      await kaz.context().close();
    }
  }, 60_000);

  /**
   * A delegate's page whose collab socket can be cut (flaky congress Wi-Fi): while offline, the connection is
   * dropped and every reconnection refused; socket.io, which tells the page of statuses and stages, stays up.
   */
  async function onFlakyWifi(username: string): Promise<{ page: Page; offline(): Promise<void>; online(): void }> {
    const { page } = await signedInPage(suite.browser, suite.server.url, username, 'demo', null);
    page.setDefaultTimeout(10_000);
    let cut = false;
    let open: { page: WebSocketRoute; server: WebSocketRoute } | undefined;
    await page.routeWebSocket(/\/collab\//, (ws) => {
      if (cut) return ws.close({ code: 4000, reason: 'offline' });
      open = { page: ws, server: ws.connectToServer() };
    });
    await page.goto(`/documents/${DOC}`);
    await editorOf(page, 'OP2').waitFor();
    return {
      page,
      async offline() {
        cut = true;
        await open?.server.close();
        await open?.page.close({ code: 4000, reason: 'offline' });
        await expect
          .poll(() => page.locator('.document-page').getAttribute('data-collab-status'), { timeout: 10_000 })
          .not.toBe('connected');
      },
      online() {
        cut = false;
      },
    };
  }

  /** Types at the end of the clause's text. */
  async function typeAtEnd(page: Page, ref: string, words: string): Promise<void> {
    await editorOf(page, ref).focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(words);
  }

  const clauseId = async (ref: string): Promise<string> =>
    (await (await suite.server.login('observer')).get(`/api/documents/${DOC}`)).body.clauses.find(
      (c: { ref: string }) => c.ref === ref,
    ).id;
  const storedText = async (ref: string): Promise<string> =>
    (await (await suite.server.login('observer')).get(`/api/documents/${DOC}`)).body.clauses.find(
      (c: { ref: string }) => c.ref === ref,
    ).text;

  it('after a spell offline, keeps what may still be written and hands back, under its clause, the text of a clause locked meanwhile', async () => {
    const kaz = await onFlakyWifi('kaz-delegate');
    const chair = await suite.server.login('chair');
    const locked = await clauseId('OP9');
    await kaz.offline();
    await typeAtEnd(kaz.page, 'OP8', ' Typed offline and kept.');
    await typeAtEnd(kaz.page, 'OP9', ' Typed offline, locked meanwhile.');
    try {
      expect(
        (await chair.post(`/api/documents/${DOC}/clauses/${locked}/status`, { status: 'agreed_ad_ref' })).status,
      ).toBe(200);
      // The page is rebuilt for the lock while offline: the editors come back on the offline copy.
      await expect
        .poll(() => editorOf(kaz.page, 'OP9').getAttribute('contenteditable'), { timeout: 10_000 })
        .toBe('false');
      expect(await textOf(kaz.page, 'OP8')).toContain('Typed offline and kept.');
      expect(await editorOf(kaz.page, 'OP8').getAttribute('contenteditable')).toBe('true');
      kaz.online();

      const box = kaz.page.locator('[data-ref="OP9"] .collab-unsaved');
      await expect.poll(() => box.count(), { timeout: 15_000 }).toBe(1);
      expect(await box.getByRole('textbox', { name: 'Your text' }).inputValue()).toContain(
        'Typed offline, locked meanwhile.',
      );
      expect(await box.innerText()).toContain('agreed ad referendum');
      expect(await audit(kaz.page)).toEqual([]);
      expect(await kaz.page.locator('.collab-notice').innerText()).toContain('Your edits to OP8 were kept.');
      await expect.poll(() => storedText('OP8'), { timeout: 10_000 }).toContain('Typed offline and kept.');
      expect(await storedText('OP9')).not.toContain('Typed offline');
      expect(await textOf(kaz.page, 'OP9')).not.toContain('Typed offline');
      // A locked clause takes no amendment either: the text can be copied or dismissed, by keyboard.
      expect(await box.getByRole('button', { name: 'Propose it as an amendment' }).count()).toBe(0);
      await box.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => box.getByRole('status').innerText()).toBe('Copied.');
      await box.getByRole('button', { name: 'Dismiss' }).focus();
      await kaz.page.keyboard.press('Enter');
      await expect.poll(() => box.count()).toBe(0);
    } finally {
      await chair.post(`/api/documents/${DOC}/clauses/${locked}/status`, { status: 'open' });
    }
    await kaz.page.context().close();
  }, 60_000);

  it('offers a delegate’s offline text as an amendment once the stage has moved on to negotiation', async () => {
    const kaz = await onFlakyWifi('kaz-delegate');
    const chair = await suite.server.login('chair');
    const op10 = await clauseId('OP10');
    await kaz.offline();
    await typeAtEnd(kaz.page, 'OP10', ' with all due speed');
    try {
      expect((await chair.post(`/api/documents/${DOC}/stage`, { stage: 'negotiation' })).status).toBe(200);
      await expect
        .poll(() => editorOf(kaz.page, 'OP10').getAttribute('contenteditable'), { timeout: 10_000 })
        .toBe('false');
      kaz.online();

      const box = kaz.page.locator('[data-ref="OP10"] .collab-unsaved');
      await expect.poll(() => box.count(), { timeout: 15_000 }).toBe(1);
      await box.getByRole('button', { name: 'Propose it as an amendment' }).click();
      const proposal = kaz.page.locator(`#amend-${op10}-text`);
      await expect.poll(() => proposal.inputValue()).toContain('with all due speed');
      await kaz.page.locator(`#amend-${op10}-rationale`).fill('Typed during the drafting stage, while offline.');
      await kaz.page.getByRole('button', { name: 'Submit the amendment' }).click();
      await expect
        .poll(
          async () =>
            (await chair.get(`/api/documents/${DOC}/amendments`)).body.amendments.filter(
              (a: { clauseId: string }) => a.clauseId === op10,
            ).length,
          { timeout: 10_000 },
        )
        .toBe(1);
      expect(await storedText('OP10')).not.toContain('with all due speed');
    } finally {
      await chair.post(`/api/documents/${DOC}/stage`, {
        stage: 'drafting',
        reason: 'Back to drafting for the next case.',
      });
    }
    await kaz.page.context().close();
  }, 60_000);

  it('keeps what was typed offline when the person leaves the page, and asks before the tab is closed', async () => {
    const kaz = await onFlakyWifi('kaz-delegate');
    await kaz.offline();
    await typeAtEnd(kaz.page, 'OP11', ' Typed offline before leaving.');
    const dialogs: string[] = [];
    kaz.page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await kaz.page.close({ runBeforeUnload: true });
    await expect.poll(() => dialogs, { timeout: 10_000 }).toEqual(['beforeunload']);
    expect(kaz.page.isClosed()).toBe(false);

    // Off to the list of documents: the live copy outlives the page until the offline typing has gone out.
    await kaz.page.getByRole('link', { name: 'All documents' }).click();
    await kaz.page.waitForURL((url) => url.pathname === '/');
    await kaz.page.waitForTimeout(4000);
    kaz.online();
    await expect.poll(() => storedText('OP11'), { timeout: 15_000 }).toContain('Typed offline before leaving.');
    await kaz.page.context().close();
  }, 60_000);
});

describeBrowser('the text limits in the editor', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    // A server with a small clause limit: the editor learns it from the document, not from a default.
    server = await startTestServer({ MAX_CLAUSE_CHARS: '1000' });
    // The worker's chromium, as useBrowserSuite gives: a launch of its own cost the block a browser's start.
    browser = await sharedBrowser();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Pastes plain text into the focused editor, as the clipboard would. */
  const paste = (page: Page, text: string): Promise<void> =>
    page.evaluate((pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      document.activeElement!.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);

  it('counts towards the limit near it, refuses a paste that would pass it with a message, and stops typing at it', async () => {
    const { page } = await signedInPage(browser, server.url, 'kaz-delegate', 'demo', `/documents/${DOC}`);
    page.setDefaultTimeout(10_000);
    const editor = editorOf(page, 'OP3');
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    const stored = async (): Promise<string> =>
      (
        (await (await server.login('observer')).get(`/api/documents/${DOC}`)).body.clauses as {
          ref: string;
          text: string;
        }[]
      ).find((c) => c.ref === 'OP3')!.text;
    const counter = page.locator('[data-ref="OP3"] .clause-counter');
    const length = (await textOf(page, 'OP3')).length;
    expect(length).toBeLessThan(900);
    expect(await counter.isHidden()).toBe(true);

    await editor.focus();
    await page.keyboard.press('Control+End');
    await paste(page, 'p'.repeat(950 - length));
    await expect.poll(() => counter.innerText()).toBe('950 / 1,000 characters');
    expect(await editor.getAttribute('aria-describedby')).toBe(await counter.getAttribute('id'));

    await paste(page, 'q'.repeat(100));
    const notice = page.locator('.collab-notice');
    await expect
      .poll(() => notice.innerText())
      .toBe('Not pasted: OP3 would hold 1,050 characters, and a clause may hold at most 1,000.');
    expect(await textOf(page, 'OP3')).not.toContain('q');

    await page.keyboard.type('r'.repeat(60));
    await expect.poll(() => counter.innerText()).toBe('1,000 / 1,000 characters');
    await expect.poll(() => notice.innerText()).toContain('OP3 holds the 1,000 characters a clause may hold');
    expect(await counter.getAttribute('class')).toContain('is-full');
    // Where the caret stands does not matter here (the sync may move it): fifty of the sixty keys landed, no more.
    await expect.poll(stored, { timeout: 10_000 }).toContain('r'.repeat(50));
    expect(await stored()).not.toContain('r'.repeat(51));
    expect((await stored()).replace(/\n/g, '').length).toBeLessThanOrEqual(1000 + 20);
    expect((await textOf(page, 'OP3')).length).toBe(1000);
    expect(await audit(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});

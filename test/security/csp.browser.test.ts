import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { describeBrowser, useBrowserSuite } from '../helpers/browser.js';

const DOC = 'almaty-declaration';

/**
 * The built client under the server's Content-Security-Policy (script-src 'self', no inline scripts): every
 * screen a session goes through reports no violation, in the console or as a `securitypolicyviolation` event.
 * Then the collab socket closes with SERVER_RESTARTING and the editor says so.
 */
describeBrowser('Content-Security-Policy in the browser', () => {
  const suite = useBrowserSuite();
  const violations: string[] = [];

  /** A context whose pages record every CSP violation from their first script on, signed in through the form. */
  async function signIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await suite.browser.newContext({ baseURL: suite.server.url, locale: 'en-GB' });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|CSP violation|Refused to (execute|load|apply|connect|frame)/i.test(text))
        violations.push(`${username} ${page.url()}: ${text}`);
    });
    page.on('pageerror', (error) => violations.push(`${username} ${page.url()}: page error ${error.message}`));
    await page.goto('/login');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page };
  }

  it('signing in, reading, editing a clause, the chair console and the projector raise no violation', async () => {
    const { page: delegate } = await signIn('kaz-delegate');
    await delegate.goto(`/documents/${DOC}`);
    const editor = delegate.locator('[data-ref="OP2"] .clause-editor');
    await editor.waitFor();
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    await editor.focus();
    await delegate.keyboard.press('Control+End');
    await delegate.keyboard.type(' Typed under the policy.');
    const api = await suite.server.login('observer');
    await expect
      .poll(
        async () =>
          ((await api.get(`/api/documents/${DOC}`)).body.clauses as { text: string }[]).some((c) =>
            c.text.includes('Typed under the policy.'),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);

    const { page: chair } = await signIn('chair');
    await chair.goto(`/documents/${DOC}/chair`);
    await chair.getByRole('heading', { name: 'Chair’s console' }).waitFor();
    const { page: projector } = await signIn('observer');
    await projector.goto(`/projector/${DOC}`);
    await projector.locator('.projector').waitFor();
    // Styles and fonts load too: the page is laid out by its stylesheet, not unstyled.
    expect(await projector.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));

    expect(violations).toEqual([]);
    const header = (await fetch(`${suite.server.url}/documents/${DOC}`)).headers.get('content-security-policy')!;
    expect(header).toMatch(/script-src 'self'(;|$)/);

    // A restart closes the collab socket with SERVER_RESTARTING: the editor says so, and will reconnect.
    await suite.server.collab.close(500);
    const notice = delegate.locator('.collab-notice');
    await expect.poll(() => notice.innerText(), { timeout: 10_000 }).toContain('The server is restarting');
    expect(await notice.getAttribute('role')).toBe('status');
  });
});

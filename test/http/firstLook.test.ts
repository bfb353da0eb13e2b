import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocumentJson } from '../../shared/api/documents.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { FIRST_LOOK_ID } from '../../shared/protocol/pages.js';
import { FIRST_LOOK_MAX_CHARS, renderFirstLook } from '../../server/http/firstLook.js';
import { freshDocument } from '../helpers/documents.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** The first look in a page the server sent, or null. */
function lookOf(html: string): string | null {
  const start = html.indexOf(`<div id="${FIRST_LOOK_ID}"`);
  if (start < 0) return null;
  const end = html.indexOf('<noscript>', start);
  return html.slice(start, end < 0 ? undefined : end);
}

/** What a reader sees of markup: its text, entities read. */
function textOf(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe("a document page's first look: its text in the page the server sends", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('carries every clause of the text a delegate may read, with its reference, apart from the page', async () => {
    const delegate = await server.login('kaz-delegate');
    const look = lookOf((await delegate.get<string>('/documents/almaty-declaration')).body);
    expect(look).not.toBeNull();
    expect(look).toContain('aria-hidden="true"');
    expect(look).toMatch(/\binert\b/);
    // Its own classes: nothing looking for the page's clauses or editors finds these.
    expect(look).not.toMatch(/class="(clause|clause-content|declaration)[" ]/);
    const read = (await delegate.get<DocumentJson>('/api/documents/almaty-declaration?include=content')).body;
    const seen = textOf(look!);
    for (const clause of read.clauses) {
      expect(seen).toContain(clause.text.replace(/\s+/g, ' ').trim().slice(0, 60));
      if (clause.kind === 'preamble' || clause.kind === 'operative') expect(look).toContain(`>${clause.ref}</span>`);
    }
  });

  it("says whose page it is, for the room the page's headers will take above the text, and is the same text for each", async () => {
    const looks = new Map<string, string>();
    for (const who of ['kaz-delegate', 'chair', 'secretariat']) {
      const look = lookOf((await (await server.login(who)).get<string>('/documents/almaty-declaration')).body)!;
      looks.set(who, look);
    }
    expect(looks.get('kaz-delegate')).toContain('data-role="delegate"');
    expect(looks.get('chair')).toContain('data-role="chair"');
    expect(looks.get('secretariat')).toContain('data-role="secretariat"');
    const text = (look: string): string => look.slice(look.indexOf('>') + 1);
    expect(text(looks.get('chair')!)).toBe(text(looks.get('kaz-delegate')!));
  });

  it('is not in a visitor’s page, a language version’s, the list, the projector or a document that is not there', async () => {
    expect(lookOf((await server.anonymous().get<string>('/documents/almaty-declaration')).body)).toBeNull();
    const delegate = await server.login('kaz-delegate');
    for (const path of [
      '/documents/almaty-declaration?lang=ru',
      '/documents',
      '/projector/almaty-declaration',
      '/documents/no-such-document',
      '/documents/almaty-declaration/revisions',
    ]) {
      const page = await delegate.get<string>(path);
      expect(page.status, path).toBe(200);
      expect(lookOf(page.body), path).toBeNull();
    }
  });

  it('keeps text that reads as markup as text', async () => {
    const { id } = await freshDocument(server, 'drafting', [
      { kind: 'title', text: 'A <b>bold</b> title & more' },
      { kind: 'operative', text: '*Calls upon* <script>alert(1)</script> "all" States.' },
      { kind: 'operative', text: "*Notes* the cost of $& and $` and $' in dollars." },
    ]);
    const look = lookOf((await (await server.login('kaz-delegate')).get<string>(`/documents/${id}`)).body)!;
    expect(look).not.toContain('<script>alert(1)');
    expect(look).not.toContain('<b>bold');
    expect(textOf(look)).toContain('<script>alert(1)</script> "all" States.');
    expect(textOf(look)).toContain('A <b>bold</b> title & more');
    expect(look).toContain('<em>Calls upon</em>');
    expect(textOf(look)).toContain("the cost of $& and $` and $' in dollars.");
  });

  it('is written in the original’s language and its direction', () => {
    const clause = { id: 'c', kind: 'operative', number: '1', ref: 'OP1', status: 'open', openBrackets: 0 } as const;
    const arabic = renderFirstLook([{ ...clause, text: 'يدعو الدول' }], 'ar');
    expect(arabic).toMatch(/<article class="first-look-text" lang="ar" dir="rtl">/);
    expect(textOf(arabic)).toContain('يدعو الدول');
    expect(renderFirstLook([{ ...clause, text: 'Calls upon States' }], 'en')).toContain('lang="en" dir="ltr"');
  });

  it('leaves a text far longer than a declaration to the page', async () => {
    const long = 'word '.repeat(3_600).trim();
    const clauses = Math.ceil(FIRST_LOOK_MAX_CHARS / long.length) + 1;
    const { id } = await freshDocument(server, 'drafting', [
      { kind: 'title', text: 'A long text' },
      ...Array.from({ length: clauses }, () => ({ kind: 'operative' as const, text: long })),
    ]);
    const page = await (await server.login('kaz-delegate')).get<string>(`/documents/${id}`);
    expect(page.status).toBe(200);
    expect(lookOf(page.body)).toBeNull();
  });

  it('leaves the page whole when its first look cannot be made: the page draws its text itself', async () => {
    const { id } = await freshDocument(server, 'drafting');
    const failing = vi
      .spyOn(server.ctx.store.languages, 'forDocument')
      .mockRejectedValueOnce(new Error('the disk is gone'));
    try {
      const page = await (await server.login('kaz-delegate')).get<string>(`/documents/${id}`);
      expect(failing).toHaveBeenCalled();
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="app"');
      expect(lookOf(page.body)).toBeNull();
    } finally {
      failing.mockRestore();
    }
  });

  it('follows the text: a page sent after an edit shows the edit', async () => {
    const { id, clauses } = await freshDocument(server, 'drafting');
    const delegate = await server.login('kaz-delegate');
    expect(textOf(lookOf((await delegate.get<string>(`/documents/${id}`)).body)!)).not.toContain('Firmly');
    const doc = (await server.ctx.registry.get(id))!;
    const paragraph = getClauseFragment(doc, clauses[2]!).get(0) as Y.XmlElement;
    doc.transact(() => (paragraph.get(0) as Y.XmlText).insert(0, 'Firmly '));
    expect(textOf(lookOf((await delegate.get<string>(`/documents/${id}`)).body)!)).toContain('Firmly Calls upon');
  });
});

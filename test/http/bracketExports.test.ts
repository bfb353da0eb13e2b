import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { getClauseFragment } from '../../shared/editor/ydoc.js';
import { decodeXml, normalise, pdfToText, validateAkn } from '../../server/export/testTools.js';
import { startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';

const DOC = 'almaty-declaration';
const PLAIN = '[national Governments]';
const ALTERNATIVES = '[Alt A (KAZ, FRA): initial and continuing] [Alt B (DEU): lifelong]';

describe('brackets in the exports', () => {
  let server: TestServer;
  let secretariat: ApiClient;
  let refs: Map<string, string>;

  const download = async (format: string): Promise<Buffer> => {
    const res = await fetch(`${server.url}/api/documents/${DOC}/export?format=${format}`, {
      headers: { cookie: secretariat.cookie! },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const compact = (text: string): string => normalise(text).replace(/\s+/g, ' ');

  /** Brackets `words` of the clause's first paragraph, with `alternatives` when given. */
  async function bracket(ref: string, words: string, alternatives?: unknown): Promise<void> {
    const clauseId = refs.get(ref)!;
    const fragment = getClauseFragment((await server.ctx.registry.get(DOC))!, clauseId);
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const plain = (text.toDelta() as { insert: string }[]).map((d) => d.insert).join('');
    const index = plain.indexOf(words);
    const encode = (rpos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(rpos)).toString('base64');
    const span = {
      start: encode(Y.createRelativePositionFromTypeIndex(text, index)),
      end: encode(Y.createRelativePositionFromTypeIndex(text, index + words.length, -1)),
      quote: words,
    };
    const res = await secretariat.post(`/api/documents/${DOC}/brackets`, { clauseId, span, alternatives });
    expect(res.status).toBe(201);
  }

  beforeAll(async () => {
    server = await startTestServer();
    secretariat = await server.login('secretariat');
    refs = new Map(
      ((await secretariat.get(`/api/documents/${DOC}`)).body as DocumentJson).clauses.map((c) => [c.ref, c.id]),
    );
    await bracket('OP3', 'national Governments');
    await bracket('OP5', 'initial and continuing', [
      { text: 'initial and continuing', sponsors: ['KAZ', 'FRA'] },
      { text: 'lifelong', sponsors: ['DEU'] },
    ]);
  });
  afterAll(() => server?.close());

  it('prints them in UN style in Markdown and HTML, the emphasis around them kept', async () => {
    // Markdown escapes the square brackets, which a reader of the rendered page sees as brackets.
    const md = (await download('md')).toString('utf8').replace(/\\([[\]])/g, '$1');
    expect(md).toContain(`*Calls upon* ${PLAIN} to place`);
    expect(md).toContain(`in the ${ALTERNATIVES} training of teachers`);
    const html = decodeXml((await download('html')).toString('utf8').replace(/<[^>]+>/g, ''));
    expect(compact(html)).toContain(`Calls upon ${PLAIN} to place`);
    expect(compact(html)).toContain(ALTERNATIVES);
  });

  it('prints them in the PDF and the DOCX', async () => {
    const pdf = compact(await pdfToText(await download('pdf'), { body: true }));
    expect(pdf).toContain(PLAIN);
    expect(pdf).toContain('[Alt A (KAZ, FRA): initial and continuing]');
    const zip = await JSZip.loadAsync(await download('docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const words = decodeXml(xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, ''));
    expect(words).toContain(`Calls upon ${PLAIN} to place`);
    expect(words).toContain(ALTERNATIVES);
  });

  it('keeps Akoma Ntoso valid against the schema, the brackets in the paragraph’s words', async () => {
    const xml = await download('akn');
    const result = await validateAkn(xml);
    expect(result.output).toContain('validates');
    expect(result.code).toBe(0);
    expect(compact(decodeXml(xml.toString('utf8').replace(/<[^>]+>/g, '')))).toContain(ALTERNATIVES);
  });

  it('prints nothing once resolved, and never in an adopted text', async () => {
    const open = (await secretariat.get(`/api/documents/${DOC}/brackets`)).body.brackets as BracketJson[];
    const plain = open.find((b) => b.alternatives.length === 0)!;
    expect((await secretariat.post(`/api/brackets/${plain.id}/resolve`, { resolution: 'remove' })).status).toBe(200);
    const md = (await download('md')).toString('utf8');
    expect(md).toContain('*Calls upon* national Governments to place');
    await server.ctx.store.documents.setStage(DOC, 'adopted');
    expect((await download('md')).toString('utf8')).not.toContain('[Alt A');
  });
});

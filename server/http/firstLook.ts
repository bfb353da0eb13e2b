import type * as Y from 'yjs';
import type { ClauseJson } from '../../shared/api/documents.js';
import type { Actor } from '../../shared/domain/roles.js';
import { clauseFromJSON } from '../../shared/editor/schema.js';
import { documentTextLength } from '../../shared/editor/textLength.js';
import { FIRST_LOOK_ID, originalTextDocument } from '../../shared/protocol/pages.js';
import type { AppContext } from '../context.js';
import type { ClauseRow } from '../db/repositories/documents.js';
import { directionOfLanguage } from '../export/bidi.js';
import { clauseBlocks, type ExportBlock } from '../export/content.js';
import { inlineRuns } from '../export/htmlBlocks.js';
import { htmlEl as h, trusted, type Child } from '../export/xml.js';
import { documentKey, presentClauses } from '../presenters/document.js';
import { BuiltCache } from '../presenters/builtCache.js';
import { readableDocument } from '../queries/documents.js';
import { HttpError } from './errors.js';

/**
 * The first look at a document's page: its text as HTML in the page the server sends, which the browser draws
 * before any script has run (on a slow laptop, the page's scripts take a second more before the page draws its
 * own). Only the text, where the page will draw it: inert, hidden from assistive technology (the page itself
 * follows it, announced), replaced by the page as soon as the page is drawn (`client/main.ts`). Its own classes
 * (`first-look-…`), so that nothing looking for the page's clauses finds these. Rendered once per version of
 * the text, as the read is (`documentKey`), however many ask for it at once; each person's copy only says their
 * role (`lookFor`).
 */
const looks = new BuiltCache<string>(16 * 1024 * 1024, (html) => html.length * 2);

/** The longest text drawn in a first look, in characters: a long declaration is about 30,000. */
export const FIRST_LOOK_MAX_CHARS = 200_000;

/**
 * The first look for `actor` at the page `pathname` (with its query `search`): the original's text of the
 * document whose own page it is, when they may read it; null on any other page, for a language version (the
 * page reads that itself), or for a document they may not read or that does not exist (the page says why).
 */
export async function firstLook(
  ctx: AppContext,
  actor: Actor,
  pathname: string,
  search: string,
): Promise<string | null> {
  const id = originalTextDocument(pathname, search);
  if (!id) return null;
  let row;
  try {
    row = await readableDocument(ctx, actor, id);
  } catch (error) {
    if (error instanceof HttpError) return null;
    throw error;
  }
  const doc = (await ctx.registry.get(row.id))!;
  const rows = await ctx.store.documents.clauses(row.id);
  const key = documentKey(row, doc, rows, true);
  const look = await looks.get(key, () =>
    documentTextLength(doc) > FIRST_LOOK_MAX_CHARS ? TOO_LONG : lookAt(ctx, row.id, doc, rows),
  );
  return look === TOO_LONG ? null : lookFor(actor, look);
}

/**
 * The first look's element for `actor` around the text `look`: their role says how tall the page's headers above
 * the text will be (the actions each role has), which the styles leave room for.
 */
function lookFor(actor: Actor, look: string): string {
  const attributes = {
    id: FIRST_LOOK_ID,
    class: 'first-look',
    'data-role': actor.role,
    'aria-hidden': 'true',
    inert: '',
  };
  return h('div', attributes, trusted(look)).value;
}

/**
 * Kept for a version of a text far longer than a declaration, which is left to the page: sending it twice would
 * cost more than it saves.
 */
const TOO_LONG = '';

async function lookAt(ctx: AppContext, documentId: string, doc: Y.Doc, rows: Map<string, ClauseRow>): Promise<string> {
  const original = (await ctx.store.languages.forDocument(documentId)).find((l) => l.original)?.code ?? 'en';
  return renderFirstLook(presentClauses(doc, rows, true), original);
}

/**
 * The clauses as the page lays them out: the title, then each clause with its reference in the gutter; in the
 * original's language `lang` and its direction. The same for everyone who reads this version (`lookFor` puts
 * it in its element).
 */
export function renderFirstLook(clauses: readonly ClauseJson[], lang: string): string {
  return h(
    'div',
    { class: 'first-look-columns' },
    h('article', { class: 'first-look-text', lang, dir: directionOfLanguage(lang) }, ...clauses.map(lookClause)),
    h('div', null),
  ).value;
}

function lookClause(clause: ClauseJson): Child {
  const body = h('div', { class: 'first-look-body' }, ...blocksOf(clause));
  const title = clause.kind === 'title';
  return h(
    'div',
    { class: `first-look-clause k-${clause.kind}` },
    h('span', { class: 'first-look-ref' }, title || clause.kind === 'heading' ? '' : clause.ref),
    title ? h('h1', { class: 'first-look-title' }, body) : body,
  );
}

/** A clause's paragraphs and subparagraphs; their labels are drawn by the page's styles, as the page's are. */
function blocksOf(clause: ClauseJson): Child[] {
  let blocks: ExportBlock[];
  try {
    blocks = clause.content ? clauseBlocks(clauseFromJSON(clause.content)) : [];
  } catch {
    blocks = [];
  }
  if (blocks.length === 0) return clause.text.split('\n').map((line) => h('p', null, line));
  return blocks.map(block);
}

function block(b: ExportBlock): Child {
  if (b.type === 'paragraph') return h('p', null, ...inlineRuns(b.runs));
  return h(
    'ol',
    { class: 'subparagraphs' },
    ...b.items.map((item) =>
      h('li', null, h('p', null, ...inlineRuns(item.runs)), item.list ? block(item.list) : null),
    ),
  );
}

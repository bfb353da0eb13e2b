import { annexViews, type AnnexBlock, type AnnexView } from './annexes.js';
import type { ExportBlock, ExportList, ExportRun } from './content.js';
import { aknMeta, identification } from './aknMeta.js';
import type { ExportClause, ExportModel } from './model.js';
import { conclusionLine, isoDay } from './wording.js';
import { el, fragment, trusted, type Child, type Markup } from './xml.js';

/**
 * Akoma Ntoso 3.0 following the AKN4UN profile for deliberative documents: a `<statement>` whose preface
 * carries number, title, proponent, date and status; a `<preamble>` of one `<container>` per preambular
 * paragraph; a `<mainBody>` of numbered `<paragraph>`s with `<point>`s for subparagraphs; `<conclusions>`;
 * the annexes as `<attachments>`; the votes in `<meta><analysis><parliamentary>`. Valid against the OASIS
 * schema (`server/export/schemas/akomantoso30/akomantoso30.xsd`). This file writes the text; `aknMeta.ts` the
 * metadata block.
 */

const NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/** Inline content: italic opening phrases as `<i>`, strong text as `<b>`. */
function inline(runs: readonly ExportRun[]): Child[] {
  return runs.map((run) => {
    let content: Child = run.text;
    if (run.strong) content = el('b', null, content);
    if (run.em) content = el('i', null, content);
    return content;
  });
}

const p = (runs: readonly ExportRun[], attributes: Record<string, string> | null = null): Markup =>
  el('p', attributes, ...inline(runs));

/** Subparagraph lists as points: `para_2__point_a__point_i`. */
function points(list: ExportList, prefix: string): Markup[] {
  return list.items.map((item) => {
    const eId = `${prefix}__point_${item.label}`;
    const num = el('num', null, `(${item.label})`);
    return item.list
      ? el('point', { eId }, num, el('intro', null, p(item.runs)), points(item.list, eId))
      : el('point', { eId }, num, el('content', null, p(item.runs)));
  });
}

/**
 * The body of a hierarchical element. Plain text is `<content>`; with subparagraphs, the paragraphs before
 * the first list are the `<intro>`, those after the last the `<wrapUp>`, and any between two lists an
 * `<hcontainer name="continuation">`, since a hierarchy has no other place for them.
 */
function hierarchyBody(blocks: readonly ExportBlock[], prefix: string): Child[] {
  const lastList = blocks.map((b) => b.type).lastIndexOf('list');
  if (lastList < 0)
    return [
      el(
        'content',
        null,
        blocks.map((b) => (b.type === 'paragraph' ? p(b.runs) : null)),
      ),
    ];
  const firstList = blocks.findIndex((b) => b.type === 'list');
  const intro = blocks.slice(0, firstList).flatMap((b) => (b.type === 'paragraph' ? [p(b.runs)] : []));
  const wrapUp = blocks.slice(lastList + 1).flatMap((b) => (b.type === 'paragraph' ? [p(b.runs)] : []));
  let continuation = 0;
  const middle = blocks
    .slice(firstList, lastList + 1)
    .map((block) =>
      block.type === 'list'
        ? points(block, prefix)
        : el(
            'hcontainer',
            { eId: `${prefix}__hcontainer_${++continuation}`, name: 'continuation' },
            el('content', null, p(block.runs)),
          ),
    );
  return [intro.length ? el('intro', null, intro) : null, middle, wrapUp.length ? el('wrapUp', null, wrapUp) : null];
}

/** Blocks of a container (preamble, annex): paragraphs, and block lists for subparagraphs. */
function containerBlocks(blocks: readonly ExportBlock[], prefix: string): Child[] {
  let lists = 0;
  const blockList = (list: ExportList, eId: string): Markup =>
    el(
      'blockList',
      { eId },
      list.items.map((item) =>
        el(
          'item',
          { eId: `${eId}__item_${item.label}` },
          el('num', null, `(${item.label})`),
          p(item.runs),
          item.list ? blockList(item.list, `${eId}__item_${item.label}__list_1`) : null,
        ),
      ),
    );
  return blocks.map((block) =>
    block.type === 'paragraph' ? p(block.runs) : blockList(block, `${prefix}__list_${++lists}`),
  );
}

function heading(clause: ExportClause, eId: string): Markup {
  const text = clause.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.runs] : []));
  return el(
    'hcontainer',
    { eId, name: 'crossHeading' },
    el(
      'heading',
      null,
      text.flatMap((runs, i) => [i ? ' ' : null, ...inline(runs)]),
    ),
  );
}

/**
 * A clause whose version is not written yet is printed in the original's words: its element says so with
 * `class="untranslated"` and carries the original's `xml:lang`. Nothing for a translated clause.
 */
function untranslated(model: ExportModel, clause: ExportClause): Record<string, string> {
  return clause.untranslated ? { class: 'untranslated', 'xml:lang': model.originalLanguage } : {};
}

function preamble(model: ExportModel): Markup | null {
  if (!model.preamble.length) return null;
  let n = 0;
  return el(
    'preamble',
    null,
    model.preamble.map((clause) => {
      const eId = `preamble__container_${++n}`;
      const name = clause.kind === 'preamble' ? 'preambularParagraph' : 'crossHeading';
      return el(
        'container',
        { eId, name, refersTo: null, ...untranslated(model, clause) },
        containerBlocks(clause.blocks, eId),
      );
    }),
  );
}

function mainBody(model: ExportModel): Markup {
  let headings = 0;
  const children = model.operative.map((clause) => {
    if (clause.kind !== 'operative') return heading(clause, `hcontainer_${++headings}`);
    const eId = `para_${clause.number}`;
    return el(
      'paragraph',
      { eId, ...untranslated(model, clause) },
      el('num', null, `${clause.number}.`),
      hierarchyBody(clause.blocks, eId),
    );
  });
  // A body needs at least one element; an empty draft still validates.
  return el('mainBody', null, children.length ? children : el('p', null));
}

function annexBlock(block: AnnexBlock, prefix: string, index: number): Child {
  const eId = `${prefix}__${block.type}_${index}`;
  switch (block.type) {
    case 'paragraph':
      return p(block.runs);
    case 'subheading':
      return el('p', { class: 'subheading' }, el('b', null, block.text));
    case 'code':
      return el('p', null, el('inline', { name: block.name ?? 'sha256' }, block.text));
    case 'list':
      return el(
        'blockList',
        { eId },
        block.items.map((item, i) => el('item', { eId: `${eId}__item_${i + 1}` }, el('p', null, item))),
      );
    case 'text':
      return containerBlocks(block.blocks, eId);
    case 'table': {
      const row = (cells: string[], cell: 'th' | 'td', key?: string): Markup =>
        el(
          'tr',
          null,
          cells.map((text, i) =>
            el(
              cell,
              null,
              el(
                'p',
                null,
                i === 0 && key ? el('organization', { refersTo: `#deleg_${key.toLowerCase()}` }, text) : text,
              ),
            ),
          ),
        );
      return el(
        'table',
        { eId },
        row(block.header, 'th'),
        block.rows.map((cells, i) => row(cells, 'td', block.rowKeys?.[i])),
      );
    }
  }
}

function attachment(model: ExportModel, view: AnnexView, index: number): Markup {
  const eId = `att_${index + 1}`;
  return el(
    'attachment',
    { eId },
    el(
      'doc',
      {
        name: view.id === 'recorded-vote' || view.id === 'endorsements' || view.id === 'integrity' ? view.id : 'annex',
      },
      el('meta', null, identification(model, `!annex_${index + 1}`)),
      el(
        'preface',
        null,
        el('p', null, el('docNumber', null, view.label)),
        view.title ? el('p', null, el('docTitle', null, view.title)) : null,
      ),
      el(
        'mainBody',
        null,
        view.blocks.map((block, i) => annexBlock(block, eId, i + 1)),
      ),
    ),
  );
}

/** Renders the Akoma Ntoso XML. */
export function renderAkn(model: ExportModel): Buffer {
  const views = annexViews(model);
  const voteAnnex = views.findIndex((v) => v.id === 'recorded-vote');
  const day = isoDay(model.document.date);
  const status = model.draft ? 'draft' : 'adopted';

  const meta = aknMeta(model, voteAnnex >= 0 ? `att_${voteAnnex + 1}` : null);
  const preface = el(
    'preface',
    null,
    el('p', { class: 'docNumber' }, el('docNumber', null, model.document.symbol)),
    el('p', { class: 'docProponent' }, el('docProponent', { refersTo: '#proponent' }, model.proponent ?? 'Accord')),
    el('p', { class: 'docDate' }, el('docDate', { date: day }, model.dateText)),
    el('p', { class: 'docStatus' }, el('docStatus', { refersTo: `#${status}` }, model.draft ? 'Draft' : 'Adopted')),
    el('p', { class: 'docTitle' }, el('docTitle', null, model.title)),
  );
  const conclusions = el('conclusions', null, el('p', null, el('docDate', { date: day }, conclusionLine(model))));
  const statement = el(
    'statement',
    { name: 'declaration' },
    meta,
    preface,
    preamble(model),
    mainBody(model),
    conclusions,
    el(
      'attachments',
      null,
      views.map((view, i) => attachment(model, view, i)),
    ),
  );
  const xml = fragment(
    trusted('<?xml version="1.0" encoding="UTF-8"?>\n'),
    el('akomaNtoso', { xmlns: NAMESPACE }, statement),
    '\n',
  );
  return Buffer.from(xml.value, 'utf8');
}

import { annexViews, type AnnexBlock, type AnnexView } from './annexes.js';
import { inlineRuns, textBlocks } from './htmlBlocks.js';
import type { ExportClause, ExportModel } from './model.js';
import { exportWords } from './exportWords.js';
import { conclusionLine, isoDay, originalLine, untranslatedNote } from './wording.js';
import { fragment, htmlEl as h, trusted, type Child, type Markup } from './xml.js';

/**
 * The HTML: one self-contained, print-ready page. Accessible by construction — `lang`, one `<h1>`, headed
 * sections, real ordered lists whose labels are text (so "(a)" is read and copied as written), `dir="auto"`
 * on paragraphs for right-to-left passages — and inert: no script, no external resource, and a Content
 * Security Policy that would refuse both if anything slipped in.
 */

const STYLE = `
:root { color: #111; background: #fff; font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 12pt; line-height: 1.45; }
body { max-width: 42em; margin: 2em auto; padding: 0 1em; }
.masthead { display: grid; grid-template-columns: 1fr auto; gap: .2em 1em; border-bottom: 2px solid #111; padding-bottom: .4em; }
.masthead .symbol { font-weight: bold; font-size: 1.4em; text-align: right; margin: 0; }
.masthead p { margin: 0; }
.masthead .meta { grid-column: 2; text-align: right; font-size: .85em; }
.status { font-weight: bold; margin: 1em 0; }
.status.draft { color: #8a1c1c; }
h1 { font-size: 1.25em; margin: 1.5em 0 1em; }
h2 { font-size: 1.1em; margin: 1.5em 0 .5em; }
h3 { font-size: 1em; margin: 1.2em 0 .4em; }
.annex > h2 { text-align: center; }
.annex-title { display: block; }
p { margin: 0 0 .6em; text-align: justify; }
.preamble > p, .clause > p { text-indent: 2.5em; }
ol { list-style: none; margin: 0; padding: 0; }
ol.operative > li > p:first-of-type { text-indent: 2.5em; }
ol.subparagraphs { margin: 0 0 .6em 2.5em; }
ol.subparagraphs > li { display: grid; grid-template-columns: 2.5em 1fr; }
ol.subparagraphs > li > ol { grid-column: 2; }
.label { font-variant-numeric: tabular-nums; }
.conclusion { font-style: italic; margin-top: 1.5em; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #999; padding: .2em .6em; text-align: left; }
code { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 8em; font-weight: bold; color: rgba(0,0,0,.07); transform: rotate(-35deg); pointer-events: none; z-index: -1; }
@page { size: A4; margin: 2.5cm 2.5cm 2.5cm 2.5cm; }
@media print {
  :root { font-size: 11pt; }
  body { max-width: none; margin: 0; padding: 0; }
  .annex { break-before: page; }
  h1, h2, h3 { break-after: avoid; }
  li, tr { break-inside: avoid; }
  .watermark { position: fixed; }
}
`;

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'";

const anchor = (clause: ExportClause): string => clause.ref.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function headingOf(clause: ExportClause, level: 'h2' | 'h3'): Markup {
  const runs = clause.blocks.flatMap((b, i) =>
    b.type === 'paragraph' ? [...(i ? [{ text: ' ', em: false, strong: false }] : []), ...b.runs] : [],
  );
  return h(level, { id: anchor(clause), dir: 'auto' }, ...inlineRuns(runs));
}

/**
 * A clause not yet translated: its element is in the original's language (`lang`), and a note in the text's
 * language comes first. Nothing for a translated clause.
 */
function untranslated(model: ExportModel, clause: ExportClause): { attributes: Record<string, string>; note: Child } {
  if (!clause.untranslated) return { attributes: {}, note: null };
  return {
    attributes: { lang: model.originalLanguage, 'data-untranslated': 'true' },
    note: h('p', { class: 'untranslated-note', lang: model.language }, untranslatedNote(model)),
  };
}

function preamble(model: ExportModel): Markup | null {
  if (!model.preamble.length) return null;
  return h(
    'section',
    { class: 'preamble', 'aria-labelledby': 'preamble-heading' },
    h('h2', { id: 'preamble-heading', class: 'visually-hidden' }, 'Preamble'),
    model.preamble.map((clause) =>
      clause.kind === 'preamble'
        ? ((u) =>
            h('div', { class: 'clause', id: anchor(clause), ...u.attributes }, u.note, textBlocks(clause.blocks)))(
            untranslated(model, clause),
          )
        : headingOf(clause, 'h3'),
    ),
  );
}

/** Operative paragraphs as ordered lists; a heading closes one list and the next resumes the numbering. */
function operative(model: ExportModel): Markup | null {
  if (!model.operative.length) return null;
  const parts: Child[] = [h('h2', { id: 'operative-heading', class: 'visually-hidden' }, 'Operative paragraphs')];
  let items: Markup[] = [];
  let start: string | null = null;
  const flush = (): void => {
    if (items.length) parts.push(h('ol', { class: 'operative', start }, items));
    items = [];
    start = null;
  };
  for (const clause of model.operative) {
    if (clause.kind !== 'operative') {
      flush();
      parts.push(headingOf(clause, 'h3'));
      continue;
    }
    start ??= clause.number;
    // The number is text inside the first paragraph, as printed: "1. Affirms…".
    const [first, ...rest] = clause.blocks;
    const label = h('span', { class: 'label' }, `${clause.number}.`);
    const lead =
      first?.type === 'paragraph'
        ? h('p', { dir: 'auto' }, label, ' ', ...inlineRuns(first.runs))
        : h('p', null, label);
    const u = untranslated(model, clause);
    items.push(
      h(
        'li',
        { id: anchor(clause), value: clause.number, ...u.attributes },
        u.note,
        lead,
        textBlocks(first?.type === 'paragraph' ? rest : clause.blocks),
      ),
    );
  }
  flush();
  return h('section', { class: 'operative', 'aria-labelledby': 'operative-heading' }, parts);
}

function annexBlock(block: AnnexBlock): Child {
  switch (block.type) {
    case 'paragraph':
      return h('p', { dir: 'auto' }, ...inlineRuns(block.runs));
    case 'subheading':
      return h('h3', null, block.text);
    case 'code':
      return h('p', null, h('code', null, block.text));
    case 'list':
      return h(
        'ul',
        null,
        block.items.map((item) => h('li', { dir: 'auto' }, item)),
      );
    case 'text':
      return textBlocks(block.blocks);
    case 'table':
      return h(
        'table',
        null,
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            block.header.map((cell) => h('th', { scope: 'col' }, cell)),
          ),
        ),
        h(
          'tbody',
          null,
          block.rows.map((row) =>
            h(
              'tr',
              null,
              row.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', null, cell))),
            ),
          ),
        ),
      );
  }
}

function annex(view: AnnexView, index: number): Markup {
  // The annex's Roman number ("Annex II", "II қосымша"), else its position (Chinese numbers its annexes 一, 二).
  const number = /(?:^|\s)([IVXLCDM]+)(?:\s|$)/.exec(view.label)?.[1] ?? String(index + 1);
  const id = `annex-${number.toLowerCase()}`;
  return h(
    'section',
    { class: 'annex', id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, view.label, view.title ? h('span', { class: 'annex-title' }, view.title) : null),
    view.blocks.map(annexBlock),
  );
}

/** Renders the HTML page. */
export function renderHtml(model: ExportModel): Buffer {
  const words = exportWords(model.language);
  const englishStatus = `Draft${model.revision ? ` (${model.revision.name})` : ''} \u2014 not adopted`;
  const draftStatus = words.lang === 'en' ? englishStatus : words.draftStatus(model.revision?.name ?? null);
  const status = model.draft ? draftStatus : words.adoptedText;
  const page = h(
    'html',
    { lang: model.language },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('meta', { 'http-equiv': 'Content-Security-Policy', content: CSP }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { name: 'generator', content: 'Accord' }),
      h('meta', { name: 'dcterms.identifier', content: model.document.symbol }),
      h('meta', { name: 'accord.text-sha256', content: model.textSha256 }),
      h('meta', { name: 'accord.fingerprint', content: model.fingerprint }),
      h('title', null, `${model.document.symbol} \u2014 ${model.title}`),
      h('style', null, trusted(STYLE)),
    ),
    h(
      'body',
      null,
      model.draft ? h('div', { class: 'watermark', 'aria-hidden': 'true' }, 'DRAFT') : null,
      h(
        'header',
        { class: 'masthead' },
        h('p', { class: 'proponent' }, model.proponent ?? 'Accord'),
        h('p', { class: 'symbol' }, model.document.symbol),
        h('p', { class: 'meta' }, h('time', { datetime: isoDay(model.document.date) }, model.dateText)),
        h('p', { class: 'meta' }, originalLine(model)),
      ),
      h(
        'main',
        null,
        h('p', { class: model.draft ? 'status draft' : 'status' }, status),
        h('h1', { dir: 'auto' }, model.title),
        preamble(model),
        operative(model),
        h('p', { class: 'conclusion' }, conclusionLine(model)),
        annexViews(model).map((view, index) => annex(view, index)),
      ),
    ),
  );
  return Buffer.from(fragment(trusted('<!DOCTYPE html>\n'), page, '\n').value, 'utf8');
}

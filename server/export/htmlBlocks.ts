import type { ExportBlock, ExportList, ExportRun } from './content.js';
import { htmlEl as h, type Child, type Markup } from './xml.js';

/**
 * A clause's text as HTML, shared by the HTML export and the public gallery's page: runs with their emphasis,
 * paragraphs, and (a)/(i) subparagraphs with their labels in a column of their own. Text only reaches the
 * markup through the escaping builder.
 */

/** The layout the subparagraphs need: the label in its column, the text beside it, nested lists under the text. */
export const SUBPARAGRAPH_CSS = `ol.subparagraphs { list-style: none; padding: 0; margin: 0 0 .6em 2.5em; }
ol.subparagraphs > li { display: grid; grid-template-columns: 2.5em 1fr; }
ol.subparagraphs > li > ol { grid-column: 2; }
.label { font-variant-numeric: tabular-nums; }`;

/** Runs of text with their emphasis. */
export function inlineRuns(runs: readonly ExportRun[]): Child[] {
  return runs.map((run) => {
    let content: Child = run.text;
    if (run.strong) content = h('strong', null, content);
    if (run.em) content = h('em', null, content);
    return content;
  });
}

/** A list of (a)/(i) subparagraphs, nested lists inside their item. */
export function subparagraphList(list: ExportList): Markup {
  return h(
    'ol',
    { class: 'subparagraphs' },
    list.items.map((item) =>
      h(
        'li',
        null,
        h('span', { class: 'label' }, `(${item.label})`),
        h('p', { dir: 'auto' }, ...inlineRuns(item.runs)),
        item.list ? subparagraphList(item.list) : null,
      ),
    ),
  );
}

/** A clause's blocks: its paragraphs and subparagraph lists, in order. */
export function textBlocks(content: readonly ExportBlock[]): Child[] {
  return content.map((block) =>
    block.type === 'paragraph' ? h('p', { dir: 'auto' }, ...inlineRuns(block.runs)) : subparagraphList(block),
  );
}

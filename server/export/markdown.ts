import { annexViews, type AnnexBlock } from './annexes.js';
import { flattenBlocks, type ExportBlock, type ExportRun } from './content.js';
import type { ExportClause, ExportModel } from './model.js';
import { conclusionLine, originalLine, untranslatedNote } from './wording.js';

/**
 * The Markdown (CommonMark): readable as plain text, and safe to render. Every character that Markdown or
 * embedded HTML would interpret is backslash-escaped, so a clause reading `<img onerror=…>` renders as those
 * characters and never as an element; unescaping gives the exact text back.
 */

/**
 * Escapes text for CommonMark: the characters that open emphasis, code, links, HTML, entities, tables or
 * strikethrough anywhere, and the markers that start a heading, quote or list at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/, '$1$2\\$3');
}

/** Runs with emphasis: `*…*` for italics, `**…**` for strong; spaces stay outside the markers. */
function inline(runs: readonly ExportRun[]): string {
  return runs
    .map((run) => {
      const marker = (run.em ? '*' : '') + (run.strong ? '**' : '');
      const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)!;
      const [, lead, core, trail] = match as unknown as [string, string, string, string];
      if (!marker || core === '') return escapeMarkdown(run.text);
      return `${lead}${marker}${escapeMarkdown(core)}${[...marker].reverse().join('')}${trail}`;
    })
    .join('');
}

/** Subparagraphs as nested bullet items carrying their derived label, so "(a)" survives any renderer. */
function blocks(content: readonly ExportBlock[], indent = ''): string[] {
  return flattenBlocks(content).map((p) =>
    p.label === null
      ? `${indent}${inline(p.runs)}`
      : `${indent}${'  '.repeat(p.depth)}- (${p.label}) ${inline(p.runs)}`,
  );
}

function clause(clause: ExportClause): string {
  if (clause.kind === 'heading' || clause.kind === 'title') return `### ${blocks(clause.blocks).join(' ')}`;
  if (clause.kind !== 'operative')
    return blocks(clause.blocks)
      .join('\n\n')
      .replace(/\n\n(?=\s*- )/g, '\n');
  const [first, ...rest] = blocks(clause.blocks);
  // Explicit numbers, escaped as text: they are derived labels, not Markdown list numbering.
  return [`${clause.number}\\. ${first ?? ''}`, ...rest].join('\n\n').replace(/\n\n(?=\s*- )/g, '\n');
}

function annexBlock(block: AnnexBlock): string {
  switch (block.type) {
    case 'paragraph':
      return inline(block.runs);
    case 'subheading':
      return `### ${escapeMarkdown(block.text)}`;
    case 'code':
      return `\`${block.text}\``;
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
    case 'text':
      return blocks(block.blocks)
        .join('\n\n')
        .replace(/\n\n(?=\s*- )/g, '\n');
    case 'table': {
      const row = (cells: string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
      return [row(block.header), `|${block.header.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
    }
  }
}

/** Renders the Markdown. */
export function renderMarkdown(model: ExportModel): Buffer {
  const parts: string[] = [
    `# ${escapeMarkdown(model.title)}`,
    [
      `**${escapeMarkdown(model.document.symbol)}**  `,
      `${escapeMarkdown(model.proponent ?? 'Accord')}  `,
      `${model.dateText}  `,
      escapeMarkdown(originalLine(model)),
    ].join('\n'),
  ];
  if (model.draft)
    parts.push(`> **DRAFT**${model.revision ? ` (${escapeMarkdown(model.revision.name)})` : ''} \u2014 not adopted`);
  for (const c of [...model.preamble, ...model.operative]) {
    if (c.untranslated) parts.push(`*${escapeMarkdown(untranslatedNote(model))}*`);
    parts.push(clause(c));
  }
  parts.push(`*${escapeMarkdown(conclusionLine(model))}*`);
  for (const view of annexViews(model)) {
    parts.push(`## ${escapeMarkdown(view.label)}${view.title ? ` \u2014 ${escapeMarkdown(view.title)}` : ''}`);
    parts.push(...view.blocks.map(annexBlock));
  }
  return Buffer.from(`${parts.join('\n\n')}\n`, 'utf8');
}

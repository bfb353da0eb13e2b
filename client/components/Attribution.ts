import type { AttributionAuthor, AttributionResponse } from '../../shared/api/revisions.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { delegationTag, nt } from './negotiationKit.js';

/**
 * A stable, readable colour per author: light backgrounds (dark text stays above 7:1) spread around the hue
 * circle by a hash of the delegation code, so a delegation keeps its colour on every clause and every visit.
 */
export function authorColour(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = (hash * 137.508) % 360;
  return `hsl(${hue.toFixed(0)} 75% 86%)`;
}

function authorLabel(author: AttributionAuthor): HTMLElement | string {
  if (author.delegation) return delegationTag(author.delegation);
  if (author.role) return t(`roles.${author.role}`);
  return nt('attribution.unknown');
}

/**
 * Who wrote what in one clause: each run of text on the colour of its author, with the author also in a
 * tooltip and for screen readers, and a legend. Text older than the chosen revision stays uncoloured.
 */
export function Attribution(data: AttributionResponse): HTMLElement {
  const byKey = new Map(data.authors.map((a) => [a.key, a]));
  const text = h(
    'div',
    { class: 'attribution-text' },
    data.blocks.map((block) =>
      h(
        'p',
        { class: 'attribution-block', style: { paddingLeft: `${block.depth * 2}rem` } },
        block.label ? h('span', { class: 'sub-label' }, `${block.label} `) : null,
        block.runs.map((run) => {
          if (!run.author) return h('span', { class: 'run run-old' }, run.text);
          const author = byKey.get(run.author);
          const name =
            author?.delegation ?? (author?.role ? (t(`roles.${author.role}`) as unknown as string) : run.author);
          return h(
            'span',
            {
              class: 'run',
              'data-author': run.author,
              title: name,
              style: { backgroundColor: authorColour(run.author) },
            },
            h('span', { class: 'visually-hidden' }, `[${name}] `),
            run.text,
          );
        }),
      ),
    ),
  );
  const legend = h(
    'ul',
    { class: 'attribution-legend', 'aria-label': nt('attribution.legend') },
    data.authors.map((a) =>
      h(
        'li',
        { 'data-author': a.key },
        h('span', { class: 'swatch', style: { backgroundColor: authorColour(a.key) }, 'aria-hidden': 'true' }),
        ' ',
        authorLabel(a),
      ),
    ),
    data.since
      ? h(
          'li',
          null,
          h('span', { class: 'swatch swatch-old', 'aria-hidden': 'true' }),
          ' ',
          nt('attribution.before', { name: data.since.name }),
        )
      : null,
  );
  return h('div', { class: 'attribution' }, legend, text);
}

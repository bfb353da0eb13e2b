// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderClauseContent } from '../components/ClauseContent.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import { boardGrid, hangSubparagraphLabels } from './projectorFit.js';

describe('boardGrid', () => {
  it.each([
    // 40 delegations on the board's box at 1920×1080 and at 1280×720: the same shape, 6 × 7.
    [40, 1843, 820, { cols: 6, rows: 7 }],
    [40, 1229, 547, { cols: 6, rows: 7 }],
    [1, 1843, 820, { cols: 1, rows: 1 }],
    [0, 1843, 820, { cols: 1, rows: 1 }],
    // A tall, narrow box stacks the tiles.
    [6, 300, 900, { cols: 1, rows: 6 }],
  ])('%i tiles in %i × %i: %o', (count, width, height, grid) => {
    expect(boardGrid(count, width, height)).toEqual(grid);
  });

  it('always has room for every tile', () => {
    for (let count = 1; count <= 200; count++) {
      const { cols, rows } = boardGrid(count, 1600, 700);
      expect(cols * rows).toBeGreaterThanOrEqual(count);
      expect(cols * (rows - 1)).toBeLessThan(count);
    }
  });
});

describe('hangSubparagraphLabels', () => {
  const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  const list = (...items: unknown[][]) => ({
    type: 'subparagraphs',
    content: items.map((content) => ({ type: 'subparagraph', content })),
  });

  it('labels each subparagraph (a), (b), and those within (i), (ii), before their text', () => {
    const content = renderClauseContent(
      {
        type: 'doc',
        content: [
          para('Adopts:'),
          list([para('For States:'), list([para('one;')], [para('two;')])], [para('For all.')]),
        ],
      } as unknown as ClauseJSON,
      '',
    );
    hangSubparagraphLabels(content);
    const labels = [...content.querySelectorAll('.projector-sub-label')].map((l) => l.textContent);
    expect(labels).toEqual(['(a)', '(i)', '(ii)', '(b)']);
    for (const label of content.querySelectorAll('.projector-sub-label')) {
      expect(label.parentElement!.tagName).toBe('LI');
      expect(label.nextElementSibling!.tagName).toBe('P');
    }
    expect(content.classList.contains('labels-hung')).toBe(true);
  });
});

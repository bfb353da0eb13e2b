import { DOMSerializer } from 'prosemirror-model';
import { clauseFromJSON, clauseSchema, type ClauseJSON } from '../../shared/editor/schema.js';
import { h } from '../dom.js';

const serializer = DOMSerializer.fromSchema(clauseSchema);

/**
 * Read-only rendering of a clause's rich content through the shared schema: only the schema's nodes and
 * marks can appear, text is always text, and subparagraph labels (a)/(i) come from CSS counters.
 */
export function renderClauseContent(content: ClauseJSON | undefined, fallbackText: string): HTMLElement {
  const box = h('div', { class: 'clause-content' });
  if (!content) {
    for (const line of fallbackText.split('\n')) box.append(h('p', null, line));
    return box;
  }
  try {
    box.append(serializer.serializeFragment(clauseFromJSON(content).content, { document }));
  } catch {
    for (const line of fallbackText.split('\n')) box.append(h('p', null, line));
  }
  return box;
}

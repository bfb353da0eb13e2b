import { DOMSerializer } from 'prosemirror-model';
import { clauseFromJSON, clauseSchema, type ClauseJSON } from '../../shared/editor/schema.js';

const serializer = DOMSerializer.fromSchema(clauseSchema);

/**
 * Read-only rendering of a clause's rich content through the shared schema: only the schema's nodes and
 * marks can appear, text is always text, and subparagraph labels (a)/(i) come from CSS counters.
 */
export function renderClauseContent(content: ClauseJSON | undefined, fallbackText: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'clause-content';
  const plain = (): void => {
    for (const line of fallbackText.split('\n'))
      box.append(Object.assign(document.createElement('p'), { textContent: line }));
  };
  if (!content) {
    plain();
    return box;
  }
  try {
    box.append(serializer.serializeFragment(clauseFromJSON(content).content, { document }));
  } catch {
    plain();
  }
  return box;
}

import * as Y from 'yjs';
import { defaultDeleteFilter, defaultProtectedNodes, ySyncPluginKey } from 'y-prosemirror';

/** Events y-prosemirror's undo plugin listens to, once per editor it is given to. */
const EDITOR_EVENTS = ['stack-item-added', 'stack-item-popped'] as const;

/**
 * One person's undo history of one clause, lasting as long as the document's live copy. The document page
 * is rebuilt when a stage or a clause status changes, or a clause is inserted, and its editors with it;
 * what the person typed before stays undoable. The options are y-prosemirror's own: this person's edits
 * through the editor, paragraphs protected from deletion, transactions marked `addToHistory: false` left out.
 * The undo plugin destroys its manager with the editor: here that only drops that editor's listeners, and
 * `dispose()` ends the history.
 */
export class ClauseUndoHistory extends Y.UndoManager {
  constructor(fragment: Y.XmlFragment) {
    super(fragment, {
      trackedOrigins: new Set([ySyncPluginKey]),
      deleteFilter: (item) => defaultDeleteFilter(item, defaultProtectedNodes),
      captureTransaction: (tr) => tr.meta.get('addToHistory') !== false,
    });
  }

  override destroy(): void {
    for (const event of EDITOR_EVENTS) this._observers.get(event)?.clear();
  }

  dispose(): void {
    super.destroy();
  }
}

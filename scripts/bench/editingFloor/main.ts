/**
 * The editing stack alone, for the document page bench's floor: the declaration's live copy (Yjs over the
 * stock y-websocket client, on Accord's collab door) drawn as the document page draws it, each clause's text
 * from the synced copy, and a clause becoming a ProseMirror editor bound by y-prosemirror when the pointer is
 * pressed on it. No sign-in check, strings, header, panels or negotiation: what any page editing this
 * document with these libraries must load and do before it is usable. It marks itself as the real page does
 * (`data-live-text`, `clause-content`, `clause-live`, `clause-editor`), so the bench watches both alike.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { DOMSerializer } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { ySyncPlugin } from 'y-prosemirror';
import { clauseSchema } from '../../../shared/editor/schema.js';
import { clauseOrder, getClauseFragment, readClause } from '../../../shared/editor/ydoc.js';
import { collabBaseUrl } from '../../../client/api/earlyCollab.js';

const documentId = new URLSearchParams(location.search).get('document') ?? 'almaty-declaration';
const doc = new Y.Doc();
const provider = new WebsocketProvider(collabBaseUrl(), documentId, doc, { disableBc: true });
const page = document.querySelector<HTMLElement>('.document-page')!;
const serializer = DOMSerializer.fromSchema(clauseSchema);

/**
 * The clause's text from the copy, drawn as the page draws it without an editor (`client/editor/liveText.ts`),
 * until the pointer is pressed on it; then its editor, focused.
 */
function drawClause(clauseId: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'clause-content clause-live';
  el.setAttribute('role', 'textbox');
  el.append(serializer.serializeFragment(readClause(doc, clauseId).content, { document }));
  el.addEventListener(
    'pointerdown',
    (event) => {
      // As the page does: the editor places the focus, not the browser on the text it is about to replace.
      event.preventDefault();
      el.replaceChildren();
      const view = new EditorView(el, {
        state: EditorState.create({ schema: clauseSchema, plugins: [ySyncPlugin(getClauseFragment(doc, clauseId))] }),
      });
      el.classList.replace('clause-live', 'clause-editor');
      view.focus();
    },
    { once: true },
  );
  return el;
}

provider.once('sync', () => {
  page.replaceChildren(...clauseOrder(doc).map(drawClause));
  page.dataset.liveText = 'synced';
});

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
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { ySyncPlugin } from 'y-prosemirror';
import { clauseSchema } from '../../../shared/editor/schema.js';
import { CLAUSE_PREFIX } from '../../../shared/editor/ydoc.js';
import { COLLAB_PATH } from '../../../shared/protocol/collab.js';

const documentId = new URLSearchParams(location.search).get('document') ?? 'almaty-declaration';
const doc = new Y.Doc();
const provider = new WebsocketProvider(`ws://${location.host}${COLLAB_PATH}`, documentId, doc, { disableBc: true });
const page = document.querySelector<HTMLElement>('.document-page')!;

/** The clause's text, drawn read-only until the pointer is pressed on it; then its editor, focused. */
function drawClause(fragment: Y.XmlFragment): HTMLElement {
  const el = document.createElement('div');
  el.className = 'clause-content clause-live';
  el.setAttribute('role', 'textbox');
  for (const node of fragment.toArray()) {
    const p = document.createElement('p');
    p.textContent = node instanceof Y.XmlElement || node instanceof Y.XmlText ? textOf(node) : '';
    el.append(p);
  }
  el.addEventListener(
    'mousedown',
    (event) => {
      // The press's own focusing would look for the text just replaced and focus nothing: the editor takes it.
      event.preventDefault();
      el.replaceChildren();
      const view = new EditorView(el, {
        state: EditorState.create({ schema: clauseSchema, plugins: [ySyncPlugin(fragment)] }),
      });
      el.classList.replace('clause-live', 'clause-editor');
      view.focus();
    },
    { once: true },
  );
  return el;
}

function textOf(node: Y.XmlElement | Y.XmlText): string {
  if (node instanceof Y.XmlText) return node.toString().replace(/<[^>]*>/g, '');
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? textOf(child) : ''))
    .join('');
}

provider.once('sync', () => {
  const clauses = [...doc.share.keys()].filter(
    (key) => key.startsWith(CLAUSE_PREFIX) && !key.includes('/', CLAUSE_PREFIX.length),
  );
  page.replaceChildren(...clauses.map((key) => drawClause(doc.getXmlFragment(key))));
  page.dataset.liveText = 'synced';
});

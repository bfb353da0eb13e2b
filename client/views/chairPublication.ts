import type { PublicationJson } from '../../shared/api/gallery.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { actionError, bindAction, refreshControls } from '../components/actionControls.js';
import { onDocumentEvents } from '../components/documentEvents.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';

const ACTION = 'publish';

/**
 * The chair's switch "Publish to the public gallery" (a checkbox drawn as a switch: `role="switch"`), and,
 * while the document is public, the link to its page at `/public/<id>` that anyone may open without an
 * account. The state comes from the server and follows `document:publication`, so two chairs' consoles agree.
 */
export function PublicationSwitch(o: { actions: Actions; documentId: string }): {
  el: HTMLElement;
  destroy(): void;
} {
  const { actions, documentId } = o;
  let state: PublicationJson | null = null;
  const input = h('input', {
    type: 'checkbox',
    role: 'switch',
    id: 'publish-switch',
    onchange: () => void toggle(),
  }) as HTMLInputElement;
  bindAction(actions, ACTION, input, () => state === null);
  const link = h(
    'a',
    { class: 'action-link', href: `/public/${encodeURIComponent(documentId)}`, target: '_blank', rel: 'noopener' },
    t('gallery:open'),
  );
  const el = h(
    'div',
    { class: 'publication' },
    h('label', { class: 'switch', for: 'publish-switch' }, input, ' ', t('gallery:publish')),
    link,
    actionError(actions, ACTION),
  );
  const show = (next: PublicationJson): void => {
    state = next;
    input.checked = next.public;
    link.hidden = !next.public;
    refreshControls(actions);
  };
  async function toggle(): Promise<void> {
    const wanted = input.checked;
    const done = await actions.run(ACTION, async (send) =>
      show(await send.call(ROUTES.publish, { params: { id: documentId }, body: { public: wanted } })),
    );
    if (done === false && state) show(state);
  }
  link.hidden = true;
  void call(ROUTES.publication, { params: { id: documentId } }).then(show, () => undefined);
  const unfollow = onDocumentEvents(documentId, { 'document:publication': show });
  return { el, destroy: unfollow };
}

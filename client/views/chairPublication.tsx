import { useEffect, useState } from 'preact/hooks';
import type { PublicationJson } from '../../shared/api/gallery.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { ActionError, useActions } from '../components/actionHooks.js';
import { onDocumentEvents } from '../components/documentEvents.js';
import { t } from '../i18n/index.js';

const ACTION = 'publish';

/**
 * The chair's switch "Publish to the public gallery" (a checkbox drawn as a switch: `role="switch"`), and,
 * while the document is public, the link to its page at `/public/<id>` that anyone may open without an
 * account. The state comes from the server and follows `document:publication` (the console already follows
 * the document), so two chairs' consoles agree.
 */
export function PublicationSwitch({ actions, documentId }: { actions: Actions; documentId: string }) {
  const [state, setState] = useState<PublicationJson | null>(null);
  const { busy } = useActions(actions, ACTION);
  useEffect(() => {
    void call(ROUTES.publication, { params: { id: documentId } }).then(setState, () => undefined);
    return onDocumentEvents(documentId, { 'document:publication': setState });
  }, [documentId]);
  const toggle = (e: Event): void => {
    const input = e.currentTarget as HTMLInputElement;
    const wanted = input.checked;
    void actions
      .run(ACTION, async (send) =>
        setState(await send.call(ROUTES.publish, { params: { id: documentId }, body: { public: wanted } })),
      )
      // Refused: the switch shows the state as it stands.
      .then((done) => {
        if (done === false) input.checked = state?.public ?? false;
      });
  };
  return (
    <div class="publication">
      <label class="switch" for="publish-switch">
        <input
          type="checkbox"
          role="switch"
          id="publish-switch"
          checked={state?.public ?? false}
          disabled={busy || state === null}
          onChange={toggle}
        />{' '}
        {t('gallery:publish')}
      </label>
      {/* Only while public (a hidden attribute would lose to the link's own display). */}
      {state?.public ? (
        <a class="action-link" href={`/public/${encodeURIComponent(documentId)}`} target="_blank" rel="noopener">
          {t('gallery:open')}
        </a>
      ) : null}
      <ActionError actions={actions} names={ACTION} />
    </div>
  );
}

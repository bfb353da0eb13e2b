import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { mountView } from '../components/bridge.js';

/** What an address that names nothing shows: the words, and the way home. */
export function NotFound() {
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('common.home')}</a>
      </p>
    </section>
  );
}

export function NotFoundView(): View {
  return mountView(t('notFound.title'), <NotFound />);
}

/** Why a view's data could not load (no stack traces), and a way to retry. */
export function LoadFailed({ message, retry }: { message: string; retry: () => void }) {
  return (
    <section role="alert">
      <p>{message}</p>
      <button type="button" onClick={retry}>
        {t('common.retry')}
      </button>
    </section>
  );
}

/** Shown in place of a view whose data could not load. */
export function ErrorView(message: string, retry: () => void): View {
  return mountView(t('errors.unexpected'), <LoadFailed message={message} retry={retry} />);
}

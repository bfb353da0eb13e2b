import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';

export function NotFoundView(): View {
  return {
    title: t('notFound.title'),
    el: h(
      'section',
      null,
      h('h1', null, t('notFound.title')),
      h('p', null, t('notFound.body')),
      h('p', null, h('a', { href: '/' }, t('common.home'))),
    ),
  };
}

/** Shown in place of a view whose data could not load; no stack traces, a way to retry. */
export function ErrorView(message: string, retry: () => void): View {
  return {
    title: t('errors.unexpected'),
    el: h(
      'section',
      { role: 'alert' },
      h('p', null, message),
      h('button', { type: 'button', onclick: retry }, t('common.retry')),
    ),
  };
}

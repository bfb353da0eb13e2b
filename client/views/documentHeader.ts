import type { DocumentJson } from '../../shared/api/documents.js';
import { STAGES } from '../../shared/domain/stages.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { showShortcuts } from './documentKeys.js';

/** The header's slots that features fill: the people here, the role's actions, the tools under the bar. */
export interface HeaderSlots {
  element: HTMLElement;
  presence: HTMLElement;
  actions: HTMLElement;
  toolbar: HTMLElement;
}

/**
 * The stage as a stepper: the four stages in order, the current one marked (`aria-current="step"`), those
 * behind it marked done. Read-only here; the chair moves stages from the console.
 */
export function stageSteps(stage: DocumentJson['stage']): HTMLElement {
  const at = STAGES.indexOf(stage);
  return h(
    'ol',
    { class: 'stage-steps', 'aria-label': t('document.stageLabel'), 'data-stage': stage },
    STAGES.map((s, i) =>
      h(
        'li',
        {
          class: `stage-step${i < at ? ' done' : ''}${i === at ? ' current' : ''}`,
          'data-step': s,
          'aria-current': i === at ? 'step' : null,
        },
        h('span', { class: 'step-name' }, t(`document.stage.${s}`)),
      ),
    ),
  );
}

/**
 * The document page's one sticky header, in place of the rows that stood above the first clause: the way
 * back, the symbol and title, the stage stepper, who is here, and the actions this person has (features add
 * them). Under it, the tools: the status summary, the chair's banner, and the formatting toolbar while
 * someone edits.
 */
export function documentHeader(data: DocumentJson): HeaderSlots {
  const presence = h('div', { class: 'document-presence' });
  const actions = h('nav', { class: 'document-actions', 'aria-label': t('document.actions') });
  const toolbar = h('div', { class: 'document-toolbar' });
  const element = h(
    'header',
    { class: 'document-header' },
    h(
      'div',
      { class: 'document-bar' },
      h(
        'a',
        { class: 'back-link', href: '/', title: t('document.backToList') },
        h('span', { 'aria-hidden': 'true' }, '←'),
        h('span', { class: 'visually-hidden' }, t('document.backToList')),
      ),
      h(
        'p',
        { class: 'document-meta' },
        h('span', { class: 'symbol' }, data.symbol),
        h('span', { class: 'document-name' }, data.title),
        data.metadata.demo
          ? h('span', { class: 'demo-note', title: String(data.metadata.note ?? '') }, t('document.demoNote'))
          : null,
      ),
      stageSteps(data.stage),
      actions,
      h(
        'button',
        {
          type: 'button',
          class: 'btn-quiet shortcuts-button',
          'aria-keyshortcuts': '?',
          title: t('shortcuts.title'),
          onclick: () => showShortcuts(),
        },
        h('span', { 'aria-hidden': 'true' }, '?'),
        h('span', { class: 'visually-hidden' }, t('shortcuts.title')),
      ),
    ),
    h('div', { class: 'document-sub' }, presence, toolbar),
  );
  return { element, presence, actions, toolbar };
}

/**
 * Keeps `--header-h` on `page` at the sticky header's height, so the side sheet and scrolled-to clauses sit
 * under it however many rows it wraps to. Returns the function that stops measuring.
 */
export function trackHeaderHeight(header: HTMLElement, page: HTMLElement): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver(() => page.style.setProperty('--header-h', `${header.offsetHeight}px`));
  observer.observe(header);
  return () => observer.disconnect();
}

import type { ComponentChildren, ComponentType, RefObject } from 'preact';
import type { DocumentJson } from '../../shared/api/documents.js';
import { STAGES } from '../../shared/domain/stages.js';
import { t } from '../i18n/index.js';
import { showShortcuts } from './documentKeys.js';
import type { DocumentPageProps } from './documentExtensions.js';

/**
 * The stage as a stepper: the four stages in order, the current one marked (`aria-current="step"`), those
 * behind it marked done. Read-only here; the chair moves stages from the console.
 */
export function StageSteps({ stage }: { stage: DocumentJson['stage'] }) {
  const at = STAGES.indexOf(stage);
  return (
    <ol class="stage-steps" aria-label={t('document.stageLabel')} data-stage={stage}>
      {STAGES.map((s, i) => (
        <li
          key={s}
          class={`stage-step${i < at ? ' done' : ''}${i === at ? ' current' : ''}`}
          data-step={s}
          aria-current={i === at ? 'step' : undefined}
        >
          <span class="step-name">{t(`document.stage.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The features' components for one place of the page, in the order the features registered, in a host laid
 * out as if absent: what element-drawing features add to the same place goes after it, untouched by Preact.
 */
export function Parts<P extends object>({ of, props }: { of: (ComponentType<P> | undefined)[]; props: P }) {
  const shown = of.filter((part): part is ComponentType<P> => part !== undefined);
  if (shown.length === 0) return null;
  return (
    <span class="mount">
      {shown.map((Part, i) => (
        <Part key={i} {...props} />
      ))}
    </span>
  );
}

/** The header's elements that element-drawing features fill (see `DocumentPage`). */
export interface HeaderSlots {
  header: RefObject<HTMLElement | null>;
  presence: RefObject<HTMLDivElement | null>;
  actions: RefObject<HTMLElement | null>;
  toolbar: RefObject<HTMLDivElement | null>;
}

export interface DocumentHeaderProps {
  page: DocumentPageProps;
  /** The features' header actions and tools. */
  actions: (ComponentType<{ page: DocumentPageProps }> | undefined)[];
  toolbar: (ComponentType<{ page: DocumentPageProps }> | undefined)[];
  /** The page's own tools, first under the bar (the language switch). */
  tools: ComponentChildren;
  slots: HeaderSlots;
}

/**
 * The document page's one sticky header, in place of the rows that stood above the first clause: the way
 * back, the symbol and title, the stage stepper, who is here, and the actions this person has (features add
 * them). Under it, the tools: the language switch, the chair's banner, the floor, and the formatting toolbar
 * while someone edits.
 */
export function DocumentHeader({ page, actions, toolbar, tools, slots }: DocumentHeaderProps) {
  const { data } = page;
  const props = { page };
  return (
    <header class="document-header" ref={slots.header}>
      <div class="document-bar">
        <a class="back-link" href="/" title={t('document.backToList')}>
          <span aria-hidden="true">←</span>
          <span class="visually-hidden">{t('document.backToList')}</span>
        </a>
        <p class="document-meta">
          <span class="symbol">{data.symbol}</span>
          <span class="document-name">{data.title}</span>
          {data.metadata.demo ? (
            <span class="demo-note" title={String(data.metadata.note ?? '')}>
              {t('document.demoNote')}
            </span>
          ) : null}
        </p>
        <StageSteps stage={data.stage} />
        <nav class="document-actions" aria-label={t('document.actions')} ref={slots.actions}>
          <Parts of={actions} props={props} />
        </nav>
        <button
          type="button"
          class="btn-quiet shortcuts-button"
          aria-keyshortcuts="?"
          title={t('shortcuts.title')}
          onClick={() => showShortcuts()}
        >
          <span aria-hidden="true">?</span>
          <span class="visually-hidden">{t('shortcuts.title')}</span>
        </button>
      </div>
      <div class="document-sub">
        <div class="document-presence" ref={slots.presence} />
        <div class="document-toolbar" ref={slots.toolbar}>
          <span class="mount">
            {tools}
            <Parts of={toolbar} props={props} />
          </span>
        </div>
      </div>
    </header>
  );
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

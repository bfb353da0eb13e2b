import type { ComponentChildren, ComponentType, RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { DocumentJson } from '../../shared/api/documents.js';
import { STAGES } from '../../shared/domain/stages.js';
import { t } from '../i18n/index.js';
import { showShortcuts } from './documentKeys.js';
import { documentExtensions, type DocumentPageProps } from './documentExtensions.js';

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

/** The header's element, whose height the page follows (`trackHeaderHeight`). */
export interface HeaderSlots {
  header: RefObject<HTMLElement | null>;
}

export interface DocumentHeaderProps {
  page: DocumentPageProps;
  /** The features' header actions and tools. */
  actions: (ComponentType<{ page: DocumentPageProps }> | undefined)[];
  /** The features' "who is here"; by default those registered (`DocumentParts.presence`). */
  presence?: (ComponentType<{ page: DocumentPageProps }> | undefined)[];
  toolbar: (ComponentType<{ page: DocumentPageProps }> | undefined)[];
  /** The page's own tools, first under the bar (the language switch). */
  tools: ComponentChildren;
  slots: HeaderSlots;
}

/** The element of the header's tools, which the button folding them names. */
const TOOLS_ID = 'document-tools';

/**
 * The document page's one sticky header, in place of the rows that stood above the first clause: the way
 * back, the symbol and title, the stage stepper, who is here, and the actions this person has (features add
 * them). Under it, the tools: the language switch, the chair's banner, the floor, and the formatting toolbar
 * while someone edits. Where the header scrolls away with the text (phones, tablets), the settings among the
 * tools (the language switch, following the chair, the counts, the editing mode) fold under "View options",
 * so that the text starts on the first screen; what the room says (a vote open, the floor, why the text is
 * read-only, an error) and the formatting tools stay.
 */
export function DocumentHeader(props: DocumentHeaderProps) {
  const { page, actions, toolbar, tools, slots } = props;
  const presence = props.presence ?? documentExtensions.parts.map((p) => p.presence);
  const [options, setOptions] = useState(false);
  const { data } = page;
  const partProps = { page };
  return (
    <header class="document-header" ref={slots.header} data-options={options ? 'open' : 'folded'}>
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
        <div class="document-presence">
          <Parts of={presence} props={partProps} />
        </div>
        <nav class="document-actions" aria-label={t('document.actions')}>
          <Parts of={actions} props={partProps} />
        </nav>
        <button
          type="button"
          class="btn-quiet view-options-button"
          aria-expanded={options}
          aria-controls={TOOLS_ID}
          onClick={() => setOptions(!options)}
        >
          {t('document.viewOptions')}
        </button>
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
      <div class="document-sub" id={TOOLS_ID}>
        <div class="document-toolbar">
          <span class="mount">
            {tools}
            <Parts of={toolbar} props={partProps} />
          </span>
        </div>
      </div>
    </header>
  );
}

/**
 * Follows the sticky header's height, however many rows it wraps to: the side sheet sits under it (`--header-h`
 * on the sheet alone) and a clause scrolled to lands below it (the page's `scroll-padding-top`). Set where it is
 * used, never on the page: a custom property there is inherited by every element of the text, and each change
 * of it (the header measured, the formatting tools shown) restyled the whole page, some 700 elements.
 * Returns the function that stops measuring.
 */
export function trackHeaderHeight(header: HTMLElement, page: HTMLElement): () => void {
  if (typeof ResizeObserver === 'undefined') return () => {};
  const scroller = document.documentElement;
  let shown = -1;
  const observer = new ResizeObserver(() => {
    const height = header.offsetHeight;
    if (height === shown) return;
    shown = height;
    page.querySelector<HTMLElement>('.document-sidebar')?.style.setProperty('--header-h', `${height}px`);
    scroller.style.scrollPaddingTop = `calc(${height}px + var(--space-4))`;
  });
  observer.observe(header);
  return () => {
    observer.disconnect();
    scroller.style.removeProperty('scroll-padding-top');
  };
}

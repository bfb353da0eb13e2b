import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { ClauseJson } from '../../shared/api/documents.js';
import type { LanguageCode, SettableTranslationStatus } from '../../shared/domain/languages.js';
import { ROUTES } from '../../shared/api/routes.js';
import type { Actions } from '../api/actions.js';
import { directionOf, offeredMarks } from '../api/languageChoice.js';
import { staleDiff } from '../api/staleDiff.js';
import { actionButton, actionError } from '../components/actionControls.js';
import type { Component } from '../components/component.js';
import { renderDiff } from '../components/negotiationKit.js';
import { h, replaceKeepingFocus } from '../dom.js';
import { t } from '../i18n/index.js';
import { mountClauseEditor, type ClauseEditor } from '../editor/clauseEditor.js';
import { languageName, translationChip } from './languageLabels.js';
import { refLabel } from '../i18n/clauseRefs.js';

/** What a row of the translator's editor is drawn from. */
export interface TranslatorRowProps {
  /** The clause as the version's view presents it (its ref, kind, and `translation`). */
  clause: ClauseJson;
  /** May this person mark the version's status now (translation.status), and write it (translation.write)? */
  mayMark: boolean;
  /** Why the version is read-only for this person (in words), or null when they may write it. */
  readOnly: string | null;
}

export interface TranslatorRowContext {
  documentId: string;
  lang: LanguageCode;
  originalLang: string;
  actions: Actions;
  /** The status was set: the view reads the version again. */
  marked(): Promise<void>;
}

/**
 * One clause in the translator's editor: the original on the left (live, read-only), the version on the right
 * (live, co-edited on `clause/<id>/<lang>`), and under them the version's status, the marks the person may set,
 * and, for a stale clause, what changed in the original since the version was marked current.
 */
export class TranslatorRow implements Component<TranslatorRowProps> {
  readonly el: HTMLElement;
  private readonly originalCell: HTMLElement;
  private readonly versionCell: HTMLElement;
  private readonly state = h('div', { class: 'translation-state' });
  private editors: ClauseEditor[] = [];

  constructor(
    private props: TranslatorRowProps,
    private readonly ctx: TranslatorRowContext,
  ) {
    const { clause } = props;
    this.originalCell = h('div', { class: 'clause-content' });
    this.versionCell = h('div', { class: 'clause-content' });
    this.el = h(
      'section',
      {
        class: `translation-row clause-${clause.kind}`,
        id: `translation-${clause.id}`,
        'data-clause-id': clause.id,
        'data-ref': clause.ref,
        'aria-label': refLabel(clause.ref),
      },
      h('h2', { class: 'translation-ref' }, refLabel(clause.ref)),
      h(
        'div',
        { class: 'translation-cells' },
        h(
          'div',
          { class: 'translation-original', lang: ctx.originalLang, dir: directionOf(ctx.originalLang) },
          this.originalCell,
        ),
        h('div', { class: 'translation-version', lang: ctx.lang, dir: directionOf(ctx.lang) }, this.versionCell),
      ),
      this.state,
    );
    this.drawState();
  }

  /** Mounts both editors on the live copy (again after a resync replaced it). */
  mount(doc: Y.Doc, awareness: Awareness): void {
    this.unmount();
    const { clause, readOnly } = this.props;
    const name = languageName(this.ctx.lang);
    this.editors = [
      mountClauseEditor(this.originalCell, {
        doc,
        clauseId: clause.id,
        awareness,
        readOnlyReason: t('languages:translate.originalReadOnly'),
        label: t('languages:translate.originalLabel', { ref: refLabel(clause.ref) }),
      }),
      mountClauseEditor(this.versionCell, {
        doc,
        clauseId: clause.id,
        lang: this.ctx.lang,
        awareness,
        readOnlyReason: readOnly,
        label: t('languages:translate.versionLabel', { ref: refLabel(clause.ref), name }),
      }),
    ];
  }

  update(props: TranslatorRowProps): void {
    const reopened = props.readOnly !== this.props.readOnly;
    this.props = props;
    if (reopened) this.editors[1]?.setReadOnly(props.readOnly);
    this.drawState();
  }

  private drawState(): void {
    const { clause, mayMark } = this.props;
    const translation = clause.translation ?? { status: 'missing' as const };
    const diff = staleDiff(translation);
    this.el.dataset.translationStatus = translation.status;
    const marks = mayMark ? offeredMarks(translation.status) : [];
    replaceKeepingFocus(
      this.state,
      translationChip(translation.status),
      marks.map((status, i) => this.markButton(status, i)),
      actionError(this.ctx.actions, `mark:${clause.id}`),
      diff
        ? h(
            'div',
            { class: 'stale-diff', lang: this.ctx.originalLang },
            h('p', { class: 'stale-diff-label' }, t('languages:translate.staleSince')),
            renderDiff(diff),
          )
        : null,
    );
  }

  private markButton(status: SettableTranslationStatus, place: number): HTMLButtonElement {
    const { clause } = this.props;
    return actionButton(
      this.ctx.actions,
      `mark:${clause.id}`,
      {
        class: `btn ${status === 'current' ? 'btn-primary' : 'btn-secondary'}`,
        // By place, not by status: the focus stays on the first button when marking swaps it for the other.
        id: `mark-${place}-${clause.id}`,
        'data-mark': status,
      },
      t(status === 'current' ? 'languages:translate.markCurrent' : 'languages:translate.markDraft'),
      async (send) => {
        await send.call(ROUTES.setTranslationStatus, {
          params: { id: this.ctx.documentId, clauseId: clause.id, lang: this.ctx.lang },
          body: { status },
        });
        await this.ctx.marked();
      },
    );
  }

  private unmount(): void {
    for (const editor of this.editors) editor.destroy();
    this.editors = [];
  }

  destroy(): void {
    this.unmount();
  }
}

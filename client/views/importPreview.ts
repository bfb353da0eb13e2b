import type { ImportPreviewJson, ImportWarningJson } from '../../shared/api/import.js';
import { BODY_KINDS, type ClauseKind } from '../../shared/domain/clauses.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';

/** One clause of the preview the secretariat may correct: its text in the markup, and its kind as chosen now. */
export interface ImportRow {
  /** Its index in the preview's clauses (what the warnings point to). */
  index: number;
  kind: ClauseKind;
  text: string;
  markup: string;
}

/** The rows of a preview: every clause but the title, whose text is the draft's title field. */
export function rowsOf(preview: ImportPreviewJson): ImportRow[] {
  const title = preview.clauses.findIndex((c) => c.kind === 'title');
  return preview.clauses.flatMap((c, index) =>
    index === title ? [] : [{ index, kind: c.kind === 'title' ? 'heading' : c.kind, text: c.text, markup: c.markup }],
  );
}

/** The labels the rows take with their kinds as chosen now ("PP2", "3", "Annex I", or none for a heading). */
export function rowLabels(rows: readonly ImportRow[]): string[] {
  return numberClauses(['title', ...rows.map((r) => r.kind)])
    .slice(1)
    .map((l) => l.number ?? '');
}

export const rowId = (index: number): string => `import-clause-${index}`;

/**
 * The detected structure, one row per clause: its number (kept current as kinds change), a choice of kind and
 * the text as read. A change of kind redraws the numbers in place, so the focus stays.
 */
export function structureList(rows: ImportRow[]): HTMLElement {
  const numbers = rows.map(() => h('span', { class: 'import-number', 'aria-hidden': 'true' }));
  const renumber = (): void => rowLabels(rows).forEach((label, i) => (numbers[i]!.textContent = label));
  renumber();
  const items = rows.map((row, i) => {
    const select = h(
      'select',
      {
        id: `${rowId(row.index)}-kind`,
        'aria-label': t('drafting:import.kindOf', { n: i + 1 }),
        onchange: () => {
          row.kind = select.value as ClauseKind;
          renumber();
        },
      },
      BODY_KINDS.map((k) => h('option', { value: k, selected: k === row.kind }, t(`drafting:kinds.${k}`))),
    );
    return h(
      'li',
      { id: rowId(row.index), class: `import-row kind-${row.kind}` },
      numbers[i],
      select,
      h('p', { class: 'import-text' }, row.text || t('drafting:import.emptyClause')),
    );
  });
  return h('ol', { class: 'import-structure' }, items);
}

/**
 * A warning in the reader's language, from its id and what it names; the server's English sentence for an id
 * this client does not know.
 */
export function warningText(w: ImportWarningJson): string {
  const key = `drafting:importWarning.${w.id}`;
  const { ref, author, quote, ...rest } = w.params ?? {};
  const where = ref === undefined ? t('drafting:importWarning.outside') : t('drafting:importWarning.where', { ref });
  if (w.id === 'comment_not_imported' && quote === undefined) {
    return t('drafting:importWarning.comment_not_imported_unread', { where });
  }
  return t(key, {
    ...rest,
    ref,
    where,
    quote,
    author: author || t('drafting:importWarning.unnamedAuthor'),
    defaultValue: w.message,
  });
}

/** What the import did not carry, each pointing to its clause. */
export function warningList(preview: ImportPreviewJson): HTMLElement {
  if (preview.warnings.length === 0) return h('p', { class: 'import-clean' }, t('drafting:import.noWarnings'));
  return h(
    'ul',
    { class: 'import-warnings' },
    preview.warnings.map((w) =>
      h(
        'li',
        null,
        warningText(w),
        w.clause !== undefined && preview.clauses[w.clause]?.kind !== 'title'
          ? [' ', h('a', { href: `#${rowId(w.clause)}` }, t('drafting:import.goToClause'))]
          : null,
      ),
    ),
  );
}

import type { ImportPreviewJson, ImportWarningJson } from '../../shared/api/import.js';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import { numberClauses } from '../../shared/editor/numbering.js';
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

/**
 * The import page: the file being read (its name), or what was read with the rows as the secretariat has
 * corrected them so far.
 */
export interface ImportState {
  reading: string | null;
  preview: ImportPreviewJson | null;
  rows: ImportRow[];
}

export type ImportEvent =
  | { type: 'chosen'; name: string }
  | { type: 'read'; preview: ImportPreviewJson }
  | { type: 'failed' }
  | { type: 'kind'; index: number; kind: ClauseKind };

export const IMPORT_START: ImportState = { reading: null, preview: null, rows: [] };

/** The page after an event: a file chosen (what was read before goes), read, refused, or a kind corrected. */
export function importReducer(state: ImportState, event: ImportEvent): ImportState {
  switch (event.type) {
    case 'chosen':
      return { reading: event.name, preview: null, rows: [] };
    case 'read':
      return { reading: null, preview: event.preview, rows: rowsOf(event.preview) };
    case 'failed':
      return { ...state, reading: null };
    case 'kind':
      return {
        ...state,
        rows: state.rows.map((r) => (r.index === event.index ? { ...r, kind: event.kind } : r)),
      };
  }
}

/** What the page says it is doing: reading a file, what it read, or nothing. */
export function importStatus(state: ImportState): string {
  if (state.reading !== null) return t('drafting:import.reading', { name: state.reading });
  if (!state.preview) return '';
  return t('drafting:import.read', { count: state.preview.clauses.length, warnings: state.preview.warnings.length });
}

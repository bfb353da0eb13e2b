import type { ClauseKind } from '../../shared/domain/clauses.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseSchema } from '../../shared/editor/schema.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import type { ReadDraft } from './structure.js';

/** A clause read from Word: its kind, its derived number, its plain text and its text in the light markup. */
export interface ImportedClause {
  kind: ClauseKind;
  number: string | null;
  text: string;
  markup: string;
}

export interface ImportWarning {
  id: string;
  message: string;
  /** What the message names, for wording it in another language: `ref` (the clause's reference) and the rest. */
  params: Record<string, string | number>;
  /** The index in `clauses` of the clause it concerns. */
  clause?: number;
}

export interface ImportedDraft {
  title: string;
  symbol: string | null;
  clauses: ImportedClause[];
  warnings: ImportWarning[];
}

/** The draft as the API shows it: numbers derived as Accord derives them, warnings worded with them. */
export function presentDraft(read: ReadDraft): ImportedDraft {
  const labels = numberClauses(read.clauses.map((c) => c.kind));
  const clauses = read.clauses.map((builder, i): ImportedClause => {
    const node = clauseSchema.nodeFromJSON(builder.doc());
    return { kind: builder.kind, number: labels[i]!.number, text: clauseToPlainText(node), markup: toMarkup(node) };
  });
  const warnings = read.warnings.map((w): ImportWarning => ({
    id: w.id,
    message: w.message(w.clause === undefined ? null : labels[w.clause]!.ref),
    params: { ...w.params, ...(w.clause === undefined ? {} : { ref: labels[w.clause]!.ref }) },
    ...(w.clause === undefined ? {} : { clause: w.clause }),
  }));
  const title = clauses.find((c) => c.kind === 'title')?.text ?? '';
  return { title, symbol: read.symbol, clauses, warnings };
}

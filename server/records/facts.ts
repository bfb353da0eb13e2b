import { parseMarkup } from '../../shared/editor/markup.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { clauseOrder } from '../../shared/editor/ydoc.js';
import { countryName } from '../../shared/domain/countries.js';
import type { AppContext } from '../context.js';
import type { AmendmentRow, SponsorRow } from '../db/repositories/amendments.js';
import type { DocumentRow } from '../db/repositories/documents.js';
import type { VoteRow } from '../db/repositories/votes.js';
import { slugify } from '../export/wording.js';

/**
 * What a report needs to name things as a meeting does: clauses by their reference today ("OP2"), amendments
 * by their sponsor and clause, delegations by their English short name. Read once, in the report's transaction.
 */
export interface RecordFacts {
  doc: DocumentRow;
  /** The body the text speaks for, as the export's masthead names it. */
  proponent: string;
  /** Clause id → its reference in the live text; a clause no longer in the text has none. */
  refs: Map<string, string>;
  amendments: AmendmentRow[];
  sponsors: Map<string, SponsorRow[]>;
  /** The document's votes: what a vote opened before a meeting and closed in it was about. */
  votes: VoteRow[];
}

export async function gatherFacts(ctx: AppContext, doc: DocumentRow): Promise<RecordFacts> {
  const live = (await ctx.registry.get(doc.id))!;
  const meta = await ctx.store.documents.clauses(doc.id);
  const ids = clauseOrder(live).filter((id) => meta.has(id));
  const refs = new Map<string, string>();
  numberClauses(ids.map((id) => meta.get(id)!.kind)).forEach((label, i) => refs.set(ids[i]!, label.ref));
  const metadata = JSON.parse(doc.metadata || '{}') as Record<string, unknown>;
  const named = [metadata.proponent, metadata.conference].find((v) => typeof v === 'string' && v.trim() !== '');
  return {
    doc,
    proponent: (named as string | undefined) ?? 'Accord',
    refs,
    amendments: await ctx.store.amendments.forDocument(doc.id),
    sponsors: await ctx.store.amendments.sponsorsForDocument(doc.id),
    votes: await ctx.store.votes.forDocument(doc.id),
  };
}

/** "Kazakhstan"; a code Accord does not know prints as itself. */
export function stateName(code: string): string {
  const name = countryName(code);
  return name && name !== code ? name : code;
}

/** A clause as the record names it: "OP2", or "a clause since deleted". */
export function clauseName(facts: RecordFacts, clauseId: string | null | undefined): string {
  return (clauseId && facts.refs.get(clauseId)) || 'a clause since deleted';
}

/** "the amendment of Kazakhstan to OP2" (an insertion: "after OP2"). */
export function amendmentName(facts: RecordFacts, amendmentId: string | null | undefined): string {
  const row = facts.amendments.find((a) => a.id === amendmentId);
  if (!row) return 'an amendment';
  const where = row.kind === 'insert_after' ? 'after' : 'to';
  return `the amendment of ${stateName(row.delegation)} ${where} ${clauseName(facts, row.clause_id)}`;
}

/** What a `type:id` subject of the ledger names: a clause, an amendment, the text. */
export function subjectName(facts: RecordFacts, subject: { type: string; id?: string | null } | null): string {
  if (subject?.type === 'clause') return clauseName(facts, subject.id);
  if (subject?.type === 'amendment') return amendmentName(facts, subject.id);
  return 'the text as a whole';
}

/** The proposed text of an amendment in plain text; a deletion proposes none. */
export function proposedText(row: AmendmentRow): string {
  if (row.kind === 'delete' || row.text === null) return '(delete the paragraph)';
  return clauseToPlainText(parseMarkup(row.text));
}

/** `almaty-declaration-record-2025-10-17`. */
export function reportBaseName(doc: DocumentRow, kind: string, date: string): string {
  return `${slugify(doc.id) || 'document'}-${kind}-${date.slice(0, 10)}`;
}

import type * as Y from 'yjs';
import { countryName } from '../../shared/domain/countries.js';
import { clauseFromJSON, type ClauseJSON } from '../../shared/editor/schema.js';
import { clauseOrder, readClause, readVersion } from '../../shared/editor/ydoc.js';
import type { AppContext } from '../context.js';
import type { AuditEntry } from '../db/repositories/audit.js';
import type { ClauseRow, DocumentRow } from '../db/repositories/documents.js';
import { resultOf, type VoteRow } from '../db/repositories/votes.js';
import { loadRevision, withRevisionDoc } from '../presenters/revision.js';
import { clauseBlocks } from './content.js';
import {
  exportClauses,
  type ExportClause,
  type ExportSource,
  type LedgerRef,
  type LedgerRow,
  type SourceEndorsement,
  type SourceVote,
} from './model.js';
import { textFingerprint, type FingerprintInput, type FingerprintVersion } from './fingerprint.js';
import { loadDocument } from '../queries/documents.js';
import { textVersion } from '../presenters/versions.js';
import { registeredDelegations } from '../queries/votes.js';
import { printBrackets } from './brackets.js';
import type { SourceClause } from './modelTypes.js';
import {
  languageParts,
  languagesToRead,
  liveVersionClauses,
  versionClauses,
  type LanguagesAsked,
} from './versionSource.js';

/**
 * Gathers what the exporter needs from the database and the live text: the clauses (live, or as a named
 * revision froze them), the delegations with their English names, the closed votes with their ballots and
 * explanations, the endorsements, the ledger extract and the date the text goes out under.
 *
 * A revision published before the text was adopted is a draft of its day: it carries only the votes,
 * endorsements and ledger rows recorded by the time it was published, so a later vote is never printed
 * beneath a text it did not decide on. A revision published once the text was adopted is the adopted text
 * itself and carries everything, endorsements that came in after it included.
 *
 * `languages` names the language versions to read (`versionSource.ts`), already checked against the
 * document's; without it, the original alone.
 *
 * Throws 404 `document_not_found` / `revision_not_found`. Authorization is the caller's.
 */
export async function gatherExportSource(
  ctx: AppContext,
  documentId: string,
  revisionId: string | null,
  now: Date = new Date(),
  languages: LanguagesAsked | null = null,
): Promise<ExportSource> {
  // Every version the text has, as the fingerprint covers them (read from the same copy as the original).
  const [doc, allVersions] = await Promise.all([loadDocument(ctx, documentId), versionCodes(ctx, documentId)]);
  const metadata = JSON.parse(doc.metadata) as Record<string, unknown>;
  const ledger = await ctx.store.audit.forDocument(doc.id);

  let text: Pick<ExportSource, 'clauses' | 'revision'> & { stage: DocumentRow['stage'] };
  const codes = languages ? languagesToRead(languages) : [];
  let versions = new Map<string, SourceClause[]>();
  let fingerprintedVersions: FingerprintVersion[] = [];
  let cutoff: string | null = null;
  if (revisionId !== null) {
    const row = await loadRevision(ctx, doc.id, revisionId);
    text = {
      stage: row.stage,
      revision: { id: row.id, name: row.name, createdAt: row.created_at },
      clauses: withRevisionDoc(row, (ydoc, rows) => {
        const clauses = clausesOf(ydoc, rows);
        versions = new Map(codes.map((code) => [code, versionClauses(ydoc, clauses, code)]));
        fingerprintedVersions = fingerprintVersions(ydoc, exportClauses(clauses), allVersions);
        return clauses;
      }),
    };
    if (row.stage !== 'adopted') cutoff = row.created_at;
  } else {
    const live = (await ctx.registry.get(doc.id))!;
    const clauses = liveClausesOf(live, await ctx.store.documents.clauses(doc.id));
    versions = new Map(codes.map((code) => [code, liveVersionClauses(live, clauses, code)]));
    fingerprintedVersions = fingerprintVersions(live, exportClauses(clauses), allVersions);
    text = {
      stage: doc.stage,
      revision: null,
      // A draft shows what is not agreed yet; the adopted text is the words adopted, as its fingerprint records.
      clauses:
        doc.stage === 'adopted' ? clauses : printBrackets(live, clauses, await ctx.store.brackets.forDocument(doc.id)),
    };
  }
  const until = (at: string | null): boolean => at !== null && (cutoff === null || at <= cutoff);
  const votes: SourceVote[] = [];
  // A ballot stays secret unless its vote closed: open and lapsed votes' ballots are kept out (docs/voting.md).
  const secret = new Set<string>();
  for (const vote of await ctx.store.votes.forDocument(doc.id)) {
    if (vote.status !== 'closed') secret.add(`vote:${vote.id}`);
    if (vote.status === 'closed' && until(vote.closed_at))
      votes.push({ ...(await sourceVote(ctx, vote, until)), ledger: closingEntry(ledger, vote.id) });
  }
  const head = await ctx.store.audit.head();
  const delegations = await registeredDelegations(ctx, doc);
  const endorsements = await ctx.store.endorsements.forDocument(doc.id);

  return {
    document: {
      id: doc.id,
      title: doc.title,
      symbol: doc.symbol,
      stage: text.stage,
      date: exportDate(text.stage, text.revision?.createdAt ?? null, ledger, metadata, now),
      metadata,
    },
    revision: text.revision,
    fingerprinted: fingerprintedText(text.clauses, fingerprintedVersions),
    ...(languages ? languageParts(languages, text.clauses, (code) => versions.get(code)!) : { clauses: text.clauses }),
    delegations: delegations.map((code) => ({ code, name: countryName(code, 'en') })),
    votes,
    endorsements: endorsements
      .filter((e) => until(e.recorded_at))
      .map((e): SourceEndorsement => ({
        delegation: e.delegation,
        kind: e.kind,
        statement: e.statement,
        at: e.recorded_at,
      })),
    // Anyone may export: the ballot rows of votes that did not close are left out.
    ledger: ledger
      .filter((entry) => until(entry.at) && !(entry.action.startsWith('ballot.') && secret.has(entry.subject ?? '')))
      .map(ledgerRow),
    signing: { keyFingerprint: ctx.signingKey.fingerprint, head: head ? { seq: head.seq, hash: head.hash } : null },
    generatedAt: now.toISOString(),
  };
}

/** The codes of a document's language versions (not its original), in order. */
async function versionCodes(ctx: AppContext, documentId: string): Promise<string[]> {
  return (await ctx.store.languages.forDocument(documentId))
    .filter((l) => !l.original)
    .map((l) => l.code)
    .sort();
}

/**
 * What the fingerprint of a text with versions covers: the original as the export prints it (an adopted text:
 * as adopted, as the ledger fingerprinted it) and every version; null for a text without versions.
 */
function fingerprintedText(clauses: SourceClause[], versions: FingerprintVersion[]): FingerprintInput | null {
  if (versions.length === 0) return null;
  const original = exportClauses(clauses).map(({ kind, number, ref, blocks }) => ({
    kind,
    number,
    ref,
    content: blocks,
  }));
  return { clauses: original, versions };
}

/**
 * The clauses in document order with their content. Ids in `order` without a row, or whose row is marked
 * deleted, are left out, as the document page leaves them out.
 */
export function clausesOf(ydoc: Y.Doc, rows: Map<string, ClauseRow>): ExportSource['clauses'] {
  return clauseOrder(ydoc).flatMap((id) => {
    const row = rows.get(id);
    if (!row || (row as { deleted_at?: string | null }).deleted_at) return [];
    return [{ id, kind: row.kind, status: row.status, content: readClause(ydoc, id).toJSON() as ClauseJSON }];
  });
}

const liveReadings = new WeakMap<Y.Doc, { key: string; clauses: ExportSource['clauses'] }>();

/**
 * `clausesOf` the live text, read once per version of it: ten heads of delegation asking for the PDF of a
 * 2 MB declaration at once read its text once, not ten times on the event loop, and then share one render.
 * The reading is kept while the text (`textVersion`) and the clause rows (kind, status, deletion) stay as
 * they were; exporters only read it.
 */
export function liveClausesOf(ydoc: Y.Doc, rows: Map<string, ClauseRow>): ExportSource['clauses'] {
  const key = JSON.stringify([
    textVersion(ydoc),
    [...rows.values()].map((r) => [r.id, r.kind, r.status, r.deleted_at]),
  ]);
  const kept = liveReadings.get(ydoc);
  if (kept?.key === key) return kept.clauses;
  const clauses = clausesOf(ydoc, rows);
  liveReadings.set(ydoc, { key, clauses });
  return clauses;
}

/**
 * The fingerprint of a document's text as it stands in `ydoc` (live, or a revision's), with the clause rows
 * that give each clause its kind, and of its language versions `versions` (codes; with none, the text is
 * fingerprinted as before versions existed, `accord.text/1`): what the ledger records at adoption and
 * `verify-ledger` recomputes. `RangeError` when a clause's content, or a version's, is malformed.
 */
export function documentFingerprint(
  ydoc: Y.Doc,
  rows: Map<string, ClauseRow>,
  versions: readonly string[] = [],
): string {
  const clauses = exportClauses(clausesOf(ydoc, rows));
  return textFingerprint(clauses, fingerprintVersions(ydoc, clauses, versions));
}

/**
 * The versions `codes` of the text in `ydoc` as the fingerprint covers them: for each of the original's
 * clauses, its reference and the version's formatted content, checked against the clause schema as the
 * original's is (a version nobody wrote reads as one empty paragraph).
 */
export function fingerprintVersions(
  ydoc: Y.Doc,
  clauses: readonly ExportClause[],
  codes: readonly string[],
): FingerprintVersion[] {
  return codes.map((code) => ({
    code,
    clauses: clauses.map((clause) => {
      let content;
      try {
        content = clauseFromJSON(readVersion(ydoc, clause.id, code).toJSON() as ClauseJSON);
      } catch (error) {
        throw new RangeError(`Clause ${clause.id}, version ${code}: ${(error as Error).message}`);
      }
      return { ref: clause.ref, content: clauseBlocks(content) };
    }),
  }));
}

/**
 * The date the text goes out under: the day it was adopted (the ledger's move to `adopted`), else the day
 * the revision was published, else today. The seeded demo carries its congress's date in its metadata,
 * used only for an adopted text whose adoption the ledger does not record.
 */
function exportDate(
  stage: DocumentRow['stage'],
  revisionDate: string | null,
  ledger: AuditEntry[],
  metadata: Record<string, unknown>,
  now: Date,
): string {
  if (stage === 'adopted') {
    const adoption = ledger.findLast(
      (e) => e.action === 'document.stage' && (e.payload as { to?: unknown }).to === 'adopted',
    );
    if (adoption) return adoption.at.slice(0, 10);
    if (typeof metadata.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(metadata.date))
      return metadata.date.slice(0, 10);
  } else if (revisionDate) {
    return revisionDate.slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

async function sourceVote(ctx: AppContext, vote: VoteRow, until: (at: string | null) => boolean): Promise<SourceVote> {
  const result = resultOf(vote)!;
  // At most one explanation before and one after the vote per delegation; both are printed when given.
  const explained = new Map<string, { before?: string; after?: string }>();
  for (const e of await ctx.store.explanations.forVote(vote.id)) {
    if (!until(e.created_at)) continue;
    const entry = explained.get(e.delegation) ?? {};
    entry[e.timing] = e.text;
    explained.set(e.delegation, entry);
  }
  const explanation = (delegation: string): string | null => {
    const e = explained.get(delegation);
    if (!e) return null;
    if (e.before && e.after) return `Before the vote: ${e.before} After the vote: ${e.after}`;
    return e.before ?? e.after ?? null;
  };
  const ballots = await ctx.store.ballots.forVote(vote.id);
  return {
    id: vote.id,
    subject: { type: vote.subject_type, id: vote.subject_type === 'document' ? null : vote.subject_id },
    rule: vote.rule,
    quorum: vote.quorum,
    openedAt: vote.opened_at,
    closedAt: vote.closed_at!,
    result: {
      outcome: result.outcome,
      yes: result.yes,
      no: result.no,
      abstain: result.abstain,
      present: result.present,
      required: result.required,
    },
    ballots: ballots.map((b) => ({
      delegation: b.delegation,
      choice: b.choice,
      explanation: explanation(b.delegation),
    })),
  };
}

/** The entry that froze a vote's result (its closing entry), by seq and hash. */
function closingEntry(ledger: AuditEntry[], voteId: string): LedgerRef | null {
  const entry = ledger.find(
    (e) => e.subject === `vote:${voteId}` && typeof e.payload.result === 'object' && e.payload.result !== null,
  );
  return entry ? { seq: entry.seq, hash: entry.hash } : null;
}

/**
 * A ledger row as stored, every field its hash covers included (`actorId`, `documentId`, `subject` besides
 * the documented ones), so a reader of the extract can recompute each row's hash.
 */
function ledgerRow(entry: AuditEntry): LedgerRow {
  const { seq, at, action, actor, actorId, documentId, subject, payload, prevHash, hash } = entry;
  return { seq, at, action, actor, actorId, documentId, subject, payload, prevHash, hash };
}

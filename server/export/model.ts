import { createHash } from 'node:crypto';
import type { ClauseKind, ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { BallotChoice, VoteOutcome as SharedVoteOutcome, VoteRule } from '../../shared/domain/tally.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseFromJSON, type ClauseJSON } from '../../shared/editor/schema.js';
import { clauseToPlainText, documentTitle } from '../../shared/editor/text.js';
import { clauseBlocks, openingPhrase, type ExportBlock } from './content.js';
import { annexLabel, isoDay, longDate, slugify } from './wording.js';
import { textFingerprint } from './fingerprint.js';

/**
 * The one document model every export format is rendered from. The server gathers an `ExportSource` (the
 * text, its votes, endorsements and audit rows); `buildExportModel` derives everything a renderer needs —
 * numbering, typography, plain text, the text's checksum, the annexes — so that no renderer decides anything
 * on its own and all formats say the same thing.
 */

/** Version of the model and of its JSON form (`docs/export-format.md`). Bumped on any incompatible change. */
export const EXPORT_MODEL_VERSION = 1;

export type VoteChoice = BallotChoice;
export type VoteOutcome = SharedVoteOutcome;
export type EndorsementKind = 'endorse' | 'endorse_with_reservation' | 'not_endorse';

export interface SourceVote {
  id: string;
  subject: { type: 'amendment' | 'clause' | 'document'; id?: string | null };
  rule: VoteRule;
  /** A share of the registered delegations (0 < q ≤ 1) or a number of delegations; null or absent: none. */
  quorum?: number | null;
  openedAt: string;
  closedAt: string;
  /** `required`, when given, is the number of delegations the quorum came to. */
  result: { outcome: VoteOutcome; yes: number; no: number; abstain: number; present: number; required?: number };
  ballots: { delegation: string; choice: VoteChoice; explanation?: string | null }[];
  /** The ledger entry that closed the vote and froze its result, when the ledger holds it. */
  ledger?: LedgerRef | null;
}

/** One entry of the ledger, by number and hash. */
export interface LedgerRef {
  seq: number;
  hash: string;
}

export interface SourceEndorsement {
  delegation: string;
  kind: EndorsementKind;
  statement?: string | null;
  at: string;
}

/** One row of the hash-chained audit log, copied verbatim into the submission package. */
export interface LedgerRow {
  seq: number;
  at: string;
  action: string;
  actor: string | null;
  /** With `documentId` and `subject`: the other fields the row's hash covers, so a reader can recompute it. */
  actorId?: string | null;
  documentId?: string | null;
  subject?: string | null;
  payload: unknown;
  prevHash: string;
  hash: string;
}

/** What the server passes to the exporter. Only closed votes belong in `votes`. */
export interface ExportSource {
  document: {
    id: string;
    title: string;
    symbol: string;
    /** The stage of the text being exported; anything but `adopted` is watermarked "Draft". */
    stage: Stage;
    /** ISO date of adoption, or of the revision being exported. */
    date: string;
    /** Free-form; `language` (BCP 47, default "en") and `proponent` or `conference` are read when strings. */
    metadata: Record<string, unknown>;
  };
  /** The named revision being exported, or null for the live text. */
  revision: { id: string; name: string; createdAt: string } | null;
  /** In document order. */
  clauses: { id: string; kind: ClauseKind; status: ClauseStatus; content: ClauseJSON }[];
  /** ISO 3166-1 alpha-3 codes with English names. */
  delegations: { code: string; name: string }[];
  votes: SourceVote[];
  endorsements: SourceEndorsement[];
  ledger: LedgerRow[];
  /**
   * The conference's ledger as the export saw it: the fingerprint of the key that signs it and the chain's
   * head at the time of the export. Absent when exported outside a server (fixtures, tools).
   */
  signing?: { keyFingerprint: string; head: LedgerRef | null } | null;
  /** ISO date-time of the export. */
  generatedAt: string;
}

export interface ExportClause {
  id: string;
  kind: ClauseKind;
  status: ClauseStatus;
  /** Printed label: "1", "PP1", "Annex I"; null for titles and headings. */
  number: string | null;
  /** Reference used in speech and amendments: "OP1", "PP1", "Title", "H1", "Annex I". */
  ref: string;
  /** Leading italic text ("Recognizing"), or null. */
  openingPhrase: string | null;
  /** Canonical plain text (`clauseToPlainText`): one line per paragraph, "(a) " labels, two-space indents. */
  text: string;
  blocks: ExportBlock[];
}

export interface ExportBallot {
  delegation: string;
  name: string;
  /** null: the delegation did not vote. */
  choice: VoteChoice | null;
  explanation: string | null;
}

export interface ExportVote {
  id: string;
  subject: { type: 'amendment' | 'clause' | 'document'; id: string | null; ref: string | null };
  rule: VoteRule;
  quorum: number | null;
  openedAt: string;
  closedAt: string;
  result: { outcome: VoteOutcome; yes: number; no: number; abstain: number; present: number; required?: number };
  /** Every delegation in English alphabetical order, then any ballot from a delegation not listed. */
  ballots: ExportBallot[];
  /** The ledger entry that closed the vote, or null. */
  ledger: LedgerRef | null;
}

export interface ExportEndorsement {
  delegation: string;
  name: string;
  kind: EndorsementKind;
  /** The reservation or statement in full, or null. */
  statement: string | null;
  at: string;
}

/** Annexes added on export, numbered after the text's own annexes. */
export interface ExportAnnexes {
  /** `keyFingerprint`: the key that signs the ledger holding the vote, printed with it (null when unknown). */
  recordedVote: { label: string; title: string; vote: ExportVote; keyFingerprint: string | null } | null;
  endorsements: { label: string; title: string; endorsing: ExportEndorsement[]; notEndorsing: ExportEndorsement[] } | null;
  /** `fingerprint`: what the ledger records at adoption; `head`: the ledger's head at export, when known. */
  integrity: { label: string; title: string; sha256: string; fingerprint: string; head: LedgerRef | null };
}

export interface ExportModel {
  version: typeof EXPORT_MODEL_VERSION;
  document: ExportSource['document'];
  revision: ExportSource['revision'];
  generatedAt: string;
  /** BCP 47 language of the text. */
  language: string;
  /** True unless the text is adopted: every format then says "Draft". */
  draft: boolean;
  /** File name without extension: `almaty-declaration-final-2025-10-17`. */
  baseName: string;
  /** "17 October 2025". */
  dateText: string;
  /** The title clause's text, or the document's title when there is no title clause. */
  title: string;
  /** The body the text speaks for ("World Inclusion Congress"), or null. */
  proponent: string | null;
  clauses: ExportClause[];
  /** Preambular paragraphs, with any heading that comes before one. */
  preamble: ExportClause[];
  /** Operative paragraphs, with the other headings and any title clause after the first. */
  operative: ExportClause[];
  /** Annexes written into the text itself. */
  textAnnexes: ExportClause[];
  /** SHA-256 (hex) of `canonicalText(clauses)`. */
  textSha256: string;
  /** The text's fingerprint (`textFingerprint`): what the ledger records at adoption. */
  fingerprint: string;
  annexes: ExportAnnexes;
  /** Every closed vote, in the order they closed. */
  votes: ExportVote[];
  ledger: LedgerRow[];
  /** The delegations the votes were counted against, as the source listed them. */
  delegations: ExportSource['delegations'];
  /** As in the source; null when not known. */
  signing: { keyFingerprint: string; head: LedgerRef | null } | null;
}

/**
 * The exact string whose SHA-256 is the text's checksum: for each clause in document order, its reference
 * ("PP1", "OP3"…) on one line and its canonical plain text below, clauses separated by one empty line; UTF-8,
 * LF line ends, no trailing newline, no Unicode normalisation. Anyone can recompute it from the JSON export.
 */
export function canonicalText(clauses: readonly Pick<ExportClause, 'ref' | 'text'>[]): string {
  return clauses.map((c) => `${c.ref}\n${c.text}`).join('\n\n');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The clauses as every renderer reads them: numbered from their order, content checked against the clause
 * schema and reduced to blocks. `RangeError` when a clause's content is malformed.
 */
export function exportClauses(source: ExportSource['clauses']): ExportClause[] {
  const labels = numberClauses(source.map((c) => c.kind));
  return source.map((clause, index): ExportClause => {
    let doc;
    try {
      doc = clauseFromJSON(clause.content);
    } catch (error) {
      throw new RangeError(`Clause ${clause.id}: ${(error as Error).message}`);
    }
    const blocks = clauseBlocks(doc);
    const label = labels[index]!;
    return {
      id: clause.id,
      kind: clause.kind,
      status: clause.status,
      number: label.number,
      ref: label.ref,
      openingPhrase: openingPhrase(blocks),
      text: clauseToPlainText(doc),
      blocks,
    };
  });
}

/** Derives the export model; `RangeError` when a clause's content or a date is malformed. */
export function buildExportModel(source: ExportSource): ExportModel {
  const { document, revision } = source;
  const clauses = exportClauses(source.clauses);

  const titleClause = clauses.find((c) => c.kind === 'title');
  const parts = partition(clauses.filter((c) => c !== titleClause));
  const names = new Map(source.delegations.map((d) => [d.code, d.name]));
  const refs = new Map(clauses.map((c) => [c.id, c.ref]));
  const votes = [...source.votes]
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt))
    .map((vote) => exportVote(vote, source.delegations, names, refs));
  const textSha256 = sha256Hex(canonicalText(clauses));
  const fingerprint = textFingerprint(clauses);

  return {
    version: EXPORT_MODEL_VERSION,
    document,
    revision,
    generatedAt: source.generatedAt,
    language: metadataString(document.metadata, 'language', /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/) ?? 'en',
    draft: document.stage !== 'adopted',
    baseName: baseName(source),
    dateText: longDate(document.date),
    title: documentTitle(clauses, document.title),
    proponent: metadataString(document.metadata, 'proponent') ?? metadataString(document.metadata, 'conference'),
    clauses,
    ...parts,
    textSha256,
    fingerprint,
    annexes: generatedAnnexes(parts.textAnnexes.length, votes, source.endorsements, names, { sha256: textSha256, fingerprint, signing: source.signing ?? null }),
    votes,
    ledger: source.ledger,
    delegations: source.delegations,
    signing: source.signing ?? null,
  };
}

/** `<document id>-<revision name | final | draft>-<date>`, all slugified. */
function baseName({ document, revision }: ExportSource): string {
  const version = revision ? slugify(revision.name) || 'revision' : document.stage === 'adopted' ? 'final' : 'draft';
  return [slugify(document.id) || 'document', version, isoDay(document.date)].join('-');
}

/**
 * Splits the body into its parts. A heading belongs to the part of the clause that follows it (a heading
 * before the first operative paragraph opens the operative part), so headings never end up stranded.
 */
function partition(clauses: ExportClause[]): Pick<ExportModel, 'preamble' | 'operative' | 'textAnnexes'> {
  const preamble: ExportClause[] = [];
  const operative: ExportClause[] = [];
  const textAnnexes: ExportClause[] = [];
  let pending: ExportClause[] = [];
  for (const clause of clauses) {
    if (clause.kind === 'heading' || clause.kind === 'title') {
      pending.push(clause);
      continue;
    }
    const part = clause.kind === 'preamble' ? preamble : clause.kind === 'annex' ? textAnnexes : operative;
    part.push(...pending, clause);
    pending = [];
  }
  operative.push(...pending);
  return { preamble, operative, textAnnexes };
}

function exportVote(
  vote: SourceVote,
  delegations: ExportSource['delegations'],
  names: Map<string, string>,
  refs: Map<string, string>,
): ExportVote {
  const cast = new Map(vote.ballots.map((b) => [b.delegation, b]));
  const codes = [...byName(delegations.map((d) => d.code), names), ...vote.ballots.map((b) => b.delegation).filter((c) => !names.has(c))];
  const subjectId = vote.subject.id ?? null;
  return {
    id: vote.id,
    subject: {
      type: vote.subject.type,
      id: subjectId,
      ref: vote.subject.type === 'clause' && subjectId ? (refs.get(subjectId) ?? null) : null,
    },
    rule: vote.rule,
    quorum: vote.quorum ?? null,
    openedAt: vote.openedAt,
    closedAt: vote.closedAt,
    result: { ...vote.result },
    ballots: codes.map((code) => {
      const ballot = cast.get(code);
      return { delegation: code, name: names.get(code) ?? code, choice: ballot?.choice ?? null, explanation: ballot?.explanation ?? null };
    }),
    ledger: vote.ledger ? { seq: vote.ledger.seq, hash: vote.ledger.hash } : null,
  };
}

function generatedAnnexes(
  textAnnexCount: number,
  votes: ExportVote[],
  endorsements: SourceEndorsement[],
  names: Map<string, string>,
  integrity: { sha256: string; fingerprint: string; signing: ExportSource['signing'] },
): ExportAnnexes {
  let position = textAnnexCount;
  // The whole-text vote is the one that adopted (or failed to adopt) the declaration: the last one closed.
  const documentVote = votes.filter((v) => v.subject.type === 'document').at(-1);
  const recordedVote = documentVote
    ? { label: annexLabel(++position), title: 'Recorded vote', vote: documentVote, keyFingerprint: integrity.signing?.keyFingerprint ?? null }
    : null;

  // A delegation may change its endorsement; the latest one counts.
  const latest = new Map<string, SourceEndorsement>();
  for (const e of [...endorsements].sort((a, b) => a.at.localeCompare(b.at))) latest.set(e.delegation, e);
  const entries = byName([...latest.keys()], names).map((code): ExportEndorsement => {
    const e = latest.get(code)!;
    return { delegation: code, name: names.get(code) ?? code, kind: e.kind, statement: e.statement?.trim() || null, at: e.at };
  });
  const endorsementsAnnex = entries.length
    ? {
        label: annexLabel(++position),
        title: 'Endorsements',
        endorsing: entries.filter((e) => e.kind !== 'not_endorse'),
        notEndorsing: entries.filter((e) => e.kind === 'not_endorse'),
      }
    : null;

  return {
    recordedVote,
    endorsements: endorsementsAnnex,
    integrity: {
      label: annexLabel(++position),
      title: 'Text integrity',
      sha256: integrity.sha256,
      fingerprint: integrity.fingerprint,
      head: integrity.signing?.head ?? null,
    },
  };
}

/** Codes ordered by English name, as States are listed in United Nations records. */
function byName(codes: string[], names: Map<string, string>): string[] {
  return [...new Set(codes)].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'en'));
}

function metadataString(metadata: Record<string, unknown>, key: string, pattern?: RegExp): string | null {
  const value = metadata[key];
  if (typeof value !== 'string' || value.trim() === '') return null;
  return pattern && !pattern.test(value) ? null : value.trim();
}

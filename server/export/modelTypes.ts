import type { ClauseKind, ClauseStatus } from '../../shared/domain/clauses.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { BallotChoice, VoteOutcome as SharedVoteOutcome, VoteRule } from '../../shared/domain/tally.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import type { ExportBlock } from './content.js';
import type { FingerprintInput } from './fingerprint.js';

/** The shapes of the export model (`model.ts` builds it): what the server gathers, and what every format renders. */

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

/** A clause of the text as the server reads it (see `ExportSource.clauses`). */
export interface SourceClause {
  id: string;
  kind: ClauseKind;
  status: ClauseStatus;
  content: ClauseJSON;
  untranslated?: boolean;
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
  /**
   * In document order. `untranslated`: the clause's version in the text's language is not written yet, so
   * `content` is the original's (a clause is never left out of a version).
   */
  clauses: SourceClause[];
  /**
   * The language versions (`docs/languages.md`): `code` is the language of `clauses`, `original` the
   * negotiating original's. Absent, or naming the original: the original, whose language is
   * `metadata.language` (default "en").
   */
  language?: { code: string; original: string } | null;
  /** A parallel-text PDF: the clauses in the second column's language, aligned with `clauses` by id. */
  parallel?: { code: string; clauses: SourceClause[] } | null;
  /** The submission package: every version other than `clauses`' own, each rendered in every format. */
  versions?: { code: string; clauses: SourceClause[] }[];
  /**
   * For a text with language versions: the original and every version as the fingerprint covers them, so the
   * fingerprint any of its exports states is the one the ledger records at adoption (`accord.text/2`).
   */
  fingerprinted?: FingerprintInput | null;
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
  /** Present (true) when the version is not written yet and the clause is printed in the original's words. */
  untranslated?: true;
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
  endorsements: {
    label: string;
    title: string;
    endorsing: ExportEndorsement[];
    notEndorsing: ExportEndorsement[];
  } | null;
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
  /** The language of the negotiating original (the text's own when it is the original). */
  originalLanguage: string;
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
  /**
   * The text's fingerprint: what the ledger records at adoption. Of the original alone (`accord.text/1`), or, for
   * a text with language versions, of `fingerprinted` whatever language this export prints.
   */
  fingerprint: string;
  /** What the fingerprint covers for a text with language versions; null for one without. */
  fingerprinted: FingerprintInput | null;
  annexes: ExportAnnexes;
  /** Every closed vote, in the order they closed. */
  votes: ExportVote[];
  ledger: LedgerRow[];
  /** The delegations the votes were counted against, as the source listed them. */
  delegations: ExportSource['delegations'];
  /** As in the source; null when not known. */
  signing: { keyFingerprint: string; head: LedgerRef | null } | null;
  /** The second column of a parallel-text PDF, aligned with `clauses` clause by clause; null otherwise. */
  parallel: { language: string; clauses: ExportClause[] } | null;
  /** The other language versions a submission package carries, each a model of its own. */
  otherVersions: ExportModel[];
}

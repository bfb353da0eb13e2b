import { createHash } from 'node:crypto';
import { numberClauses } from '../../shared/editor/numbering.js';
import { clauseFromJSON } from '../../shared/editor/schema.js';
import { clauseToPlainText, documentTitle } from '../../shared/editor/text.js';
import { clauseBlocks, openingPhrase } from './content.js';
import { annexLabel, isoDay, longDate, slugify } from './wording.js';
import { fingerprintOf, textFingerprint } from './fingerprint.js';
import { exportWords, type ExportWords } from './exportWords.js';
import {
  EXPORT_MODEL_VERSION,
  type ExportAnnexes,
  type ExportClause,
  type ExportEndorsement,
  type ExportModel,
  type ExportSource,
  type ExportVote,
  type SourceEndorsement,
  type SourceVote,
} from './modelTypes.js';

/**
 * The one document model every export format is rendered from. The server gathers an `ExportSource` (the
 * text, its votes, endorsements and audit rows); `buildExportModel` derives everything a renderer needs —
 * numbering, typography, plain text, the text's checksum, the annexes — so that no renderer decides anything
 * on its own and all formats say the same thing.
 */

export { EXPORT_MODEL_VERSION } from './modelTypes.js';
export type {
  VoteChoice,
  VoteOutcome,
  EndorsementKind,
  SourceVote,
  LedgerRef,
  SourceEndorsement,
  LedgerRow,
  ExportSource,
  ExportClause,
  ExportBallot,
  ExportVote,
  ExportEndorsement,
  ExportAnnexes,
  ExportModel,
} from './modelTypes.js';

/** What names the document in every export that describes it (the JSON, the package's manifest), in this order. */
export function documentIdentity(model: ExportModel): {
  id: string;
  symbol: string;
  title: string;
  stage: ExportModel['document']['stage'];
  draft: boolean;
  date: string;
} {
  return {
    id: model.document.id,
    symbol: model.document.symbol,
    title: model.title,
    stage: model.document.stage,
    draft: model.draft,
    date: model.document.date,
  };
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
export function exportClauses(source: ExportSource['clauses'], language = 'en'): ExportClause[] {
  const labels = numberClauses(source.map((c) => c.kind));
  let annexes = 0;
  return source.map((clause, index): ExportClause => {
    let doc;
    try {
      doc = clauseFromJSON(clause.content);
    } catch (error) {
      throw new RangeError(`Clause ${clause.id}: ${(error as Error).message}`);
    }
    const blocks = clauseBlocks(doc);
    const label = labels[index]!;
    // The reference ("Annex I") is the clause's name in every language; the printed number is the language's.
    const number = clause.kind === 'annex' && label.number !== null ? annexLabel(++annexes, language) : label.number;
    return {
      id: clause.id,
      kind: clause.kind,
      status: clause.status,
      number,
      ref: label.ref,
      openingPhrase: openingPhrase(blocks),
      text: clauseToPlainText(doc),
      blocks,
      ...(clause.untranslated ? { untranslated: true as const } : {}),
    };
  });
}

/** Derives the export model; `RangeError` when a clause's content or a date is malformed. */
export function buildExportModel(source: ExportSource): ExportModel {
  const { document, revision } = source;
  const { language, originalLanguage } = languagesOf(source);
  // A version numbers its annexes in its language; the original keeps the numbers its adopted fingerprint has.
  const clauses = exportClauses(source.clauses, language !== originalLanguage ? language : 'en');

  const titleClause = clauses.find((c) => c.kind === 'title');
  const parts = partition(clauses.filter((c) => c !== titleClause));
  const names = new Map(source.delegations.map((d) => [d.code, d.name]));
  const refs = new Map(clauses.map((c) => [c.id, c.ref]));
  const votes = [...source.votes]
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt))
    .map((vote) => exportVote(vote, source.delegations, names, refs));
  const textSha256 = sha256Hex(canonicalText(clauses));
  const fingerprinted = source.fingerprinted ?? null;
  const fingerprint = fingerprinted
    ? fingerprintOf(fingerprinted.clauses, fingerprinted.versions)
    : textFingerprint(clauses);

  return {
    version: EXPORT_MODEL_VERSION,
    document,
    revision,
    generatedAt: source.generatedAt,
    language,
    originalLanguage,
    draft: document.stage !== 'adopted',
    baseName: baseName(source, language, language !== originalLanguage),
    dateText: longDate(document.date, language),
    title: documentTitle(clauses, document.title),
    proponent: metadataString(document.metadata, 'proponent') ?? metadataString(document.metadata, 'conference'),
    clauses,
    ...parts,
    textSha256,
    fingerprint,
    fingerprinted,
    annexes: generatedAnnexes(
      parts.textAnnexes.length,
      votes,
      source.endorsements,
      names,
      {
        sha256: textSha256,
        fingerprint,
        signing: source.signing ?? null,
      },
      exportWords(language),
    ),
    votes,
    ledger: source.ledger,
    delegations: source.delegations,
    signing: source.signing ?? null,
    parallel: source.parallel
      ? { language: source.parallel.code, clauses: exportClauses(source.parallel.clauses, source.parallel.code) }
      : null,
    otherVersions: (source.versions ?? []).map((version) =>
      buildExportModel({
        ...source,
        language: { code: version.code, original: originalLanguage },
        clauses: version.clauses,
        parallel: null,
        versions: [],
      }),
    ),
  };
}

/**
 * The text's language and its original's: a version names both; without one, the original's language is
 * `metadata.language` (as before versions existed), else English.
 */
function languagesOf({ document, language }: ExportSource): { language: string; originalLanguage: string } {
  const stated = metadataString(document.metadata, 'language', /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/);
  const original = language?.original ?? stated ?? 'en';
  if (language && language.code !== language.original) return { language: language.code, originalLanguage: original };
  return { language: original, originalLanguage: original };
}

/**
 * `<document id>-<revision name | final | draft>-<date>`, all slugified; a version carries its language after
 * the id (`almaty-declaration-kk-final-2025-10-17`), a parallel text both of its languages.
 */
function baseName({ document, revision, parallel }: ExportSource, language: string, version: boolean): string {
  const state = revision ? slugify(revision.name) || 'revision' : document.stage === 'adopted' ? 'final' : 'draft';
  const languages = parallel ? [language, parallel.code] : version ? [language] : [];
  return [slugify(document.id) || 'document', ...languages.map(slugify), state, isoDay(document.date)].join('-');
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
  const codes = [
    ...byName(
      delegations.map((d) => d.code),
      names,
    ),
    ...vote.ballots.map((b) => b.delegation).filter((c) => !names.has(c)),
  ];
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
      return {
        delegation: code,
        name: names.get(code) ?? code,
        choice: ballot?.choice ?? null,
        explanation: ballot?.explanation ?? null,
      };
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
  words: ExportWords,
): ExportAnnexes {
  let position = textAnnexCount;
  // The whole-text vote is the one that adopted (or failed to adopt) the declaration: the last one closed.
  const documentVote = votes.filter((v) => v.subject.type === 'document').at(-1);
  const recordedVote = documentVote
    ? {
        label: words.annex(++position),
        title: words.recordedVote,
        vote: documentVote,
        keyFingerprint: integrity.signing?.keyFingerprint ?? null,
      }
    : null;

  // A delegation may change its endorsement; the latest one counts.
  const latest = new Map<string, SourceEndorsement>();
  for (const e of [...endorsements].sort((a, b) => a.at.localeCompare(b.at))) latest.set(e.delegation, e);
  const entries = byName([...latest.keys()], names).map((code): ExportEndorsement => {
    const e = latest.get(code)!;
    return {
      delegation: code,
      name: names.get(code) ?? code,
      kind: e.kind,
      statement: e.statement?.trim() || null,
      at: e.at,
    };
  });
  const endorsementsAnnex = entries.length
    ? {
        label: words.annex(++position),
        title: words.endorsements,
        endorsing: entries.filter((e) => e.kind !== 'not_endorse'),
        notEndorsing: entries.filter((e) => e.kind === 'not_endorse'),
      }
    : null;

  return {
    recordedVote,
    endorsements: endorsementsAnnex,
    integrity: {
      label: words.annex(++position),
      title: words.integrity,
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

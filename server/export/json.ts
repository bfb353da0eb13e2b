import { EXPORT_MODEL_VERSION, documentIdentity, type ExportEndorsement, type ExportModel } from './model.js';

/**
 * The JSON export: the document model itself, in a stable, documented shape (`docs/export-format.md`).
 * Keys are written in a fixed order so two exports of the same text differ only where the text does.
 */

/** Identifies the JSON form; `version` is `EXPORT_MODEL_VERSION`. */
export const JSON_FORMAT = 'accord.declaration';

export function exportJson(model: ExportModel): unknown {
  const { recordedVote, endorsements, integrity } = model.annexes;
  return {
    format: JSON_FORMAT,
    version: EXPORT_MODEL_VERSION,
    document: {
      ...documentIdentity(model),
      language: model.language,
      // Added within version 1, for a language version only: the original it was translated from.
      ...(model.language !== model.originalLanguage ? { originalLanguage: model.originalLanguage } : {}),
      proponent: model.proponent,
      metadata: model.document.metadata,
    },
    revision: model.revision && {
      id: model.revision.id,
      name: model.revision.name,
      createdAt: model.revision.createdAt,
    },
    generatedAt: model.generatedAt,
    textSha256: model.textSha256,
    fingerprint: model.fingerprint,
    // Added within version 1, for a text with language versions: what its fingerprint covers (`accord.text/2`).
    ...(model.fingerprinted ? { fingerprinted: model.fingerprinted } : {}),
    clauses: model.clauses.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status,
      number: c.number,
      ref: c.ref,
      openingPhrase: c.openingPhrase,
      text: c.text,
      content: c.blocks,
      // Added within version 1: the version is not written yet, and the clause is in the original's words.
      ...(c.untranslated ? { untranslated: true } : {}),
    })),
    annexes: {
      recordedVote: recordedVote && {
        label: recordedVote.label,
        title: recordedVote.title,
        voteId: recordedVote.vote.id,
      },
      endorsements: endorsements && {
        label: endorsements.label,
        title: endorsements.title,
        endorsing: endorsements.endorsing.map(endorsement),
        notEndorsing: endorsements.notEndorsing.map(endorsement),
      },
      integrity: {
        label: integrity.label,
        title: integrity.title,
        sha256: integrity.sha256,
        fingerprint: integrity.fingerprint,
        head: integrity.head,
      },
    },
    votes: model.votes.map((v) => ({
      id: v.id,
      subject: v.subject,
      rule: v.rule,
      quorum: v.quorum,
      openedAt: v.openedAt,
      closedAt: v.closedAt,
      result: v.result,
      ballots: v.ballots.map((b) => ({
        delegation: b.delegation,
        name: b.name,
        choice: b.choice,
        explanation: b.explanation,
      })),
      ledger: v.ledger,
    })),
    // Added within version 1: what the votes were counted against, and the ledger the export saw. With them
    // the JSON holds the whole model, so a verifier can render every other format from it again.
    delegations: model.delegations.map((d) => ({ code: d.code, name: d.name })),
    ledger: model.signing && { keyFingerprint: model.signing.keyFingerprint, head: model.signing.head },
  };
}

function endorsement(e: ExportEndorsement): unknown {
  return { delegation: e.delegation, name: e.name, kind: e.kind, statement: e.statement, at: e.at };
}

/** Renders the JSON, pretty-printed with a final newline. */
export function renderJson(model: ExportModel): Buffer {
  return Buffer.from(`${JSON.stringify(exportJson(model), null, 2)}\n`, 'utf8');
}

import fs from 'node:fs';
import JSZip from 'jszip';
import { signText, type SigningKey } from '../ledger/signingKey.js';
import { FILE_FORMATS, RENDERERS, renderFile, type FileFormat } from './files.js';
import { EXPORT_MODEL_VERSION, documentIdentity, sha256Hex, type ExportModel, type LedgerRef } from './model.js';

/**
 * The submission package: one zip with every format, the ledger extract, the conference's public key,
 * `manifest.json` — every file's SHA-256, the text's fingerprint, the ledger's head and the vote results —
 * and `manifest.sig`, the conference key's signature of the manifest. Whoever receives it checks it with
 * `npm run verify-package -- file.zip --public-key conference.pub.pem`: nothing can be changed, added or
 * removed without the key, and every format is shown to say exactly what the JSON export says.
 *
 * The key is an argument, as plain strings, so the package can be rendered in a worker thread.
 */

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const LEDGER_EXTRACT = 'ledger-extract.json';
export const PUBLIC_KEY = 'signing-key.pub.pem';
/** Identifies a manifest; `version` is `EXPORT_MODEL_VERSION`. */
export const MANIFEST_FORMAT = 'accord.submission-package';

/** What a listed file is: one of the formats, the ledger extract or the public key. */
export type PackagePart = FileFormat | 'ledger' | 'key';

export interface ManifestEntry {
  path: string;
  part: PackagePart;
  sha256: string;
  bytes: number;
  contentType: string;
  description: string;
  /** A language version's file: its language. Absent for the original's files and the others. */
  language?: string;
}

/** A language version the package carries: its language, and its text's checksum and fingerprint. */
export interface ManifestVersion {
  language: string;
  textSha256: string;
  fingerprint: string;
}

export interface ManifestVote {
  id: string;
  subject: { type: string; id: string | null };
  rule: string;
  closedAt: string;
  result: { outcome: string; yes: number; no: number; abstain: number; present: number };
  /** The ledger entry that froze the result, when the export knew it. */
  ledger: LedgerRef | null;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof EXPORT_MODEL_VERSION;
  /** The Accord release that rendered the files: the one whose verifier renders them again byte for byte. */
  generator: { name: 'Accord'; version: string };
  document: {
    id: string;
    symbol: string;
    title: string;
    stage: string;
    draft: boolean;
    date: string;
    revision: string | null;
  };
  generatedAt: string;
  textSha256: string;
  /** The text's fingerprint: what the ledger recorded at adoption. */
  fingerprint: string;
  /** The ledger as the export saw it: its head, and the key that signs it (null outside a server). */
  ledger: { head: LedgerRef | null; keyFingerprint: string } | null;
  votes: ManifestVote[];
  /** The language versions besides the original, each in every format (files with its `language`); absent when none. */
  versions?: ManifestVersion[];
  files: ManifestEntry[];
  /** How the manifest is signed: `file` holds the base64 Ed25519 signature of this file's exact bytes. */
  signature: { algorithm: 'Ed25519'; file: typeof SIGNATURE; keyFingerprint: string; publicKey: typeof PUBLIC_KEY };
}

/** This release, as `package.json` names it. */
export const ACCORD_VERSION: string = (
  JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Renders the zip, signed with `key`. */
export async function renderPackage(model: ExportModel, key: SigningKey): Promise<Buffer> {
  const entries = await formatEntries(model);
  const ledger = Buffer.from(`${JSON.stringify(model.ledger, null, 2)}\n`, 'utf8');
  entries.push({
    body: ledger,
    entry: entry(
      LEDGER_EXTRACT,
      'ledger',
      ledger,
      'application/json; charset=utf-8',
      'Extract of the hash-chained ledger: this text\u2019s votes, closed ballots, decisions and signed checkpoints, rows verbatim',
    ),
  });
  const publicKey = Buffer.from(key.publicKeyPem, 'utf8');
  entries.push({
    body: publicKey,
    entry: entry(
      PUBLIC_KEY,
      'key',
      publicKey,
      'application/x-pem-file',
      `The conference\u2019s public key (${key.fingerprint}); compare its fingerprint with the one the conference published`,
    ),
  });

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: EXPORT_MODEL_VERSION,
    generator: { name: 'Accord', version: ACCORD_VERSION },
    document: {
      ...documentIdentity(model),
      revision: model.revision?.name ?? null,
    },
    generatedAt: model.generatedAt,
    textSha256: model.textSha256,
    fingerprint: model.fingerprint,
    ledger: model.signing && { head: model.signing.head, keyFingerprint: model.signing.keyFingerprint },
    votes: manifestVotes(model),
    ...(model.otherVersions.length
      ? {
          versions: model.otherVersions.map((v) => ({
            language: v.language,
            textSha256: v.textSha256,
            fingerprint: v.fingerprint,
          })),
        }
      : {}),
    files: entries.map((e) => e.entry),
    signature: { algorithm: 'Ed25519', file: SIGNATURE, keyFingerprint: key.fingerprint, publicKey: PUBLIC_KEY },
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');

  const zip = new JSZip();
  // A fixed timestamp: the same export gives the same archive.
  const date = new Date(model.generatedAt);
  for (const { entry, body } of entries) {
    // PDF and DOCX are compressed already; deflating them again costs time and saves nothing.
    const compressed = entry.part === 'pdf' || entry.part === 'docx';
    zip.file(entry.path, body, { date, compression: compressed ? 'STORE' : 'DEFLATE', createFolders: false });
  }
  zip.file(MANIFEST, manifestBytes, { date, compression: 'DEFLATE', createFolders: false });
  zip.file(SIGNATURE, `${signText(key, manifestBytes)}\n`, { date, compression: 'STORE', createFolders: false });
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'UNIX',
  });
}

/** Every format of the text, then of each language version (whose file names and entries carry its language). */
async function formatEntries(model: ExportModel): Promise<{ entry: ManifestEntry; body: Buffer }[]> {
  const entries: { entry: ManifestEntry; body: Buffer }[] = [];
  // The original, then each language version, in every format: a version's file names carry its language.
  for (const text of [model, ...model.otherVersions]) {
    const language = text === model ? undefined : text.language;
    for (const format of FILE_FORMATS) {
      const file = await renderFile(format, text);
      const description = RENDERERS[format].description;
      entries.push({
        body: file.body,
        entry: {
          ...entry(
            file.fileName,
            format,
            file.body,
            file.contentType,
            language ? `${description}, ${language}` : description,
          ),
          ...(language ? { language } : {}),
        },
      });
    }
  }
  return entries;
}

/** The vote results as the manifest states them (the JSON export has them in full). */
export function manifestVotes(model: ExportModel): ManifestVote[] {
  return model.votes.map((v) => ({
    id: v.id,
    subject: { type: v.subject.type, id: v.subject.id },
    rule: v.rule,
    closedAt: v.closedAt,
    result: {
      outcome: v.result.outcome,
      yes: v.result.yes,
      no: v.result.no,
      abstain: v.result.abstain,
      present: v.result.present,
    },
    ledger: v.ledger,
  }));
}

function entry(path: string, part: PackagePart, body: Buffer, contentType: string, description: string): ManifestEntry {
  return { path, part, sha256: sha256Hex(body), bytes: body.length, contentType, description };
}

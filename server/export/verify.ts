import JSZip from 'jszip';
import { z } from 'zod';
import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import { keyFingerprint, verifyText } from '../ledger/signingKey.js';
import { FILE_FORMATS, renderFile, type FileFormat } from './files.js';
import { jsonFingerprint } from './fingerprint.js';
import { sourceFromJson } from './fromJson.js';
import { renderJson } from './json.js';
import { buildExportModel, canonicalText, sha256Hex, type ExportModel, type LedgerRow } from './model.js';
import { ACCORD_VERSION, manifestVotes, MANIFEST, MANIFEST_FORMAT, SIGNATURE } from './package.js';
import { checkExtract, fail, ledgerRows, Refusal, type PackageProblem } from './packageRefusal.js';

export type { PackageProblem } from './packageRefusal.js';

/**
 * Checks a submission package, in the order a recipient needs the answers:
 *
 * 1. the manifest is signed by the conference key (the one given, else the one in the package — whose
 *    fingerprint must then be compared with the published one);
 * 2. every listed file is there with its SHA-256, and nothing else is;
 * 3. the JSON export's fingerprint and checksum recompute from its clauses and match the manifest;
 * 4. the JSON export is exactly what Accord writes for the model it holds, and every other format is exactly
 *    what Accord renders from that model: the same text, numbering and annexes, byte for byte;
 * 5. the manifest's votes and ledger head are the JSON's, and the ledger extract is intact: every row hashes
 *    to what it says, every checkpoint in it is signed by the key, every vote's closing row is there.
 *
 * The first problem is reported, naming the file.
 */

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.number().int(),
  generator: z.object({ name: z.string(), version: z.string() }),
  fingerprint: sha,
  textSha256: sha,
  ledger: z
    .object({ head: z.object({ seq: z.number(), hash: z.string() }).nullable(), keyFingerprint: z.string() })
    .nullable(),
  votes: z.array(z.unknown()),
  files: z
    .array(z.object({ path: z.string().min(1), part: z.string(), sha256: sha, language: z.string().optional() }))
    .min(1),
  versions: z.array(z.object({ language: z.string().min(1), textSha256: sha, fingerprint: sha })).optional(),
  signature: z.object({
    algorithm: z.literal('Ed25519'),
    file: z.literal(SIGNATURE),
    keyFingerprint: z.string(),
    publicKey: z.string().min(1),
  }),
});

export type PackageCheck =
  | { ok: true; fileCount: number; keyFingerprint: string; keyFromPackage: boolean; fingerprint: string }
  | { ok: false; file: string; problem: PackageProblem; message: string };

export interface VerifyPackageOptions {
  /** The conference's published public key (PEM). Without it the package's own key is used. */
  publicKeyPem?: string;
}

export async function verifyPackage(data: Uint8Array, options: VerifyPackageOptions = {}): Promise<PackageCheck> {
  try {
    return await check(data, options);
  } catch (error) {
    if (error instanceof Refusal)
      return { ok: false, file: error.file, problem: error.problem, message: error.message };
    throw error;
  }
}

type Manifest = z.infer<typeof manifestSchema>;
type Read = (path: string) => Promise<Buffer>;
type JsonExport = {
  fingerprint?: unknown;
  textSha256?: unknown;
  clauses?: unknown;
  versions?: unknown;
  ledger?: unknown;
};

/** The archive, and how to read a file of it (a missing or unreadable file is the package's problem). */
async function openPackage(data: Uint8Array): Promise<{ zip: JSZip; read: Read }> {
  let zip: JSZip;
  try {
    // No CRC check here: a damaged entry then fails its own SHA-256 check below, which names the file.
    zip = await JSZip.loadAsync(data);
  } catch (error) {
    return fail('(package)', 'unreadable', `not a readable zip archive: ${(error as Error).message}`);
  }
  const read = async (path: string): Promise<Buffer> => {
    const file = zip.file(path);
    if (!file) return fail(path, 'missing', `${path} is missing`);
    try {
      return await file.async('nodebuffer');
    } catch (error) {
      return fail(path, 'checksum', `${path} cannot be read: ${(error as Error).message}`);
    }
  };
  return { zip, read };
}

/** 1. The manifest and its signature; returns the manifest and the key that signed it. */
async function signedManifest(
  read: Read,
  options: VerifyPackageOptions,
): Promise<{ manifest: Manifest; key: { publicKeyPem: string; fingerprint: string } }> {
  const manifestBytes = await read(MANIFEST);
  let raw: unknown;
  try {
    raw = JSON.parse(manifestBytes.toString('utf8'));
  } catch (error) {
    return fail(MANIFEST, 'unreadable', `${MANIFEST} is not JSON: ${(error as Error).message}`);
  }
  if (raw && typeof raw === 'object' && !('signature' in raw)) {
    fail(
      MANIFEST,
      'signature',
      `${MANIFEST} is not signed: the package proves nothing (made before packages were signed, or stripped of its signature)`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return fail(MANIFEST, 'unreadable', `${MANIFEST} is not a valid manifest: ${issues.join('; ')}`);
  }
  const manifest = parsed.data;
  const signature = (await read(SIGNATURE)).toString('utf8').trim();
  const key = await signingKeyOf(manifest, options, read);
  if (manifest.signature.keyFingerprint !== key.fingerprint) {
    fail(
      SIGNATURE,
      'key',
      `the manifest names key ${manifest.signature.keyFingerprint}, but the signature is checked with ${key.fingerprint}`,
    );
  }
  if (!verifyText(key.publicKeyPem, manifestBytes, signature)) {
    fail(
      MANIFEST,
      'signature',
      `${SIGNATURE} is not the signature of ${MANIFEST} by key ${key.fingerprint}: the manifest (or its signature) was changed after signing`,
    );
  }
  return { manifest, key };
}

/** 2. Every listed file with its SHA-256, and nothing unlisted; returns the files by path. */
async function listedFiles(zip: JSZip, read: Read, manifest: Manifest): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const { path, sha256 } of manifest.files) {
    const body = await read(path);
    const actual = sha256Hex(body);
    if (actual !== sha256) fail(path, 'checksum', `${path} has SHA-256 ${actual}, the manifest says ${sha256}`);
    files.set(path, body);
  }
  for (const path of Object.keys(zip.files).sort()) {
    if (zip.files[path]!.dir || path === MANIFEST || path === SIGNATURE || files.has(path)) continue;
    fail(path, 'unlisted', `${path} is in the package but not in the manifest`);
  }
  return files;
}

/**
 * 3. The JSON export's fingerprint and text checksum recompute from its clauses (and its language versions, when
 * it carries them); returns it and the fingerprint.
 */
function checkedJson(
  jsonPath: string,
  jsonBytes: Buffer,
  manifest: Pick<Manifest, 'fingerprint' | 'textSha256'>,
): { json: JsonExport; fingerprint: string } {
  let json: JsonExport;
  try {
    json = JSON.parse(jsonBytes.toString('utf8')) as JsonExport;
  } catch (error) {
    return fail(jsonPath, 'unreadable', `${jsonPath} is not JSON: ${(error as Error).message}`);
  }
  const clauses = (Array.isArray(json.clauses) ? json.clauses : []) as { ref?: unknown; text?: unknown }[];
  let fingerprint: string;
  try {
    fingerprint = jsonFingerprint(json);
  } catch {
    return fail(jsonPath, 'fingerprint', `${jsonPath}: the clauses cannot be read to recompute the fingerprint`);
  }
  if (fingerprint !== json.fingerprint)
    fail(
      jsonPath,
      'fingerprint',
      `${jsonPath}: its clauses have fingerprint ${fingerprint}, it says ${String(json.fingerprint)}`,
    );
  if (fingerprint !== manifest.fingerprint)
    fail(
      jsonPath,
      'fingerprint',
      `${jsonPath}: its clauses have fingerprint ${fingerprint}, the manifest says ${manifest.fingerprint}`,
    );
  const textSha256 = sha256Hex(canonicalText(clauses.map((c) => ({ ref: String(c.ref), text: String(c.text) }))));
  if (textSha256 !== json.textSha256 || textSha256 !== manifest.textSha256)
    fail(jsonPath, 'fingerprint', `${jsonPath}: its clauses have text checksum ${textSha256}, not the one stated`);
  return { json, fingerprint };
}

/** 4. Every format, rendered again from the JSON, is byte for byte the file in the package; returns the model. */
async function renderedAgain(o: {
  manifest: Manifest;
  files: Map<string, Buffer>;
  pathOf(part: string): string;
  jsonPath: string;
  json: JsonExport;
  rows: LedgerRow[];
}): Promise<ExportModel> {
  const { manifest, files, jsonPath } = o;
  let model: ExportModel;
  try {
    model = buildExportModel(sourceFromJson(o.json, o.rows));
  } catch (error) {
    return fail(jsonPath, 'content', `${jsonPath} is not an export Accord can read: ${(error as Error).message}`);
  }
  const other =
    manifest.generator.version === ACCORD_VERSION
      ? ''
      : ` (made by Accord ${manifest.generator.version}; this is ${ACCORD_VERSION})`;
  if (!renderJson(model).equals(files.get(jsonPath)!))
    fail(
      jsonPath,
      'content',
      `${jsonPath} is not what Accord writes for the text and votes it holds: a field was edited${other}`,
    );
  for (const format of FILE_FORMATS.filter((f): f is Exclude<FileFormat, 'json'> => f !== 'json')) {
    const path = o.pathOf(format);
    if (!(await renderFile(format, model)).body.equals(files.get(path)!)) {
      fail(
        path,
        'content',
        `${path} does not say what the JSON export says: its text, numbering or annexes differ from what they render to${other}`,
      );
    }
  }
  return model;
}

async function check(data: Uint8Array, options: VerifyPackageOptions): Promise<PackageCheck> {
  const { zip, read } = await openPackage(data);
  const { manifest, key } = await signedManifest(read, options);
  const files = await listedFiles(zip, read, manifest);
  const pathOf = (part: string): string =>
    manifest.files.find((f) => f.part === part && !f.language)?.path ??
    fail(MANIFEST, 'content', `${MANIFEST} lists no ${part} file`);
  const jsonPath = pathOf('json');
  const { json, fingerprint } = checkedJson(jsonPath, files.get(jsonPath)!, manifest);
  const ledgerPath = pathOf('ledger');
  const rows = ledgerRows(ledgerPath, files.get(ledgerPath)!);
  const model = await renderedAgain({ manifest, files, pathOf, jsonPath, json, rows });

  // 5. The manifest's statements and the ledger extract.
  if (canonicalJson(manifest.votes) !== canonicalJson(manifestVotes(model)))
    fail(MANIFEST, 'content', `${MANIFEST}: its vote results are not the JSON export's`);
  if (
    canonicalJson(manifest.ledger) !==
    canonicalJson(model.signing && { head: model.signing.head, keyFingerprint: model.signing.keyFingerprint })
  ) {
    fail(MANIFEST, 'content', `${MANIFEST}: its ledger head or key is not the JSON export's`);
  }
  checkExtract(ledgerPath, rows, model.votes, key.publicKeyPem);
  await checkVersions(manifest, files, rows);

  return {
    ok: true,
    fileCount: manifest.files.length,
    keyFingerprint: key.fingerprint,
    keyFromPackage: !options.publicKeyPem,
    fingerprint,
  };
}

/**
 * 3 and 4 for each language version: its JSON's fingerprint and checksum are the manifest's for that
 * version, and every one of its files renders again from its JSON byte for byte. A file of a language the
 * manifest does not list as a version is refused.
 */
async function checkVersions(manifest: Manifest, files: Map<string, Buffer>, rows: LedgerRow[]): Promise<void> {
  const versions = manifest.versions ?? [];
  for (const file of manifest.files)
    if (file.language && !versions.some((v) => v.language === file.language))
      fail(file.path, 'content', `${MANIFEST} lists ${file.path} in ${file.language}, not a version it names`);
  for (const version of versions) {
    const pathOf = (part: string): string =>
      manifest.files.find((f) => f.part === part && f.language === version.language)?.path ??
      fail(MANIFEST, 'content', `${MANIFEST} lists no ${part} file in ${version.language}`);
    const jsonPath = pathOf('json');
    const { json } = checkedJson(jsonPath, files.get(jsonPath)!, version);
    await renderedAgain({ manifest, files, pathOf, jsonPath, json, rows });
  }
}

/** The key to check the signature with: the one given, or the package's own (listed, so checksummed). */
async function signingKeyOf(
  manifest: Manifest,
  options: VerifyPackageOptions,
  read: Read,
): Promise<{ publicKeyPem: string; fingerprint: string }> {
  const pem = options.publicKeyPem ?? (await read(manifest.signature.publicKey)).toString('utf8');
  try {
    return { publicKeyPem: pem, fingerprint: keyFingerprint(pem) };
  } catch (error) {
    return fail(
      options.publicKeyPem ? '(public key)' : manifest.signature.publicKey,
      'key',
      `not an Ed25519 public key: ${(error as Error).message}`,
    );
  }
}

import JSZip from 'jszip';
import { z } from 'zod';
import { sha256Hex } from './model.js';
import { MANIFEST, MANIFEST_FORMAT } from './package.js';

/**
 * Checks a submission package against its manifest: every listed file present with the listed SHA-256,
 * and nothing in the archive that the manifest does not list. The first problem found is reported, naming
 * the file, so whoever receives a damaged package knows what to ask for again.
 */

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.number().int(),
  files: z.array(z.object({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
});

export type PackageCheck =
  | { ok: true; fileCount: number }
  | { ok: false; file: string; problem: 'unreadable' | 'missing' | 'checksum' | 'unlisted'; message: string };

export async function verifyPackage(data: Uint8Array): Promise<PackageCheck> {
  let zip: JSZip;
  try {
    // No CRC check here: a damaged entry then fails its own SHA-256 check below, which names the file.
    zip = await JSZip.loadAsync(data);
  } catch (error) {
    return { ok: false, file: '(package)', problem: 'unreadable', message: `not a readable zip archive: ${(error as Error).message}` };
  }
  const manifestFile = zip.file(MANIFEST);
  if (!manifestFile) return { ok: false, file: MANIFEST, problem: 'missing', message: `${MANIFEST} is missing` };
  let manifest: z.infer<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(await manifestFile.async('string')));
  } catch (error) {
    return { ok: false, file: MANIFEST, problem: 'unreadable', message: `${MANIFEST} is not a valid manifest: ${(error as Error).message}` };
  }
  for (const { path, sha256 } of manifest.files) {
    const file = zip.file(path);
    if (!file) return { ok: false, file: path, problem: 'missing', message: `${path} is listed in the manifest but missing` };
    let actual: string;
    try {
      actual = sha256Hex(await file.async('uint8array'));
    } catch (error) {
      return { ok: false, file: path, problem: 'checksum', message: `${path} cannot be read: ${(error as Error).message}` };
    }
    if (actual !== sha256) return { ok: false, file: path, problem: 'checksum', message: `${path} has SHA-256 ${actual}, the manifest says ${sha256}` };
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const path of Object.keys(zip.files).sort()) {
    if (zip.files[path]!.dir || path === MANIFEST || listed.has(path)) continue;
    return { ok: false, file: path, problem: 'unlisted', message: `${path} is in the package but not in the manifest` };
  }
  return { ok: true, fileCount: manifest.files.length };
}

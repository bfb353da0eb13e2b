import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CLAUSE_KINDS } from '../../shared/domain/clauses.js';
import { LANGUAGE_CODES } from '../../shared/domain/languages.js';

const SEED_DIR = fileURLToPath(new URL('../../data/seed/', import.meta.url));

const declarationFile = z.object({
  id: z.string(),
  title: z.string(),
  symbol: z.string(),
  date: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  clauses: z.array(z.object({ kind: z.enum(CLAUSE_KINDS), text: z.string() })).min(1),
});
export type DeclarationSeed = z.infer<typeof declarationFile>;

/** The demo declaration (`data/seed/almaty-declaration.json`), clause text in the light markup. */
export function readDemoDeclaration(): DeclarationSeed {
  return declarationFile.parse(JSON.parse(fs.readFileSync(SEED_DIR + 'almaty-declaration.json', 'utf8')));
}

/** The 40 demo delegations' ISO 3166-1 alpha-3 codes (`data/seed/delegations.json`). */
export function readDemoDelegations(): string[] {
  return z
    .array(z.string().regex(/^[A-Z]{3}$/))
    .parse(JSON.parse(fs.readFileSync(SEED_DIR + 'delegations.json', 'utf8')));
}

/**
 * The demo's language versions, one file each (`data/seed/almaty-declaration.<code>.json`), in the order of their
 * codes: added in one transaction, perhaps within one millisecond, they are listed in that order either way.
 */
export const DEMO_VERSIONS = ['kk', 'ru'] as const;

const versionFile = z.object({
  code: z.enum(LANGUAGE_CODES),
  note: z.string(),
  /**
   * Aligned with the declaration's clauses: each clause's version in the light markup and where it stands. A
   * stale one carries `originalThen`, the original's wording it was marked current against (earlier than the
   * seeded one), so the demo shows a translator the diff since.
   */
  clauses: z.array(
    z.union([
      z.object({ status: z.literal('missing') }),
      z.object({ status: z.enum(['draft', 'current']), text: z.string().min(1) }),
      z.object({ status: z.literal('stale'), text: z.string().min(1), originalThen: z.string().min(1) }),
    ]),
  ),
});
export type VersionSeed = z.infer<typeof versionFile>;

/** The demo declaration's language versions, in `DEMO_VERSIONS` order. */
export function readDemoVersions(): VersionSeed[] {
  return DEMO_VERSIONS.map((code) => {
    const version = versionFile.parse(
      JSON.parse(fs.readFileSync(`${SEED_DIR}almaty-declaration.${code}.json`, 'utf8')),
    );
    if (version.code !== code)
      throw new RangeError(`almaty-declaration.${code}.json holds the ${version.code} version.`);
    return version;
  });
}

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CLAUSE_KINDS } from '../../shared/domain/clauses.js';

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

import { z } from 'zod';
import { CLAUSE_KINDS, CLAUSE_STATUSES } from '../../shared/domain/clauses.js';
import { STAGES } from '../../shared/domain/stages.js';
import { BALLOT_CHOICES, VOTE_OUTCOMES, VOTE_RULES } from '../../shared/domain/tally.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import type { ExportBlock, ExportList, ExportRun } from './content.js';
import { JSON_FORMAT } from './json.js';
import type { ExportSource, LedgerRow, SourceEndorsement, SourceVote } from './model.js';

/**
 * The JSON export read back into the source it was built from. The JSON holds the whole model — the text with
 * its formatted content, the votes, endorsements, delegations and the ledger it saw — so `buildExportModel`
 * on what this returns gives the model again, and every format can be rendered from it anew. That is how
 * `verify-package` shows that the PDF, DOCX, Akoma Ntoso, HTML and Markdown files say exactly what the JSON
 * says, and the JSON exactly what its fingerprint covers. `RangeError` naming the field when the JSON is
 * not an export of this version.
 */

const run = z.object({ text: z.string(), em: z.boolean(), strong: z.boolean() });
type JsonList = { type: 'list'; depth: number; items: { label: string; runs: ExportRun[]; list: JsonList | null }[] };
const list: z.ZodType<JsonList> = z.lazy(() =>
  z.object({
    type: z.literal('list'),
    depth: z.number().int().min(0),
    items: z.array(z.object({ label: z.string(), runs: z.array(run), list: list.nullable() })).min(1),
  }),
);
const block = z.union([z.object({ type: z.literal('paragraph'), runs: z.array(run) }), list]);
const ledgerRef = z.object({ seq: z.number().int().positive(), hash: z.string() });
const endorsement = z.object({
  delegation: z.string(),
  kind: z.enum(['endorse', 'endorse_with_reservation', 'not_endorse']),
  statement: z.string().nullable(),
  at: z.string(),
});

const exportJsonSchema = z.object({
  format: z.literal(JSON_FORMAT),
  version: z.number().int(),
  document: z.object({
    id: z.string(),
    symbol: z.string(),
    title: z.string(),
    stage: z.enum(STAGES),
    date: z.string(),
    language: z.string().optional(),
    originalLanguage: z.string().optional(),
    metadata: z.record(z.string(), z.unknown()),
  }),
  revision: z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).nullable(),
  generatedAt: z.string(),
  fingerprint: z.string(),
  fingerprinted: z
    .object({
      clauses: z.array(
        z.object({
          kind: z.enum(CLAUSE_KINDS),
          number: z.string().nullable(),
          ref: z.string(),
          content: z.array(block),
        }),
      ),
      versions: z.array(
        z.object({ code: z.string(), clauses: z.array(z.object({ ref: z.string(), content: z.array(block) })) }),
      ),
    })
    .optional(),
  clauses: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(CLAUSE_KINDS),
      status: z.enum(CLAUSE_STATUSES),
      content: z.array(block).min(1),
      untranslated: z.literal(true).optional(),
    }),
  ),
  annexes: z.object({
    endorsements: z.object({ endorsing: z.array(endorsement), notEndorsing: z.array(endorsement) }).nullable(),
  }),
  votes: z.array(
    z.object({
      id: z.string(),
      subject: z.object({ type: z.enum(['amendment', 'clause', 'document']), id: z.string().nullable() }),
      rule: z.enum(VOTE_RULES),
      quorum: z.number().nullable(),
      openedAt: z.string(),
      closedAt: z.string(),
      result: z.object({
        outcome: z.enum(VOTE_OUTCOMES),
        yes: z.number(),
        no: z.number(),
        abstain: z.number(),
        present: z.number(),
        required: z.number().optional(),
      }),
      ballots: z.array(
        z.object({
          delegation: z.string(),
          choice: z.enum(BALLOT_CHOICES).nullable(),
          explanation: z.string().nullable(),
        }),
      ),
      ledger: ledgerRef.nullable(),
    }),
  ),
  delegations: z.array(z.object({ code: z.string(), name: z.string() })),
  ledger: z.object({ keyFingerprint: z.string(), head: ledgerRef.nullable() }).nullable(),
});

/** The JSON export (already parsed) and the ledger extract beside it, as the source of the export. */
export function sourceFromJson(json: unknown, ledger: LedgerRow[]): ExportSource {
  const parsed = exportJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RangeError(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const j = parsed.data;
  const endorsements: SourceEndorsement[] = j.annexes.endorsements
    ? [...j.annexes.endorsements.endorsing, ...j.annexes.endorsements.notEndorsing].map((e) => ({
        delegation: e.delegation,
        kind: e.kind,
        statement: e.statement,
        at: e.at,
      }))
    : [];
  return {
    document: {
      id: j.document.id,
      title: j.document.title,
      symbol: j.document.symbol,
      stage: j.document.stage,
      date: j.document.date,
      metadata: j.document.metadata,
    },
    revision: j.revision,
    clauses: j.clauses.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status,
      content: clauseJson(c.content),
      ...(c.untranslated ? { untranslated: true } : {}),
    })),
    // Checked above, and kept as written: the JSON is rendered again from it byte for byte.
    fingerprinted: j.fingerprinted
      ? ((json as { fingerprinted: ExportSource['fingerprinted'] }).fingerprinted ?? null)
      : null,
    // A language version says which original it was translated from; the original says nothing more.
    language:
      j.document.originalLanguage && j.document.language
        ? { code: j.document.language, original: j.document.originalLanguage }
        : null,
    delegations: j.delegations,
    votes: j.votes.map((v): SourceVote => ({
      id: v.id,
      subject: v.subject.type === 'document' ? { type: 'document' } : { type: v.subject.type, id: v.subject.id },
      rule: v.rule,
      quorum: v.quorum,
      openedAt: v.openedAt,
      closedAt: v.closedAt,
      result: v.result,
      ballots: v.ballots.flatMap((b) =>
        b.choice === null ? [] : [{ delegation: b.delegation, choice: b.choice, explanation: b.explanation }],
      ),
      ledger: v.ledger,
    })),
    endorsements,
    ledger,
    signing: j.ledger,
    generatedAt: j.generatedAt,
  };
}

/** Formatted content back into the clause schema's JSON: the inverse of `clauseBlocks`. */
export function clauseJson(blocks: readonly ExportBlock[]): ClauseJSON {
  return { type: 'doc', content: blocks.map((b) => (b.type === 'paragraph' ? paragraph(b.runs) : subparagraphs(b))) };
}

function paragraph(runs: readonly ExportRun[]): ClauseJSON {
  const content = runs
    .filter((r) => r.text !== '')
    // Marks in the schema's order (em before strong), as ProseMirror's check requires.
    .map((r): ClauseJSON => ({
      type: 'text',
      text: r.text,
      ...(r.em || r.strong
        ? { marks: [...(r.em ? [{ type: 'em' }] : []), ...(r.strong ? [{ type: 'strong' }] : [])] }
        : {}),
    }));
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function subparagraphs(l: ExportList): ClauseJSON {
  return {
    type: 'subparagraphs',
    content: l.items.map((item) => ({
      type: 'subparagraph',
      content: [paragraph(item.runs), ...(item.list ? [subparagraphs(item.list)] : [])],
    })),
  };
}

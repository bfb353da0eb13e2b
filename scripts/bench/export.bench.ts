import fs from 'node:fs';
import { runAlone } from './benchTools.js';
import os from 'node:os';
import path from 'node:path';
import { toMarkup } from '../../shared/editor/markup.js';
import { clauseFromJSON } from '../../shared/editor/schema.js';
import { loadConfig } from '../../server/config.js';
import { consoleLogger, type AppContext } from '../../server/context.js';
import { openStorage } from '../../server/db/connection.js';
import { Store } from '../../server/db/store.js';
import { DocRegistry } from '../../server/collab/registry.js';
import { Events } from '../../server/realtime/events.js';
import { generateSigningKey } from '../../server/ledger/signingKey.js';
import { createDocument } from '../../server/commands/createDocument.js';
import { exportDocument } from '../../server/commands/exportDocument.js';
import { benchExports } from '../../server/export/bench.js';
import { DELEGATIONS, generatedSource } from '../../server/export/fixtures.js';
import type { BenchSection } from './ballots.bench.js';

/** Targets (ms): every format of a 200-clause declaration within one second, the whole package within three. */
const TARGET_MS = { format: 1000, package: 3000 } as const;
/** Timed renderings per format, after one to warm up; the median is reported. */
const RUNS = 5;

const LABELS: Record<string, string> = {
  model: 'document model (numbering, text, checksum, annexes)',
  pdf: 'PDF',
  docx: 'DOCX',
  akn: 'Akoma Ntoso XML',
  html: 'HTML',
  md: 'Markdown',
  json: 'JSON',
  package: 'submission package (every format, ledger extract, manifest)',
  'request:pdf': 'PDF, through the export command (read from SQLite and Yjs, render, record)',
  'request:package': 'package, through the export command',
};

/**
 * The same declaration stored the way the server stores it (clause rows in SQLite, text in a Y.Doc) on a
 * fresh database, exported through the command a request runs: read the text and records in one
 * transaction, render, commit the ledger row. Median of `RUNS` after one warm-up, per format.
 */
async function endToEnd(formats: readonly ('pdf' | 'package')[]): Promise<{ format: string; ms: number }[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-bench-export-'));
  const config = loadConfig({ DATA_DIR: dataDir, SEED: 'none', LOG_LEVEL: 'silent' });
  const store = new Store(await openStorage({ dataDir: config.dataDir }));
  const ctx: AppContext = {
    config,
    store,
    registry: new DocRegistry(store),
    events: new Events(store, consoleLogger('silent')),
    log: consoleLogger('silent'),
    signingKey: generateSigningKey(),
  };
  try {
    const source = generatedSource(200);
    await store.transaction(async () => {
      await store.conferences.insert({
        id: 'bench',
        name: 'Benchmark conference',
        place: '',
        startsOn: null,
        endsOn: null,
      });
      for (const d of DELEGATIONS) await store.delegations.insert(d.code, 'bench');
    });
    await createDocument(ctx, null, {
      id: source.document.id,
      conferenceId: 'bench',
      title: source.document.title,
      symbol: source.document.symbol,
      metadata: source.document.metadata,
      clauses: source.clauses.map((c) => ({ kind: c.kind, text: toMarkup(clauseFromJSON(c.content)) })),
    });
    const out: { format: string; ms: number }[] = [];
    for (const format of formats) {
      const times: number[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const start = performance.now();
        await exportDocument(ctx, null, source.document.id, { format, revision: null });
        if (i > 0) times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      out.push({ format: `request:${format}`, ms: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10 });
    }
    return out;
  } finally {
    await ctx.registry.unloadAll();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Export timings for the 200-clause declaration, one row per format with its verdict against the target. */
export async function run(): Promise<BenchSection> {
  const results = [...(await benchExports(RUNS)), ...(await endToEnd(['pdf', 'package']))];
  const rows = results.map(({ format, ms }) => {
    const target = format.endsWith('package') ? TARGET_MS.package : TARGET_MS.format;
    return { format, ms, target, pass: ms < target };
  });
  const pass = rows.every((r) => r.pass);
  const markdown = [
    `A generated declaration of 200 clauses (title, 40 preambular paragraphs, operative paragraphs with subparagraphs, headings, 3 annexes; multilingual text) with a recorded vote of 40 delegations, their endorsements and a ledger extract. Each format is rendered once to warm up (fonts are read and indexed on first use), then ${RUNS} times from the same model; the median is shown. Rendering runs in one Node.js process on ${os.cpus().length} cores (Node ${process.version}).`,
    '',
    '| format | median ms | target | result |',
    '|---|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${LABELS[r.format] ?? r.format} | ${r.ms.toFixed(1)} | < ${r.target} | ${r.pass ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    `Targets (every format under ${TARGET_MS.format} ms, the package under ${TARGET_MS.package} ms): **${pass ? 'met' : 'NOT met'}**. ` +
      'The last two rows read the stored declaration (without votes) from a fresh SQLite database and commit the ledger row, as a request does.',
  ].join('\n');
  return { title: 'Export: a 200-clause declaration in every format', markdown };
}

// `tsx scripts/bench/export.bench.ts` runs this section alone.
runAlone(import.meta.url, run);

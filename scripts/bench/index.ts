/**
 * `npm run bench`: runs every benchmark module in this folder (`*.bench.ts`, each exporting
 * `run(): Promise<BenchSection>`) one after the other — they measure CPU, so never in parallel — and writes
 * their sections to `docs/benchmarks.md` under a header describing the machine. `npm run bench -- collab`
 * runs only the modules whose file name contains "collab" (and rewrites only their sections).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What a benchmark module reports: a heading and its Markdown (tables, targets, notes). */
export interface BenchSection {
  title: string;
  markdown: string;
}

export interface BenchModule {
  run(): Promise<BenchSection>;
}

const DIR = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.resolve(DIR, '../../docs/benchmarks.md');

function machine(): string {
  const cpus = os.cpus();
  return [
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  ].join('\n');
}

/** Keeps sections of modules that were not run this time. */
function previousSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!fs.existsSync(OUTPUT)) return sections;
  const text = fs.readFileSync(OUTPUT, 'utf8');
  const parts = text.split(/^(?=## )/m).slice(1);
  for (const part of parts) sections.set(part.split('\n', 1)[0]!.slice(3).trim(), part.trimEnd());
  return sections;
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark matches ${filter ?? '*.bench.ts'}`);
    process.exit(2);
  }
  const sections = previousSections();
  for (const file of files) {
    console.log(`\n== ${file}`);
    const mod = (await import(pathToFileURL(path.join(DIR, file)).href)) as BenchModule;
    const section = await mod.run();
    sections.set(section.title, `## ${section.title}\n\n${section.markdown.trim()}`);
    console.log(section.markdown);
  }
  const body = [...sections.values()].join('\n\n');
  fs.writeFileSync(
    OUTPUT,
    `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench/). Each section says what it measured and against which targets.\n\n${machine()}\n\n${body}\n`,
  );
  console.log(`\nWrote ${path.relative(process.cwd(), OUTPUT)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

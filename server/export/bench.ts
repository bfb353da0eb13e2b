import { generatedSource } from './fixtures.js';
import { EXPORT_FORMATS, renderExport } from './index.js';
import { buildExportModel } from './model.js';
import { generateSigningKey } from '../ledger/signingKey.js';

/**
 * Export timings for a declaration of 200 clauses (targets: each format under 1 s, the package under 3 s).
 * Each format is rendered once to warm up (fonts are read and indexed on first use), then timed as the
 * median of `runs` renderings from the same model; `model` times building the model itself.
 */
export async function benchExports(runs = 5): Promise<{ format: string; ms: number }[]> {
  const source = generatedSource(200);
  const results: { format: string; ms: number }[] = [];
  const median = async (work: () => unknown): Promise<number> => {
    await work();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await work();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
  };
  results.push({ format: 'model', ms: await median(() => buildExportModel(source)) });
  const model = buildExportModel(source);
  const signingKey = generateSigningKey();
  for (const format of EXPORT_FORMATS)
    results.push({ format, ms: await median(() => renderExport(format, model, { signingKey })) });
  return results;
}

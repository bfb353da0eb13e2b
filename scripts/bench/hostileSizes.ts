/** The hostile-load benchmark's sizes, each overridable from the environment. */
const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
export const CLIENTS = env('BENCH_CLIENTS', 1200);
export const TYPISTS = env('BENCH_TYPISTS', 10);
export const SECONDS = env('BENCH_SECONDS', 20);
export const HISTORY = env('BENCH_HISTORY', 3000);
export const HOSTILE_AT = env('BENCH_HOSTILE_AT', 3000);
export const KEYS_PER_SECOND = 5;
export const ACTORS = 10;
export const GUESSES = 200;
/** How long after the attack's start its burst is counted (`RoundResult.burst`), in ms. */
export const BURST_MS = 1500;
export const ALL_PARTS = ['amendments', 'exports', 'flood', 'guesses'];

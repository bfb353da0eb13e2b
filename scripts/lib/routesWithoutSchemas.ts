import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { ROUTES } from '../../shared/api/routes.js';

/** The module the client imports its route table from. */
const ROUTES_MODULE = fileURLToPath(new URL('../../shared/api/routes.ts', import.meta.url));

/**
 * The route table as the browser uses it: each route's method, path and whether it is open. Its zod schemas
 * check requests at the server's edge; the browser never runs them (the type checker proves its requests
 * against the real table), and shipping them would put zod, and every schema, on each person's first load.
 */
export function clientRouteTable(): string {
  const table = Object.fromEntries(
    Object.entries(ROUTES).map(([name, r]) => [name, { method: r.method, path: r.path, open: r.open, answer: {} }]),
  );
  return [
    '// The route table without its schemas (scripts/lib/routesWithoutSchemas.ts).',
    `export const ROUTES = ${JSON.stringify(table)};`,
  ].join('\n');
}

/**
 * In the client's build, `shared/api/routes.ts` is replaced by `clientRouteTable()`, computed from the real
 * table when the build starts. Type checking and the tests read the real module.
 */
export function routesWithoutSchemas(): Plugin {
  return {
    name: 'accord:routes-without-schemas',
    enforce: 'pre',
    load(id) {
      return id.split('?')[0] === ROUTES_MODULE ? clientRouteTable() : null;
    },
  };
}

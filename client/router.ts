import type { Role } from '../shared/domain/roles.js';

/** What a route renders into the page's main region. */
export interface View {
  el: HTMLElement;
  /** Page title (without the app name). */
  title: string;
  /** Releases sockets, editors and listeners when the view is left. */
  destroy?(): void;
}

export interface RouteMatch {
  params: Record<string, string>;
  query: URLSearchParams;
}

export type ViewFactory = (match: RouteMatch) => View | Promise<View>;

export interface RouteOptions {
  /** Reachable without signing in. Default false. */
  public?: boolean;
  /** Roles that may open the route; others see "not found". Default: every signed-in role. */
  roles?: readonly Role[];
}

interface Route extends RouteOptions {
  pattern: RegExp;
  keys: string[];
  factory: ViewFactory;
}

const routes: Route[] = [];

/** A screen's own chunk did not arrive (the network dropped): the page says so, and "Try again" loads it again. */
export class ChunkLoadError extends Error {}

/**
 * A route whose screen is a chunk of its own, loaded on its first visit (`() => import('./views/X.js')`): what
 * a document page does not show (the chair's console, the projector, the export screen…) stays out of the
 * document page's load. A failed load is tried again on the next visit.
 */
export function lazyView<M>(
  load: () => Promise<M>,
  make: (module: M, match: RouteMatch) => View | Promise<View>,
): ViewFactory {
  return async (match) => {
    const module = await load().catch((error: unknown) => {
      throw new ChunkLoadError(error instanceof Error ? error.message : String(error));
    });
    return make(module, match);
  };
}

/**
 * Registers a client route. Patterns use `:name` segments: `/documents/:id/compilation`. Features register
 * their routes from their own modules (see main.ts), most specific first.
 */
export function route(path: string, factory: ViewFactory, options: RouteOptions = {}): void {
  const keys: string[] = [];
  const source = path.replace(/\/:([A-Za-z]+)/g, (_m, key: string) => {
    keys.push(key);
    return '/([^/]+)';
  });
  routes.push({ pattern: new RegExp(`^${source}/?$`), keys, factory, ...options });
}

/** The route for a path, with decoded parameters. */
export function resolve(pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      r.keys.forEach((key, i) => {
        params[key] = decodeURIComponent(m[i + 1]!);
      });
    } catch {
      return undefined; // a malformed escape ("%E0") names nothing: the page is not found
    }
    return { route: r, params };
  }
  return undefined;
}

interface DeferredRoutes {
  pattern: RegExp;
  load: () => Promise<unknown>;
  /** The load under way or done; unset again when it failed. */
  loading?: Promise<void>;
  /** The module has registered its routes. */
  done: boolean;
}

const deferred: DeferredRoutes[] = [];

/**
 * Declares that the routes for paths matching `pattern` are registered by a module loaded on first visit
 * (`() => import('./…')`), so what those pages need (the editor, Yjs) stays out of the first page's load.
 * Every such route requires a signed-in person.
 */
export function deferRoutes(pattern: RegExp, load: () => Promise<unknown>): void {
  deferred.push({ pattern, load, done: false });
}

/** Whether a path is served by routes not registered yet, loading or not (see `deferRoutes`). */
export function awaitsRoutes(pathname: string): boolean {
  return deferred.some((d) => !d.done && d.pattern.test(pathname));
}

/**
 * Loads, once, the modules that register the routes for `pathname`, joining a load already under way; a
 * failed load (the network dropped) is tried again on the next call.
 */
export async function loadRoutesFor(pathname: string): Promise<void> {
  for (const d of deferred) {
    if (!d.pattern.test(pathname)) continue;
    d.loading ??= d.load().then(
      () => {
        d.done = true;
      },
      (error: unknown) => {
        d.loading = undefined;
        throw error;
      },
    );
    await d.loading;
  }
}

type Listener = () => void;
const listeners = new Set<Listener>();
/** Path and query of the page the listeners were last told about. */
let shownPage: string | undefined;

/** Path and query: what a view is rendered from (the hash only scrolls within the page). */
function pageOf(): string {
  return location.pathname + location.search;
}

function notify(): void {
  shownPage = pageOf();
  listeners.forEach((fn) => fn());
}

/** Goes to a path inside the app without reloading. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  notify();
}

/**
 * Calls `fn` when the app navigates and when the history moves to another page. Following a link to a place
 * on the same page (the skip link, or going back from one) also fires `popstate`; that is left to the browser,
 * since a re-render would replace the content and take the focus back from where the user has since moved it.
 */
export function onNavigate(fn: Listener): void {
  if (shownPage === undefined) {
    shownPage = pageOf();
    window.addEventListener('popstate', () => {
      if (pageOf() !== shownPage) notify();
    });
  }
  listeners.add(fn);
}

/**
 * Same-origin link clicks become in-app navigation (new tabs and downloads keep browser behaviour). A link to
 * pages whose code is not loaded yet (`deferRoutes`) starts loading it as soon as the pointer is over it or the
 * focus on it: the click that follows finds it arriving or there.
 */
export function interceptLinks(root: HTMLElement): void {
  const early = (event: Event): void => {
    const a = event.target instanceof Element ? event.target.closest('a') : null;
    if (!a || a.origin !== location.origin || !awaitsRoutes(a.pathname)) return;
    // A load that fails here is tried again, and reported, by the click's own.
    loadRoutesFor(a.pathname).catch(() => undefined);
  };
  root.addEventListener('pointerover', early);
  root.addEventListener('focusin', early);
  root.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const a = (event.target as Element).closest('a');
    if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
    if (a.pathname.startsWith('/api/')) return;
    // A link to a place on this page (the skip link) is the browser's to follow: no re-render.
    if (a.hash && a.pathname === location.pathname && a.search === location.search) return;
    event.preventDefault();
    navigate(a.pathname + a.search + a.hash);
  });
}

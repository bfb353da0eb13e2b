import './styles/main.css';
import { DOCUMENT_PAGES, FIRST_LOOK_ID } from '../shared/protocol/pages.js';
import { ApiError, setUnauthenticatedHandler } from './api/http.js';
import { prefetchPage } from './api/prefetch.js';
import { getSocket } from './api/socket.js';
import { mountToasts } from './components/toasts.js';
import { errorMessage, initI18n, onLanguageChanged, t } from './i18n/index.js';
import { addNavItem, loadingView, renderFrame } from './layout.js';
import {
  awaitsRoutes,
  ChunkLoadError,
  deferRoutes,
  interceptLinks,
  lazyView,
  loadRoutesFor,
  navigate,
  onNavigate,
  resolve,
  route,
  type View,
} from './router.js';
import { currentUser, dropSession, loadSession } from './session.js';
import { LinkLoginView, LoginView } from './views/LoginView.js';
import { DocumentsView } from './views/DocumentsView.js';
import { ErrorView, NotFoundView } from './views/NotFoundView.js';

route('/login', ({ query }) => LoginView(query), { public: true });
route('/login/link', () => LinkLoginView(), { public: true });
route('/', () => DocumentsView());
route('/documents', () => DocumentsView());
// The administration and a Word draft's import: chunks of their own, loaded when someone goes there.
route(
  '/admin',
  lazyView(
    () => import('./views/AdminView.js'),
    (m) => m.AdminView(),
  ),
  { roles: ['admin'] },
);
route(
  '/drafts/import',
  lazyView(
    () => import('./views/ImportView.js'),
    (m) => m.ImportView(),
  ),
);
// A document's pages (its editors, the chair's console, the projector…) load when one first opens, or when the
// pointer or the focus is first on a link to one (`interceptLinks`).
deferRoutes(DOCUMENT_PAGES, () => import('./documentRoutes.js'));
addNavItem({ href: '/documents', label: () => t('nav.documents'), visible: () => true });
addNavItem({ href: '/admin', label: () => t('nav.admin'), visible: (role) => role === 'admin' });

const app = document.getElementById('app')!;
let current: View | undefined;
let renderSeq = 0;

/** Renders the route for the current URL: frame, then the view (with a loading state and a retry on error). */
async function render(): Promise<void> {
  const seq = ++renderSeq;
  current?.destroy?.();
  current = undefined;
  const path = location.pathname;
  const match = resolve(path);
  const isPublic = match ? match.route.public : !awaitsRoutes(path);
  if (!isPublic && !currentUser()) {
    navigate(`/login?next=${encodeURIComponent(path + location.search)}`, { replace: true });
    return;
  }
  // The first visit to a document's pages in this session waits for their code: its text and its live copy's
  // socket travel meanwhile, as on a visit that starts there (`boot`).
  if (awaitsRoutes(path)) prefetchPage(path, location.search);
  const main = renderFrame(app, path);
  // The view left is gone already: `<main>` stays empty until the next one arrives (or says it is loading).
  main.replaceChildren();
  app.setAttribute('aria-busy', 'true');
  // The text the server drew (a document's first look) shows until the page is drawn, in place of "loading".
  const firstLook = document.getElementById(FIRST_LOOK_ID);
  const timer = firstLook ? undefined : setTimeout(() => main.replaceChildren(loadingView()), 300);
  let view: View;
  try {
    view = await viewFor(path);
  } catch (error) {
    view = ErrorView(errorMessage(error), () => void render());
  }
  clearTimeout(timer);
  if (seq !== renderSeq) {
    view.destroy?.();
    return;
  }
  current = view;
  main.replaceChildren(view.el);
  firstLook?.remove();
  app.setAttribute('aria-busy', 'false');
  document.title = `${view.title} · ${t('app.name')}`;
}

/** The view for a path, once the routes it needs are loaded; "not found" for a role the route does not admit. */
async function viewFor(path: string): Promise<View> {
  if (awaitsRoutes(path)) {
    await loadRoutesFor(path).catch((error: unknown) => {
      throw networkError(error);
    });
  }
  const match = resolve(path);
  const user = currentUser();
  const allowed = match && (!match.route.roles || (user && match.route.roles.includes(user.role)));
  if (!allowed) return NotFoundView();
  try {
    return await match.route.factory({ params: match.params, query: new URLSearchParams(location.search) });
  } catch (error) {
    throw error instanceof ChunkLoadError ? networkError(error) : error;
  }
}

/** The browser's own words for a chunk that did not arrive name a file; the person needs the network's. */
function networkError(error: unknown): ApiError {
  return new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
}

async function boot(): Promise<void> {
  // A visit that starts on a document fetches its pages while the strings and the session load.
  if (awaitsRoutes(location.pathname)) void loadRoutesFor(location.pathname).catch(() => undefined);
  // The strings and the session are read side by side: neither needs the other. The page the server sent names
  // who is signed in, known as soon as `loadSession` is called: their page's first read starts now too.
  const session = loadSession();
  if (currentUser()) prefetchPage(location.pathname, location.search);
  await Promise.all([initI18n(), session]);
  setUnauthenticatedHandler(() => {
    dropSession();
    navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true });
  });
  mountToasts();
  interceptLinks(app);
  onNavigate(() => {
    void render().then(() => document.getElementById('main')?.focus({ preventScroll: true }));
  });
  onLanguageChanged(() => {
    // The frame is rebuilt in the new language; whoever used the switch keeps the focus on it.
    const fromSwitch = document.activeElement?.id === 'language';
    void render();
    if (fromSwitch) document.getElementById('language')?.focus();
  });
  if (currentUser()) {
    getSocket().on('session:ended', () => {
      dropSession();
      navigate('/login', { replace: true });
    });
  }
  await render();
}

void boot();

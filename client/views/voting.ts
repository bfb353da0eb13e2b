import '../styles/voting.css';
import type { NowDiscussing, VoteJson } from '../../shared/api/votes.js';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import { countryName } from '../../shared/domain/countries.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { h, replaceChildren } from '../dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { lazyView, route } from '../router.js';
import { extendDocumentView, type DocumentPage } from './DocumentView.js';
import { secondLanguageOf } from './projectorLanguages.js';
import { onDocumentEvents } from '../components/documentEvents.js';

/**
 * The decision side of the client: the chair's console, the projector and the delegation's page as routes,
 * and on every document page the links to them, the open votes, and the clause the chair is discussing
 * (highlighted; "Follow the chair" scrolls to it as it moves).
 */
// Each screen is a chunk of its own: a document page loads none of them.
route(
  '/documents/:id/chair',
  lazyView(
    () => import('./ChairConsole.js'),
    (m, { params }) => m.ChairConsole(params.id!),
  ),
  { roles: ['chair'] },
);
route(
  '/documents/:id/delegation',
  lazyView(
    () => import('./DelegationView.js'),
    (m, { params }) => m.DelegationView(params.id!),
  ),
  { roles: ['head', 'delegate'] },
);
route(
  '/projector/:documentId',
  lazyView(
    () => import('./ProjectorView.js'),
    (m, { params, query }) => m.ProjectorView(params.documentId!, secondLanguageOf(query)),
  ),
);

const FOLLOW_KEY = 'accord.followChair';

/**
 * Marks the clause the chair is discussing (a class and a badge beside it), and scrolls to it as it moves when
 * the reader follows the chair (`follow`, remembered in this browser).
 */
function nowDiscussingMarker(
  page: DocumentPage,
  follow: HTMLInputElement,
): { mark(now: NowDiscussing, scroll: boolean): void } {
  let discussed: string | null = null;
  /** The badge this feature put beside the clause under discussion. */
  let badge: HTMLElement | null = null;
  const mark = (now: NowDiscussing, scroll: boolean): void => {
    if (discussed) page.clauses.get(discussed)?.root.classList.remove('now-discussing');
    badge?.remove();
    badge = null;
    discussed = now.clauseId;
    const slots = discussed ? page.clauses.get(discussed) : undefined;
    if (!slots) return;
    slots.root.classList.add('now-discussing');
    badge = h('span', { class: 'badge now-discussing' }, t('voting:nowDiscussing.badge'));
    slots.aside.prepend(badge);
    if (scroll && follow.checked) slots.root.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };
  follow.addEventListener('change', () => {
    localStorage.setItem(FOLLOW_KEY, follow.checked ? '1' : '0');
    if (follow.checked && discussed) page.clauses.get(discussed)?.root.scrollIntoView({ block: 'center' });
  });
  return { mark };
}

/**
 * Draws the votes open now into `banner`, each named ("amendment by France to OP1"), and linked to the
 * delegation's page for a delegate. `votes()` is null once the page is left.
 */
function openVotesBanner(page: DocumentPage, banner: HTMLElement, votes: () => VoteJson[] | null): () => void {
  const enc = encodeURIComponent(page.documentId);
  // The amendments put to the vote, read once each: the banner names who proposed them and to which clause.
  const amendments = new Map<string, AmendmentJson | null>();
  const amendmentLabel = (id: string): string => {
    const a = amendments.get(id);
    if (a === undefined) {
      amendments.set(id, null);
      void call(ROUTES.amendment, { params: { id } }).then(
        (found) => {
          amendments.set(id, found);
          render();
        },
        () => {},
      );
    }
    if (!a) return t('voting:subject.anAmendment');
    const ref = page.data.clauses.find((c) => c.id === a.clauseId)?.ref ?? t('voting:subject.deletedClause');
    return t('voting:subject.amendment', { delegation: countryName(a.delegation, currentLanguage()), ref });
  };
  const label = (v: VoteJson): string =>
    v.subject.type === 'document'
      ? t('voting:subject.document')
      : v.subject.type === 'clause'
        ? (page.data.clauses.find((c) => c.id === v.subject.id)?.ref ?? '')
        : amendmentLabel(v.subject.id);
  const render = (): void => {
    const now = votes();
    if (!now) return;
    replaceChildren(
      banner,
      now
        .filter((v) => v.status === 'open')
        .map((v) => {
          const text = t('voting:links.openVote', { subject: label(v) });
          return h(
            'span',
            null,
            page.user.delegation ? h('a', { href: `/documents/${enc}/delegation` }, text) : text,
            ' ',
          );
        }),
    );
  };
  return render;
}

extendDocumentView((page) => {
  const enc = encodeURIComponent(page.documentId);
  const links = [
    page.user.role === 'chair'
      ? h('a', { class: 'action-link', href: `/documents/${enc}/chair` }, t('voting:links.chair'))
      : null,
    page.user.delegation
      ? h('a', { class: 'action-link', href: `/documents/${enc}/delegation` }, t('voting:links.delegation'))
      : null,
    h(
      'a',
      { class: 'action-link', href: `/projector/${enc}`, target: '_blank', rel: 'noopener' },
      t('voting:links.projector'),
    ),
  ].filter((link): link is HTMLAnchorElement => link !== null);
  page.actions.prepend(...links);
  const banner = h('p', { class: 'vote-banner', role: 'status' });
  const follow = h('input', {
    type: 'checkbox',
    id: 'follow-chair',
    checked: localStorage.getItem(FOLLOW_KEY) === '1',
  });
  const followLabel = h(
    'label',
    { class: 'follow-chair', for: 'follow-chair' },
    follow,
    ' ',
    t('voting:nowDiscussing.follow'),
  );
  page.toolbar.append(h('div', { class: 'voting-toolbar' }, followLabel, banner));

  const { mark } = nowDiscussingMarker(page, follow);

  let votes: VoteJson[] = [];
  let alive = true;
  const renderBanner = openVotesBanner(page, banner, () => (alive ? votes : null));

  void Promise.all([
    call(ROUTES.nowDiscussing, { params: { id: page.documentId } }),
    call(ROUTES.votes, { params: { id: page.documentId } }),
  ]).then(([now, list]) => {
    if (!alive) return;
    mark(now, true);
    votes = list.votes;
    renderBanner();
  });

  const unlisten = onDocumentEvents(page.documentId, {
    'document:nowDiscussing': (e) => mark(e, true),
    'vote:opened': ({ vote }) => {
      votes = [...votes.filter((v) => v.id !== vote.id), vote];
      renderBanner();
    },
    'vote:closed': ({ vote }) => {
      votes = votes.map((v) => (v.id === vote.id ? vote : v));
      renderBanner();
    },
    'vote:lapsed': ({ vote }) => {
      votes = votes.map((v) => (v.id === vote.id ? vote : v));
      renderBanner();
    },
  });
  return () => {
    alive = false;
    unlisten();
  };
});

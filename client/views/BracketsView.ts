import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { Actions } from '../api/actions.js';
import { withBracket } from '../api/brackets.js';
import { call } from '../api/http.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { scrollToHash } from '../components/scrollToHash.js';
import { bracketItem, bt } from '../components/bracketLines.js';
import { h } from '../dom.js';
import { dateTime } from '../i18n/dates.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';

/**
 * The document's open brackets, clause by clause in the order of the text, each UN style with who placed it,
 * and for the secretariat the ways to resolve it here; resolved ones on request, with how and by whom. The
 * status bar's bracket count and each clause's bracket link lead here. Follows brackets live.
 */
export async function BracketsView(documentId: string): Promise<View> {
  const root = h('div', { class: 'brackets-page' });
  const params = { id: documentId };
  const actions = new Actions();
  let showResolved = false;
  let data!: DocumentJson;
  let brackets!: BracketJson[];
  let reading = 0;

  const draw = (): void =>
    root.replaceChildren(
      ...buildList(data, brackets, {
        documentId,
        actions,
        showResolved,
        toggle: (on) => ((showResolved = on), again()),
        resolved: (answer) => ((brackets = withBracket(brackets, answer, !showResolved)), draw()),
      }),
    );
  const read = async (): Promise<void> => {
    reading += 1;
    try {
      [data, { brackets }] = await Promise.all([
        call(ROUTES.document, { params }),
        call(ROUTES.brackets, { params, query: { status: showResolved ? 'all' : 'open' } }),
      ]);
    } finally {
      reading -= 1;
    }
    draw();
  };
  const again = (): void => void read().catch(() => {});

  await read();
  scrollToHash(root);
  const unfollow = followDocumentEvents(documentId, {
    'bracket:changed': (e) => {
      if (reading > 0) return again();
      brackets = withBracket(brackets, e.bracket, !showResolved);
      draw();
    },
    // References follow the order and kinds; permissions the stage and statuses.
    'document:stage': again,
    'clause:kind': again,
    'clause:status': again,
  });
  return { title: bt('list.title'), el: root, destroy: unfollow };
}

interface ListOptions {
  documentId: string;
  actions: Actions;
  showResolved: boolean;
  toggle(showResolved: boolean): void;
  /** Told of a bracket as the server answered its resolution. */
  resolved(bracket: BracketJson): void;
}

/** The page: the way back, the count, the switch for resolved ones, and each bracket with its clause and who. */
function buildList(doc: DocumentJson, list: BracketJson[], o: ListOptions): HTMLElement[] {
  const user = currentUser()!;
  const open = list.filter((b) => b.status === 'open');
  const resolved = list.filter((b) => b.status === 'resolved');
  const toggle = h('input', {
    type: 'checkbox',
    id: 'brackets-show-resolved',
    checked: o.showResolved,
    onchange: () => o.toggle(toggle.checked),
  }) as HTMLInputElement;
  const anchored = new Set<string>();
  const item = (b: BracketJson): HTMLElement => {
    // The first bracket of a clause is where a clause's link (`#clause-<id>`) lands.
    const first = b.status === 'open' && !anchored.has(b.clauseId);
    anchored.add(b.clauseId);
    const clause = doc.clauses.find((c) => c.id === b.clauseId);
    const li = bracketItem(b, {
      documentId: o.documentId,
      actions: o.actions,
      canResolve: can(user, 'bracket.resolve', {
        stage: doc.stage,
        ...(clause ? { clauseStatus: clause.status } : {}),
      }),
      resolved: o.resolved,
    });
    li.prepend(
      h(
        'a',
        { class: 'bracket-clause', href: `/documents/${encodeURIComponent(o.documentId)}#clause-${b.clauseId}` },
        b.clauseRef ?? bt('list.left'),
      ),
      ' ',
    );
    if (first) li.prepend(h('span', { id: `clause-${b.clauseId}` }));
    li.append(
      h(
        'p',
        { class: 'meta' },
        b.resolution
          ? bt(`list.resolved.${b.resolution.kind}`, { label: b.resolution.label, name: b.resolution.byName })
          : bt('line.placedBy', { name: b.createdByName }),
        ' · ',
        dateTime(b.resolution?.at ?? b.createdAt),
      ),
    );
    return li;
  };
  return [
    h(
      'p',
      { class: 'breadcrumbs' },
      h('a', { href: `/documents/${encodeURIComponent(o.documentId)}` }, bt('list.back')),
    ),
    h('h1', { tabindex: '-1' }, bt('list.title')),
    h('p', { class: 'document-meta' }, doc.title, ' · ', doc.symbol, ' · ', bt('list.count', { count: open.length })),
    h('p', null, toggle, ' ', h('label', { for: toggle.id }, bt('list.showResolved'))),
    open.length
      ? h('ul', { class: 'bracket-list', 'aria-label': bt('list.title') }, open.map(item))
      : h('p', { class: 'empty' }, bt('list.empty')),
    o.showResolved && resolved.length
      ? [
          h('h2', null, bt('list.resolvedTitle')),
          h('ul', { class: 'bracket-list resolved', 'aria-label': bt('list.resolvedTitle') }, resolved.map(item)),
        ]
      : [],
  ].flat();
}

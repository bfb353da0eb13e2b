import { isPending, type AmendmentJson } from '../../shared/api/amendments.js';
import { dateTime } from '../i18n/dates.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import { furthestFirst } from '../../shared/domain/voteOrder.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { scrollToHash } from '../components/scrollToHash.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { amendmentCard } from '../components/amendmentCard.js';
import { StatusBar } from '../components/StatusBar.js';
import { delegationTag, nt } from '../components/negotiationKit.js';
import { withClauseAmendments } from '../api/liveLists.js';

/**
 * The compilation negotiators print: the whole text clause by clause, each with the amendments to it (those
 * awaiting a decision first, in the order they would be put to the vote: furthest from the original first),
 * their sponsors and status. Above it, for the chair, what is still to decide. Follows changes live, from
 * what the events bring where they bring it.
 */
export async function CompilationView(documentId: string): Promise<View> {
  const root = h('div', { class: 'compilation' });
  const params = { id: documentId };

  let data!: DocumentJson;
  let amendments!: AmendmentJson[];
  // Open brackets placed over the text, which the status bar counts beside those typed in it.
  let placed = 0;
  let reading = 0;
  const render = async (): Promise<void> => {
    reading += 1;
    try {
      let open: { brackets: unknown[] };
      [data, { amendments }, open] = await Promise.all([
        call(ROUTES.document, { params, query: { include: 'content' } }),
        call(ROUTES.amendments, { params }),
        call(ROUTES.brackets, { params }),
      ]);
      placed = open.brackets.length;
    } finally {
      reading -= 1;
    }
    root.replaceChildren(...build(data, amendments, placed));
  };
  await render();
  // A link from the chair's list of unfinished work names a clause or an amendment on this page.
  scrollToHash(root);

  // A change of amendments or of a status is applied to what is shown; a stage, a changed text (an accepted
  // or adopted amendment) or a change while the page is being read reads it again.
  const again = (): void => void render().catch(() => {});
  const unfollow = followDocumentEvents(documentId, {
    'amendment:changed': (e) => {
      if (reading > 0 || e.change === 'accepted' || e.change === 'adopted') return again();
      amendments = withClauseAmendments(amendments, e);
      root.replaceChildren(...build(data, amendments, placed));
    },
    'clause:status': (e) => {
      const clause = data.clauses.find((c) => c.id === e.clauseId);
      if (reading > 0 || !clause) return again();
      clause.status = e.status;
      root.replaceChildren(...build(data, amendments, placed));
    },
    'document:stage': again,
    'bracket:changed': again,
    // A kind changes the numbers the compilation lists amendments under.
    'clause:kind': again,
  });

  return {
    title: nt('compilation.title'),
    el: root,
    destroy: unfollow,
  };
}

/** Amendments to one clause: those awaiting a decision first, furthest from the original first, then the rest. */
const ordered = (list: AmendmentJson[]): AmendmentJson[] => [
  ...furthestFirst(list.filter((a) => isPending(a.status))),
  ...list.filter((a) => !isPending(a.status)),
];

function compilationHeader(data: DocumentJson, amendments: AmendmentJson[], placed: number): HTMLElement {
  return h(
    'header',
    { class: 'compilation-header' },
    h(
      'p',
      { class: 'breadcrumbs no-print' },
      h('a', { href: `/documents/${encodeURIComponent(data.id)}` }, nt('compilation.back')),
    ),
    h('h1', null, nt('compilation.heading', { title: data.title })),
    h(
      'p',
      { class: 'document-meta' },
      h('span', { class: 'symbol' }, data.symbol),
      ' · ',
      h('span', { class: `stage stage-${data.stage}` }, t(`document.stage.${data.stage}`)),
      ' · ',
      nt('compilation.asOf', { time: dateTime(new Date().toISOString()) }),
    ),
    h(
      'p',
      { class: 'no-print' },
      h('button', { type: 'button', onclick: () => window.print() }, nt('compilation.print')),
    ),
    StatusBar(data, amendments.filter((a) => isPending(a.status)).length, placed),
  );
}

/** What is still to decide: the amendments in the order they would be put to the vote, and the clauses not agreed. */
function toDecideSection(data: DocumentJson, byClause: Map<string, AmendmentJson[]>): HTMLElement {
  const user = currentUser();
  const pending = data.clauses.flatMap((c) => ordered((byClause.get(c.id) ?? []).filter((a) => isPending(a.status))));
  const undecidedClauses = data.clauses.filter(
    (c) => c.kind !== 'title' && c.kind !== 'heading' && c.status !== 'agreed_ad_ref',
  );
  const item = (a: AmendmentJson): HTMLElement =>
    h(
      'li',
      null,
      h('a', { href: `#amendment-${a.id}` }, a.clauseRef ?? '—'),
      ' — ',
      a.span ? nt(`amendments.span.kind.${a.span.action}`) : nt(`amendments.kind.${a.kind}`),
      ', ',
      delegationTag(a.delegation),
      a.cosponsors.length ? ` +${a.cosponsors.length}` : '',
      ' · ',
      nt(`amendments.status.${a.status}`),
      a.stale ? [' · ', h('span', { class: 'stale-flag' }, nt('amendments.staleShort'))] : null,
    );
  return h(
    'section',
    { class: `to-decide${user?.role === 'chair' ? ' for-chair' : ''}`, 'aria-labelledby': 'to-decide-title' },
    h('h2', { id: 'to-decide-title' }, nt('compilation.toDecide')),
    pending.length
      ? h('ol', { class: 'to-decide-amendments' }, pending.map(item))
      : h('p', null, nt('compilation.noPending')),
    h(
      'p',
      { class: 'undecided-clauses' },
      nt('compilation.notAgreed', { count: undecidedClauses.length }),
      ' ',
      undecidedClauses.map((c, i) => [i ? ', ' : '', h('a', { href: `#compiled-${c.id}` }, c.ref)]),
    ),
  );
}

/** The text clause by clause, each with its amendments. */
function compiledClauses(data: DocumentJson, byClause: Map<string, AmendmentJson[]>): HTMLElement {
  return h(
    'ol',
    { class: 'compiled-clauses' },
    data.clauses.map((clause) => {
      const list = ordered(byClause.get(clause.id) ?? []);
      return h(
        'li',
        {
          id: `compiled-${clause.id}`,
          class: `compiled-clause clause-${clause.kind} status-${clause.status}`,
          'data-clause-id': clause.id,
        },
        h(
          'header',
          null,
          h('strong', { class: 'compiled-ref' }, clause.ref),
          ' ',
          h('span', { class: `badge status-${clause.status}` }, t(`document.status.${clause.status}`)),
          clause.openBrackets
            ? h('span', { class: 'badge brackets' }, t('document.brackets', { count: clause.openBrackets }))
            : null,
        ),
        renderClauseContent(clause.content, clause.text),
        list.length
          ? h(
              'ol',
              { class: 'compiled-amendments', 'aria-label': nt('compilation.amendmentsTo', { ref: clause.ref }) },
              list.map((a) => h('li', { id: `amendment-${a.id}` }, amendmentCard(null, a))),
            )
          : null,
      );
    }),
  );
}

function build(data: DocumentJson, amendments: AmendmentJson[], placed: number): HTMLElement[] {
  const byClause = new Map<string, AmendmentJson[]>();
  for (const a of amendments) byClause.set(a.clauseId, [...(byClause.get(a.clauseId) ?? []), a]);
  // Amendments whose clause left the text (deleted by another amendment or by the secretariat) stay on record.
  const present = new Set(data.clauses.map((c) => c.id));
  const orphans = amendments.filter((a) => !present.has(a.clauseId));
  const elsewhere = orphans.length
    ? h(
        'section',
        { class: 'orphan-amendments', 'aria-labelledby': 'orphans-title' },
        h('h2', { id: 'orphans-title' }, nt('compilation.orphans')),
        h(
          'ol',
          { class: 'compiled-amendments' },
          orphans.map((a) => h('li', { id: `amendment-${a.id}` }, amendmentCard(null, a))),
        ),
      )
    : null;
  return [
    compilationHeader(data, amendments, placed),
    toDecideSection(data, byClause),
    compiledClauses(data, byClause),
    ...(elsewhere ? [elsewhere] : []),
  ];
}

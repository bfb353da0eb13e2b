import type { ComponentChildren, TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { RevisionJson } from '../../shared/api/revisions.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import type { Actions } from '../api/actions.js';
import { call } from '../api/http.js';
import { Attribution } from '../components/Attribution.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { ActionButton, ActionError } from '../components/actionHooks.js';
import { Drawn } from '../components/bridge.js';
import { negotiationError, nt } from '../components/negotiationKit.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import { compareDefaults, type RevisionsEvent, type RevisionsState } from './revisionsState.js';
import { refLabel } from '../i18n/clauseRefs.js';

/** What the revisions page's panels share: the page's state, its one reducer's dispatch, and how to reach the server. */
export interface RevisionsPage {
  documentId: string;
  user: SessionUser;
  actions: Actions;
  query: URLSearchParams;
  state: RevisionsState;
  dispatch: (event: RevisionsEvent) => void;
  /** Reads the live document and the list again. */
  reload: () => Promise<void>;
}

const readButtonId = (r: RevisionJson): string => `read-${r.id}`;

/** Opens a frozen revision for reading (its text as it was published). */
function readRevision(page: RevisionsPage, revision: RevisionJson): void {
  void page.actions.run('read', async () => {
    const doc = await call(ROUTES.document, {
      params: { id: page.documentId },
      query: { revision: revision.id, include: 'content' },
    });
    page.dispatch({ type: 'opened', revision, doc });
  });
}

/**
 * A frozen revision read in full, clause by clause, with a button that closes it. Opening one takes the focus
 * to its title; closing it gives the focus back to the button that opened it.
 */
export function FrozenReading({ page }: { page: RevisionsPage }) {
  const { reading } = page.state;
  const opened = useRef<RevisionJson | null>(null);
  useEffect(() => {
    if (reading) document.getElementById('frozen-title')?.focus();
    else if (opened.current) document.getElementById(readButtonId(opened.current))?.focus();
    opened.current = reading?.revision ?? null;
  }, [reading]);
  return (
    <section class="frozen-text" aria-live="polite">
      <ActionError actions={page.actions} names="read" format={negotiationError} />
      {reading ? (
        <>
          <h2 tabIndex={-1} id="frozen-title">
            {nt('revisions.frozenTitle', { name: reading.revision.name })}
          </h2>
          <ol class="frozen-clauses declaration">
            {reading.doc.clauses.map((c) => (
              <li key={c.id} data-clause-id={c.id}>
                <span class="compiled-ref">{refLabel(c.ref)}</span>
                <Drawn draw={() => renderClauseContent(c.content, c.text)} from={[c.content, c.text]} />
              </li>
            ))}
          </ol>
          <button type="button" class="link" onClick={() => page.dispatch({ type: 'closed' })}>
            {t('common.close')}
          </button>
        </>
      ) : null}
    </section>
  );
}

function RevisionTable({ page }: { page: RevisionsPage }) {
  const { revisions } = page.state.list;
  if (!revisions.length) return <p class="hint">{nt('revisions.none')}</p>;
  return (
    <table class="data revisions-table">
      <thead>
        <tr>
          {['name', 'date', 'by', 'clauses', 'read'].map((c) => (
            <th key={c} scope="col">
              {nt(`revisions.col.${c}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {revisions.map((r) => (
          <tr key={r.id} data-revision-id={r.id}>
            <th scope="row">{r.name}</th>
            <td>
              <time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time>
            </td>
            <td>{r.createdByName ?? r.createdBy ?? '—'}</td>
            <td>{String(r.clauseCount)}</td>
            <td>
              <button type="button" class="small" id={readButtonId(r)} onClick={() => readRevision(page, r)}>
                {nt('revisions.read', { name: r.name })}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form that publishes the next revision (the secretariat's); the name being typed survives others' changes. */
function PublishForm({ page }: { page: RevisionsPage }) {
  const { actions, state, dispatch } = page;
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get('name'));
    dispatch({ type: 'publishing' });
    void actions.run('publish', async (send) => {
      const created = await send.call(ROUTES.publishRevision, { params: { id: page.documentId }, body: { name } });
      await page.reload().catch(() => {});
      dispatch({ type: 'published', name: created.name });
    });
  };
  return (
    <form class="inline-form publish-form" onSubmit={onSubmit}>
      <label for="revision-name">{nt('revisions.nameLabel')}</label>
      <input
        key={state.publications}
        id="revision-name"
        name="name"
        defaultValue={state.list.suggestedName}
        maxLength={80}
        required
      />
      <ActionButton actions={actions} name="publish" type="submit" id="revision-publish" class="primary">
        {nt('revisions.publish')}
      </ActionButton>
      <p class="status-line" role="status" aria-live="polite">
        {state.published ? nt('revisions.publishedOk', { name: state.published }) : ''}
      </p>
      <ActionError actions={actions} names="publish" format={negotiationError} />
    </form>
  );
}

/** The published revisions, each readable, and for the secretariat the form that publishes the next one. */
export function RevisionList({ page }: { page: RevisionsPage }) {
  const mayPublish = can(page.user, 'revision.create', { stage: page.state.live.stage });
  return (
    <section aria-labelledby="revisions-list-title">
      <h2 id="revisions-list-title">{nt('revisions.published')}</h2>
      <RevisionTable page={page} />
      {mayPublish ? <PublishForm page={page} /> : null}
    </section>
  );
}

/** Any two revisions, or one and the live text, compared clause by clause (drawn by `children`). */
export function ComparePanel({ page, children }: { page: RevisionsPage; children: ComponentChildren }) {
  const { revisions } = page.state.list;
  return (
    <section class="compare" aria-labelledby="compare-title">
      <h2 id="compare-title">{nt('revisions.compareTitle')}</h2>
      {revisions.length ? <CompareForm page={page} /> : <p class="hint">{nt('revisions.compareNeedsOne')}</p>}
      <div class="compare-result" aria-live="polite">
        {children}
      </div>
    </section>
  );
}

function CompareForm({ page }: { page: RevisionsPage }) {
  const { list } = page.state;
  // What is offered first is chosen once: a revision published meanwhile does not move the person's choice.
  const [first] = useState(() => compareDefaults(list, page.query));
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const query = { from: String(form.get('from')), to: String(form.get('to')) };
    void page.actions.run('compare', async () => {
      const diff = await call(ROUTES.revisionDiff, { params: { id: page.documentId }, query });
      page.dispatch({ type: 'compared', diff });
    });
  };
  const options = (selected: string | null) =>
    list.revisions.map((r) => (
      <option key={r.id} value={r.id} selected={r.id === selected}>
        {r.name}
      </option>
    ));
  return (
    <form class="inline-form" onSubmit={onSubmit}>
      <label for="compare-from">{nt('revisions.from')}</label>
      <select id="compare-from" name="from">
        {options(first.from)}
      </select>
      <label for="compare-to">{nt('revisions.to')}</label>
      <select id="compare-to" name="to">
        {options(first.to)}
        <option value="live" selected={first.to === 'live'}>
          {nt('revisions.live')}
        </option>
      </select>
      <ActionButton actions={page.actions} name="compare" type="submit" id="compare-go" class="primary">
        {nt('revisions.compare')}
      </ActionButton>
      <ActionError actions={page.actions} names="compare" format={negotiationError} />
    </form>
  );
}

/** Who wrote what in a clause since a chosen revision (or since the start); the address may name the clause. */
export function AttributionPanel({ page }: { page: RevisionsPage }) {
  const { live, list, attribution } = page.state;
  const clauses = live.clauses.filter((c) => c.kind !== 'heading');
  const [wanted] = useState(() => page.query.get('clause'));
  const form = useRef<HTMLFormElement>(null);
  const load = (): void => {
    const chosen = new FormData(form.current!);
    const since = String(chosen.get('since') ?? '');
    const params = { id: page.documentId, clauseId: String(chosen.get('clause')) };
    void page.actions.run('attribution', async () => {
      const data = await call(ROUTES.attribution, { params, query: since ? { since } : {} });
      page.dispatch({ type: 'attributed', attribution: data });
    });
  };
  useEffect(() => {
    if (wanted) load();
  }, []);
  return (
    <section id="attribution" class="who-wrote-what" aria-labelledby="attribution-title">
      <h2 id="attribution-title">{nt('attribution.title')}</h2>
      <form
        ref={form}
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label for="attribution-clause">{nt('attribution.clause')}</label>
        <select id="attribution-clause" name="clause">
          {clauses.map((c) => (
            <option key={c.id} value={c.id} selected={c.id === wanted}>
              {refLabel(c.ref)}
            </option>
          ))}
        </select>
        <label for="attribution-since">{nt('attribution.since')}</label>
        <select id="attribution-since" name="since">
          <option value="">{nt('attribution.sinceStart')}</option>
          {list.revisions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <ActionButton actions={page.actions} name="attribution" type="submit" id="attribution-show" class="primary">
          {nt('attribution.show')}
        </ActionButton>
        <ActionError actions={page.actions} names="attribution" format={negotiationError} />
      </form>
      <div class="attribution-result" aria-live="polite">
        {attribution ? <Attribution data={attribution} /> : null}
      </div>
    </section>
  );
}

import { Fragment } from 'preact';
import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { AmendmentJson } from '../../shared/api/amendments.js';
import { isPending } from '../../shared/domain/amendments.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { call } from '../api/http.js';
import { renderClauseContent } from '../components/ClauseContent.js';
import { StatusBar } from '../components/StatusBar.js';
import { AmendmentCard } from '../components/amendmentCard.js';
import { Drawn, mountView } from '../components/bridge.js';
import { followDocumentEvents } from '../components/documentEvents.js';
import { nt } from '../components/negotiationKit.js';
import { DelegationTag } from '../components/negotiationParts.js';
import { scrollToHash } from '../components/scrollToHash.js';
import { dateTime } from '../i18n/dates.js';
import { t } from '../i18n/index.js';
import type { View } from '../router.js';
import { currentUser } from '../session.js';
import { compilationReducer, compilationStart, compile, type Compiled } from './compilationState.js';
import { refLabel } from '../i18n/clauseRefs.js';

/**
 * The compilation negotiators print: the whole text clause by clause, each with the amendments to it (those
 * awaiting a decision first, in the order they would be put to the vote: furthest from the original first),
 * their sponsors and status. Above it, for the chair, what is still to decide. Follows changes live, from
 * what the events bring where they bring it (compilationState.ts).
 */
export async function CompilationView(documentId: string): Promise<View> {
  const { data, amendments, placed } = await readPage(documentId);
  return mountView(
    nt('compilation.title'),
    <Compilation documentId={documentId} data={data} amendments={amendments} placed={placed} />,
  );
}

/** The text, its amendments and how many brackets are placed over it (the status bar counts them). */
async function readPage(id: string): Promise<{ data: DocumentJson; amendments: AmendmentJson[]; placed: number }> {
  const [data, { amendments }, { brackets }] = await Promise.all([
    call(ROUTES.document, { params: { id }, query: { include: 'content' } }),
    call(ROUTES.amendments, { params: { id } }),
    call(ROUTES.brackets, { params: { id } }),
  ]);
  return { data, amendments, placed: brackets.length };
}

export function Compilation(props: {
  documentId: string;
  data: DocumentJson;
  amendments: AmendmentJson[];
  placed: number;
}) {
  const [state, dispatch] = useReducer(
    compilationReducer,
    compilationStart(props.data, props.amendments, props.placed),
  );
  const root = useRef<HTMLDivElement>(null);
  // A link from the chair's list of unfinished work names a clause or an amendment on this page.
  useEffect(() => scrollToHash(root.current!), []);
  useEffect(
    () =>
      followDocumentEvents(
        props.documentId,
        {
          'amendment:changed': (change) => dispatch({ type: 'amendment:changed', change }),
          'clause:status': (e) => dispatch({ type: 'clause:status', clauseId: e.clauseId, status: e.status }),
          'document:stage': () => dispatch({ type: 'document:stage' }),
          'clause:kind': () => dispatch({ type: 'clause:kind' }),
          'bracket:changed': () => dispatch({ type: 'stale' }),
        },
        // Back in the room (after a dropped connection): anything may have changed, read the page again.
        () => dispatch({ type: 'stale' }),
      ),
    [props.documentId],
  );
  useEffect(() => {
    if (!state.stale || state.reading) return;
    dispatch({ type: 'reading' });
    readPage(props.documentId).then(
      (read) => dispatch({ type: 'read', ...read }),
      () => dispatch({ type: 'read-failed' }),
    );
  }, [state.stale, state.reading]);
  const { data, amendments, placed } = state;
  const compiled = compile(data, amendments);
  return (
    <div class="compilation" ref={root}>
      <CompilationHeader data={data} pending={amendments.filter((a) => isPending(a.status)).length} placed={placed} />
      <ToDecide compiled={compiled} />
      <CompiledClauses clauses={data.clauses} byClause={compiled.byClause} />
      {compiled.orphans.length ? (
        <section class="orphan-amendments" aria-labelledby="orphans-title">
          <h2 id="orphans-title">{nt('compilation.orphans')}</h2>
          <AmendmentList amendments={compiled.orphans} />
        </section>
      ) : null}
    </div>
  );
}

function CompilationHeader({ data, pending, placed }: { data: DocumentJson; pending: number; placed: number }) {
  return (
    <header class="compilation-header">
      <p class="breadcrumbs no-print">
        <a href={`/documents/${encodeURIComponent(data.id)}`}>{nt('compilation.back')}</a>
      </p>
      <h1>{nt('compilation.heading', { title: data.title })}</h1>
      <p class="document-meta">
        <span class="symbol">{data.symbol}</span>
        {' · '}
        <span class={`stage stage-${data.stage}`}>{t(`document.stage.${data.stage}`)}</span>
        {' · '}
        {nt('compilation.asOf', { time: dateTime(new Date().toISOString()) })}
      </p>
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          {nt('compilation.print')}
        </button>
      </p>
      <StatusBar data={data} pending={pending} placed={placed} />
    </header>
  );
}

/** What is still to decide: the amendments in the order they would be put to the vote, and the clauses not agreed. */
function ToDecide({ compiled: { pending, undecided } }: { compiled: Compiled }) {
  const forChair = currentUser()?.role === 'chair';
  return (
    <section class={`to-decide${forChair ? ' for-chair' : ''}`} aria-labelledby="to-decide-title">
      <h2 id="to-decide-title">{nt('compilation.toDecide')}</h2>
      {pending.length ? (
        <ol class="to-decide-amendments">
          {pending.map((a) => (
            <li key={a.id}>
              <a href={`#amendment-${a.id}`}>{a.clauseRef ?? '—'}</a>
              {' — '}
              {a.span ? nt(`amendments.span.kind.${a.span.action}`) : nt(`amendments.kind.${a.kind}`)}
              {', '}
              <DelegationTag code={a.delegation} />
              {a.cosponsors.length ? ` +${a.cosponsors.length}` : ''}
              {' · '}
              {nt(`amendments.status.${a.status}`)}
              {a.stale ? (
                <>
                  {' · '}
                  <span class="stale-flag">{nt('amendments.staleShort')}</span>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>{nt('compilation.noPending')}</p>
      )}
      <p class="undecided-clauses">
        {nt('compilation.notAgreed', { count: undecided.length })}{' '}
        {undecided.map((c, i) => (
          <Fragment key={c.id}>
            {i ? ', ' : ''}
            <a href={`#compiled-${c.id}`}>{refLabel(c.ref)}</a>
          </Fragment>
        ))}
      </p>
    </section>
  );
}

/** The text clause by clause, each with its amendments; a clause unchanged by an event keeps its elements. */
function CompiledClauses({ clauses, byClause }: { clauses: ClauseJson[]; byClause: Map<string, AmendmentJson[]> }) {
  return (
    <ol class="compiled-clauses">
      {clauses.map((clause) => {
        const list = byClause.get(clause.id) ?? [];
        return (
          <li
            key={clause.id}
            id={`compiled-${clause.id}`}
            class={`compiled-clause clause-${clause.kind} status-${clause.status}`}
            data-clause-id={clause.id}
          >
            <header>
              <strong class="compiled-ref">{refLabel(clause.ref)}</strong>{' '}
              <span class={`badge status-${clause.status}`}>{t(`document.status.${clause.status}`)}</span>
              {clause.openBrackets ? (
                <span class="badge brackets">{t('document.brackets', { count: clause.openBrackets })}</span>
              ) : null}
            </header>
            <Drawn draw={() => renderClauseContent(clause.content, clause.text)} from={[clause.content, clause.text]} />
            {list.length ? (
              <AmendmentList amendments={list} label={nt('compilation.amendmentsTo', { ref: refLabel(clause.ref) })} />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

function AmendmentList({ amendments, label }: { amendments: AmendmentJson[]; label?: string }) {
  return (
    <ol class="compiled-amendments" aria-label={label}>
      {amendments.map((a) => (
        <li key={a.id} id={`amendment-${a.id}`}>
          <AmendmentCard amendment={a} />
        </li>
      ))}
    </ol>
  );
}

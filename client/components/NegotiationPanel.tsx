import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { SessionUser } from '../../shared/api/auth.js';
import type { CommentJson } from '../../shared/api/comments.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { CLAUSE_STATUSES } from '../../shared/domain/clauses.js';
import { can } from '../../shared/domain/permissions.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { Actions } from '../api/actions.js';
import type { CommentFilter, NegotiationData } from '../api/negotiationReducers.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import { ActionError, useActions } from './actionHooks.js';
import { AmendmentsPanel } from './AmendmentsPanel.js';
import type { AnchorMaker, ClauseSelection } from './anchors.js';
import type { Tab } from './clausePanelState.js';
import { CommentsPanel } from './CommentsPanel.js';
import type { DraftMap } from './drafts.js';
import { negotiationError, nt } from './negotiationKit.js';
import { watchSessionEnd } from './sessionEnded.js';

/**
 * The clause panel's content for a chosen clause (a chunk of its own, loaded when a panel first opens): its
 * header, the status control for those who may set it, the boxes other features put there, the tabs and the
 * open tab. Props in, callbacks out: it reads nothing of the page around it.
 */

export interface NegotiationPanelProps {
  documentId: string;
  user: SessionUser;
  stage: Stage;
  clause: ClauseJson;
  tab: Tab;
  filter: CommentFilter;
  /** Words the reader selected in this clause, if any. */
  selection: ClauseSelection | null;
  data: NegotiationData;
  /** Unsent texts by field id, kept while the panel is closed (the forms keep them in storage too). */
  drafts: DraftMap;
  actions: Actions;
  anchors: Pick<AnchorMaker, 'anchor'>;
  /** Changes when a proposal was started from elsewhere: the amendment form reads its drafts again. */
  started: number;
  /** Other features' boxes in the panel (brackets, suggestions), each drawn by its feature. */
  boxes: ComponentChildren;
  onTab(tab: Tab): void;
  onFilter(filter: CommentFilter): void;
  onClose(): void;
  clearSelection(): void;
  /** Highlights a comment's words in the text (null clears). */
  focusAnchor(comment: CommentJson | null): void;
  reloadComments(): Promise<void>;
  reloadAmendments(): Promise<void>;
}

/** The panel for one clause. */
export function NegotiationPanel(props: NegotiationPanelProps) {
  const { documentId, user, clause, tab } = props;
  const path = `/documents/${encodeURIComponent(documentId)}`;
  // A session ended elsewhere is said in words, with what becomes of the drafts in this panel.
  useEffect(() => watchSessionEnd(user.username, path), [user.username, path]);
  const ref = refLabel(clause.ref);
  return (
    <>
      <header class="panel-header">
        <h2 id="clause-panel-title" tabIndex={-1}>
          {nt('panel.clauseTitle', { ref })}
        </h2>
        <a class="who-wrote" href={`${path}/revisions?clause=${encodeURIComponent(clause.id)}#attribution`}>
          {nt('panel.whoWrote')}
        </a>
        <button type="button" class="link" onClick={props.onClose}>
          {nt('panel.close')}
        </button>
      </header>
      {can(user, 'clause.status', { stage: props.stage }) ? (
        <StatusControl documentId={documentId} clause={clause} actions={props.actions} />
      ) : null}
      {props.boxes}
      <div role="tablist" aria-label={nt('panel.tabsLabel', { ref })}>
        {(['comments', 'amendments'] as const).map((name) => (
          <TabButton key={name} name={name} selected={tab === name} onTab={props.onTab} />
        ))}
      </div>
      <div role="tabpanel" id="clause-tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'comments' ? <CommentsTab key={clause.id} {...props} /> : <AmendmentsTab key={clause.id} {...props} />}
      </div>
    </>
  );
}

/** A tab; the arrow keys move to the other one. */
function TabButton({ name, selected, onTab }: { name: Tab; selected: boolean; onTab(tab: Tab): void }) {
  const choose = (tab: Tab): void => {
    onTab(tab);
    document.getElementById(`tab-${tab}`)?.focus();
  };
  return (
    <button
      type="button"
      role="tab"
      id={`tab-${name}`}
      aria-selected={selected ? 'true' : 'false'}
      aria-controls="clause-tabpanel"
      tabIndex={selected ? 0 : -1}
      onClick={() => choose(name)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') choose(name === 'comments' ? 'amendments' : 'comments');
      }}
    >
      {nt(`panel.tab.${name}`)}
    </button>
  );
}

function CommentsTab(props: NegotiationPanelProps) {
  const { clause } = props;
  const amends = can(props.user, 'amendment.propose', { stage: props.stage, clauseStatus: clause.status });
  return (
    <CommentsPanel
      documentId={props.documentId}
      clauseId={clause.id}
      stage={props.stage}
      user={props.user}
      comments={props.data.comments}
      filter={props.filter}
      onFilter={props.onFilter}
      selection={props.selection}
      clearSelection={props.clearSelection}
      amendSelection={amends ? () => props.onTab('amendments') : undefined}
      anchors={props.anchors}
      focusAnchor={props.focusAnchor}
      reload={props.reloadComments}
      drafts={props.drafts}
      actions={props.actions}
    />
  );
}

function AmendmentsTab(props: NegotiationPanelProps) {
  return (
    <AmendmentsPanel
      documentId={props.documentId}
      clause={props.clause}
      stage={props.stage}
      user={props.user}
      amendments={props.data.amendments}
      reload={props.reloadAmendments}
      drafts={props.drafts}
      actions={props.actions}
      selection={props.selection}
      anchors={props.anchors}
      clearSelection={props.clearSelection}
      started={props.started}
    />
  );
}

/**
 * The chair's and secretariat's control of a clause's status. Agreeing a clause ad referendum locks it for
 * every writer; the page follows when the server announces the change.
 */
function StatusControl({ documentId, clause, actions }: { documentId: string; clause: ClauseJson; actions: Actions }) {
  const id = `clause-status-${clause.id}`;
  const action = `status:${clause.id}`;
  const { busy } = useActions(actions, action);
  const onChange = (e: Event): void => {
    const select = e.currentTarget as HTMLSelectElement;
    // The options are the statuses: this finds the one chosen, typed.
    const status = CLAUSE_STATUSES.find((s) => s === select.value);
    if (!status) return;
    const params = { id: documentId, clauseId: clause.id };
    void actions
      .run(action, (send) => send.call(ROUTES.setClauseStatus, { params, body: { status } }), {
        about: ['stage', `clause:${clause.id}`],
      })
      .then((ok) => {
        // Refused: the control shows the status the clause has, not the one asked for.
        if (ok === false) select.value = clause.status;
      });
  };
  return (
    <p class="clause-status-control">
      <label for={id}>{nt('panel.status', { ref: refLabel(clause.ref) })}</label>{' '}
      <select
        id={id}
        aria-describedby={`${id}-error`}
        value={clause.status}
        disabled={busy}
        aria-busy={busy ? 'true' : undefined}
        onChange={onChange}
      >
        {CLAUSE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`document.status.${s}`)}
          </option>
        ))}
      </select>
      <ActionError id={`${id}-error`} actions={actions} names={action} format={negotiationError} />
    </p>
  );
}

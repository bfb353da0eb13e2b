import { useState } from 'preact/hooks';
import { DEFAULT_TEXT_LIMITS } from '../../shared/domain/limits.js';
import { can } from '../../shared/domain/permissions.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { startAmendment } from '../components/ClausePanel.js';
import { ActionError, useActions } from '../components/actionHooks.js';
import { refLabel } from '../i18n/clauseRefs.js';
import { t } from '../i18n/index.js';
import type { ClausePartProps, DocumentPageProps } from '../views/documentExtensions.js';
import { clauseClasses, documentWideReason, type EditingControls, type Suggesting } from './editingState.js';
import { editingStore, useEditing } from './editingStore.js';
import { counterId, counterText } from './lengthCounters.js';
import { CollabNotice } from './notice.js';
import { PresenceList } from './presence.js';
import { DragHandle, StructureTools } from './structureBar.js';
import { FormattingTools, keepCaret } from './toolbar.js';
import { UnsavedBox } from './unsaved.js';

/**
 * The editing feature's places on the document page (`DocumentParts`), drawn from its state (`editingState.ts`):
 * who is here in the header; under it the notice, the read-only banner, the suggestion switch and the tools
 * while someone edits; beside each clause its drag handle and "locked"; under it its counter and the text the
 * server did not keep. Each draws nothing on a page the feature does not edit (a version read alone).
 */

/** In the header: who is here. */
export function EditingPresence({ page }: { page: DocumentPageProps }) {
  const groups = useEditing(page.documentId, (s) => (s.controls ? s.presence : null));
  return groups ? <PresenceList groups={groups} /> : null;
}

/** Under the header's bar: what happened to the connection, why the text is read-only, the tools. */
export function EditingTools({ page }: { page: DocumentPageProps }) {
  const id = page.documentId;
  const controls = useEditing(id, (s) => s.controls);
  const notice = useEditing(id, (s) => s.notice) ?? null;
  const wide = useEditing(id, documentWideReason);
  const tools = useEditing(id, (s) => s.tools);
  const typing = useEditing(id, (s) => s.typing) ?? false;
  const current = useEditing(id, (s) => s.current) ?? null;
  const suggesting = useEditing(id, (s) => s.suggesting);
  const unsaved = useEditing(id, (s) => s.unsaved) ?? {};
  if (!controls) return null;
  // Texts whose clause is gone from the page (deleted meanwhile) wait here.
  const gone = Object.entries(unsaved).filter(([clauseId]) => !page.data.clauses.some((c) => c.id === clauseId));
  return (
    <>
      <CollabNotice notice={notice} />
      {wide ? (
        <p class="collab-readonly-banner">{t('collab:readOnly.banner', { reason: t(`collab:reason.${wide}`) })}</p>
      ) : null}
      {tools ? (
        <>
          {suggesting ? <SuggestSwitch page={page} suggesting={suggesting} controls={controls} /> : null}
          <FormattingTools view={controls.focusedView} typing={typing} />
          {controls.structure ? (
            <StructureTools page={page} structure={controls.structure} current={current} typing={typing} />
          ) : null}
        </>
      ) : null}
      {gone.map(([clauseId, edit]) => (
        <UnsavedBox
          key={clauseId}
          clauseId={clauseId}
          label={t('collab:unsaved.deletedClause')}
          edit={edit}
          dismiss={() => controls.dismissUnsaved(clauseId)}
        />
      ))}
    </>
  );
}

/**
 * "Suggest" or "Edit" (docs/negotiation.md, "Suggestion mode"): pressed as it stands, "Edit" unavailable, with
 * the reason, while the secretariat requires suggestions of this person; the secretariat's switch beside it.
 */
export function SuggestSwitch({
  page,
  suggesting,
  controls,
}: {
  page: DocumentPageProps;
  suggesting: Suggesting;
  controls: EditingControls;
}) {
  const { on, forced, required } = suggesting;
  const { busy } = useActions(controls.actions, 'suggestion-requirement');
  // While the server is asked, the switch stays where it was pressed; then it shows what the server holds.
  const [pressed, press] = useState(required);
  const mayRequire = can(page.user, 'suggestion.require', { stage: page.data.stage });
  return (
    <div class="suggest-controls">
      <div class="suggest-switch" role="group" aria-label={t('suggestions:switch.label')}>
        <button
          type="button"
          class="suggest-choice choice-suggest"
          aria-pressed={on}
          onMouseDown={keepCaret}
          onClick={() => controls.suggest(true)}
        >
          {t('suggestions:switch.suggest')}
        </button>
        <button
          type="button"
          class="suggest-choice choice-edit"
          aria-pressed={!on}
          disabled={forced}
          aria-describedby={forced ? 'suggest-note' : undefined}
          onMouseDown={keepCaret}
          onClick={() => controls.suggest(false)}
        >
          {t('suggestions:switch.edit')}
        </button>
      </div>
      {mayRequire ? (
        <label class="suggest-require">
          <input
            type="checkbox"
            role="switch"
            class="suggest-require-input"
            checked={busy ? pressed : required}
            disabled={busy}
            onChange={(event) => {
              press(event.currentTarget.checked);
              controls.require(event.currentTarget.checked);
            }}
          />
          {t('suggestions:require.label')}
        </label>
      ) : null}
      <p class="suggest-note" id="suggest-note" hidden={!forced}>
        {t('suggestions:switch.requiredNote')}
      </p>
      <ActionError actions={controls.actions} names="suggestion-requirement" />
    </div>
  );
}

/** Beside a clause: the handle that drags it, where the person may move it, and "locked". */
export function EditingClauseAside({ page, clause }: ClausePartProps) {
  const id = page.documentId;
  const structure = useEditing(id, (s) => s.controls?.structure ?? null);
  const locked = useEditing(id, (s) => s.reasonsShown && s.reasons[clause.id] === 'clause_locked');
  const movable = !!structure && clause.kind !== 'title' && structure.mayChange(clause.id);
  return (
    <>
      {movable ? (
        <DragHandle
          page={page}
          clause={clause}
          structure={structure}
          onDrag={(drag) => editingStore(id)?.dispatch({ type: 'drag', drag })}
        />
      ) : null}
      {locked ? (
        <span class="badge collab-lock" title={t('collab:reason.clause_locked')}>
          {t('collab:readOnly.locked')}
        </span>
      ) : null}
    </>
  );
}

/** Under a clause: its length near the limit, and what the person wrote there that the server did not keep. */
export function EditingClauseFoot({ page, clause }: ClausePartProps) {
  const id = page.documentId;
  const controls = useEditing(id, (s) => s.controls);
  const length = useEditing(id, (s) => s.counters[clause.id]);
  const edit = useEditing(id, (s) => s.unsaved[clause.id]);
  if (!controls) return null;
  const limit = (page.data.limits ?? DEFAULT_TEXT_LIMITS).clauseChars;
  const proposable = can(page.user, 'amendment.propose', { stage: page.data.stage, clauseStatus: clause.status });
  return (
    <>
      {length !== undefined ? (
        <p class={`clause-counter${length >= limit ? ' is-full' : ''}`} id={counterId(clause.id)}>
          {counterText(length, limit)}
        </p>
      ) : null}
      {edit ? (
        <UnsavedBox
          clauseId={clause.id}
          label={refLabel(clause.ref)}
          edit={edit}
          propose={proposable ? () => startAmendment(page.documentId, clause.id, toMarkup(edit.content)) : undefined}
          dismiss={() => controls.dismissUnsaved(clause.id)}
        />
      ) : null}
    </>
  );
}

/** The clause's classes: open to this person (`is-editable`), dragged, where a dragged clause would land. */
export function useEditingClass({ page, clause }: ClausePartProps): string | null {
  return useEditing(page.documentId, (s) => clauseClasses(s, clause.id)) ?? null;
}

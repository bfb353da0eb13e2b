import type { BracketChanged } from '../../shared/api/brackets.js';
import { can } from '../../shared/domain/permissions.js';
import type { ClauseSlots } from '../views/DocumentView.js';
import { bracketPanel } from './bracketForms.js';
import { markBrackets, showBrackets, type BracketControls } from './bracketLines.js';
import type { PanelContext } from './clausePanelView.js';

/**
 * Brackets on the document page, beside comments and amendments (ClausePanel.ts wires them): each clause's
 * open brackets under its text, and in the clause panel the box that brackets the selected words or sets a
 * bracket's alternatives. The draft `bracket-editing` names the bracket whose alternatives are being set.
 */

/** What the reader may do with a clause's brackets. */
function controls(ctx: PanelContext, clauseId: string): BracketControls {
  const { page, state } = ctx;
  const clauseStatus = page.clauses.get(clauseId)?.clause.status;
  const context = { stage: page.data.stage, ...(clauseStatus ? { clauseStatus } : {}) };
  return {
    documentId: page.documentId,
    actions: state.actions,
    canResolve: can(page.user, 'bracket.resolve', context),
    ...(can(page.user, 'bracket.create', context)
      ? {
          onEdit: (bracket) => {
            state.drafts.set('bracket-editing', bracket.id);
            ctx.open(clauseId, state.tab);
          },
        }
      : {}),
    resolved: (bracket) => {
      ctx.brackets.apply(bracket);
      ctx.render();
    },
  };
}

/** Draws every clause's open brackets (their elements kept while they do not change). */
export function drawBrackets(ctx: PanelContext): void {
  showBrackets(ctx.page.clauses, ctx.brackets.brackets, (clauseId) => controls(ctx, clauseId));
}

/**
 * Marks the brackets' words again whenever a clause's text is redrawn (an editor mounting over the read-only
 * text, or someone's typing): a highlight holds DOM ranges, which collapse when their text nodes are replaced.
 * Returns the function that stops watching.
 */
export function watchBracketMarks(ctx: PanelContext): () => void {
  let frame = 0;
  const observer = new MutationObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => markBrackets(ctx.page.clauses, ctx.brackets.brackets));
  });
  for (const slots of ctx.page.clauses.values())
    observer.observe(slots.body, { childList: true, subtree: true, characterData: true });
  return () => {
    cancelAnimationFrame(frame);
    observer.disconnect();
  };
}

/** The clause panel's brackets box, for those who may place brackets in the clause now; else nothing. */
export function clauseBracketBox(ctx: PanelContext, clauseId: string, slots: ClauseSlots): HTMLElement | string {
  const { page, state } = ctx;
  if (!can(page.user, 'bracket.create', { stage: page.data.stage, clauseStatus: slots.clause.status })) return '';
  const editingId = state.drafts.get('bracket-editing');
  const close = (): void => {
    state.drafts.delete('bracket-editing');
    ctx.render();
  };
  const box = bracketPanel({
    documentId: page.documentId,
    clauseId,
    actions: state.actions,
    drafts: state.drafts,
    anchors: ctx.anchors,
    selection: state.selection?.clauseId === clauseId ? state.selection : null,
    editing: ctx.brackets.of(clauseId).find((b) => b.id === editingId) ?? null,
    placed: (bracket) => {
      ctx.brackets.apply(bracket);
      state.selection = null;
      document.getSelection()?.removeAllRanges();
      close();
    },
    done: close,
    render: ctx.render,
  });
  return box ?? '';
}

/**
 * Follows `bracket:changed`: the bracket comes whole. A resolution that changed the words reaches live
 * editors like any edit; a page without them reads the text again.
 */
export function onBracketChanged(ctx: PanelContext, e: BracketChanged): void {
  if (e.change === 'resolved' && e.bracket.resolution?.kind !== 'remove' && !ctx.page.editing.live)
    return void ctx.page.refresh();
  ctx.brackets.changed(e);
  ctx.render();
}

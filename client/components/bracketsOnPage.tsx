import type { ClauseJson } from '../../shared/api/documents.js';
import { can } from '../../shared/domain/permissions.js';
import type { BracketControls } from './bracketLines.js';
import { BracketPanel } from './bracketForms.js';
import type { NegotiationOnPage } from './negotiationPage.js';
import { useNegotiation } from './negotiationPage.js';

/**
 * Brackets on the document page, beside comments and amendments: what the reader may do with a clause's open
 * brackets (shown under its text), and in the clause panel the box that brackets the selected words or sets a
 * bracket's alternatives. The draft `bracket-editing` names the bracket whose alternatives are being set.
 */

/** What the reader may do with a clause's brackets. */
export function bracketControls(n: NegotiationOnPage, clause: ClauseJson): BracketControls {
  const { page, drafts, actions } = n;
  const context = { stage: page.data.stage, clauseStatus: clause.status };
  return {
    documentId: page.documentId,
    actions,
    canResolve: can(page.user, 'bracket.resolve', context),
    onEdit: can(page.user, 'bracket.create', context)
      ? (bracket) => {
          drafts.set('bracket-editing', bracket.id);
          n.open(clause.id, n.view.tab);
        }
      : undefined,
    resolved: n.applyBracket,
  };
}

/** The clause panel's brackets box, for those who may place brackets in the clause now; else nothing. */
export function BracketBox({ clause }: { clause: ClauseJson }) {
  const n = useNegotiation();
  const { page, drafts, view } = n;
  if (!can(page.user, 'bracket.create', { stage: page.data.stage, clauseStatus: clause.status })) return null;
  const editingId = drafts.get('bracket-editing');
  const close = (): void => {
    drafts.delete('bracket-editing');
    n.redraw();
  };
  return (
    <BracketPanel
      documentId={page.documentId}
      clauseId={clause.id}
      actions={n.actions}
      drafts={drafts}
      anchors={n.anchors}
      selection={view.selection?.clauseId === clause.id ? view.selection : null}
      editing={n.brackets.find((b) => b.clauseId === clause.id && b.id === editingId && b.status === 'open') ?? null}
      placed={(bracket) => {
        n.applyBracket(bracket);
        n.dispatch({ type: 'unselect' });
        document.getSelection()?.removeAllRanges();
        close();
      }}
      done={close}
    />
  );
}

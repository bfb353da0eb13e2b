import type { Node as PMNode } from 'prosemirror-model';
import { can } from '../../shared/domain/permissions.js';
import { toMarkup } from '../../shared/editor/markup.js';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { startAmendment } from '../components/ClausePanel.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { DocumentPage } from '../views/DocumentView.js';

/** This person's version of a clause that the server refused: what they wrote, and why it was not taken. */
export interface UnsavedEdit {
  content: PMNode;
  /** A key of `collab:reason` (`clause_locked`, `stage_not_allowed`, `too_large`…). */
  reason: string;
}

export interface UnsavedBoxOptions {
  clauseId: string;
  ref: string;
  edit: UnsavedEdit;
  /** Set where this person may propose an amendment to the clause: starts one from their text. */
  propose?: () => void;
  dismiss: () => void;
}

/**
 * Shown under a clause whose edit the server refused (a lock or a stage change while the person typed, or a
 * spell offline): their text, to select or copy, to propose as an amendment where they may, or to dismiss.
 * Nothing they typed disappears without their saying so.
 */
export function unsavedBox(o: UnsavedBoxOptions): HTMLElement {
  const id = `unsaved-${o.clauseId}`;
  const text = clauseToPlainText(o.edit.content);
  const area = h('textarea', {
    id,
    class: 'collab-unsaved-text',
    readonly: true,
    rows: Math.min(8, text.split('\n').length + 1),
    value: text,
  });
  const status = h('span', { class: 'collab-unsaved-status', role: 'status', 'aria-live': 'polite' });
  const copy = async (): Promise<void> => {
    area.focus();
    area.select();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Pages served over plain HTTP have no Clipboard API; the selected text copies the old way.
      if (!document.execCommand('copy')) {
        status.textContent = t('collab:unsaved.copyByHand');
        return;
      }
    }
    status.textContent = t('collab:unsaved.copied');
  };
  return h(
    'div',
    { class: 'collab-unsaved', role: 'group', 'aria-labelledby': `${id}-title` },
    h(
      'p',
      { id: `${id}-title`, class: 'collab-unsaved-title' },
      h('strong', null, t('collab:unsaved.title', { ref: o.ref })),
      ' ',
      t(`collab:reason.${o.edit.reason}`, { defaultValue: t('collab:reason.unknown') }),
    ),
    h('label', { for: id }, t('collab:unsaved.label')),
    area,
    h(
      'p',
      { class: 'collab-unsaved-actions' },
      h('button', { type: 'button', onclick: () => void copy() }, t('collab:unsaved.copy')),
      o.propose ? h('button', { type: 'button', onclick: o.propose }, t('collab:unsaved.propose')) : null,
      h('button', { type: 'button', class: 'link', onclick: o.dismiss }, t('collab:unsaved.dismiss')),
      status,
    ),
  );
}

/**
 * A box for each of the person's texts the server did not keep, under the clause it belongs to (the toolbar holds
 * any whose clause is gone), offering to propose it as an amendment where the person may; dismissed, the box goes
 * and the clause's editor takes the focus (`focus`). Returns the boxes placed.
 */
export function unsavedBoxes(
  page: DocumentPage,
  unsaved: Map<string, UnsavedEdit>,
  focus: (clauseId: string) => void,
): HTMLElement[] {
  return [...unsaved].map(([clauseId, edit]) => {
    const slots = page.clauses.get(clauseId);
    const proposable =
      slots !== undefined &&
      can(page.user, 'amendment.propose', { stage: page.data.stage, clauseStatus: slots.clause.status });
    const box = unsavedBox({
      clauseId,
      ref: slots?.clause.ref ?? t('collab:unsaved.deletedClause'),
      edit,
      ...(proposable ? { propose: () => startAmendment(page.documentId, clauseId, toMarkup(edit.content)) } : {}),
      dismiss: () => {
        unsaved.delete(clauseId);
        box.remove();
        focus(clauseId);
      },
    });
    if (slots) slots.root.append(box);
    else page.toolbar.append(box);
    return box;
  });
}

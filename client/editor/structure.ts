import * as Y from 'yjs';
import type { Plugin } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { absolutePositionToRelativePosition, ySyncPluginKey } from 'y-prosemirror';
import type { BodyKind, ClauseStructureResult } from '../../shared/api/clauses.js';
import type { ClauseJson } from '../../shared/api/documents.js';
import { ROUTES } from '../../shared/api/routes.js';
import { can } from '../../shared/domain/permissions.js';
import { numberClauses } from '../../shared/editor/numbering.js';
import { Actions } from '../api/actions.js';
import { ApiError, type Sender } from '../api/http.js';
import { toast } from '../components/ui.js';
import { errorMessage, t } from '../i18n/index.js';
import type { EditingPage } from './editingState.js';
import { END, requestFocus, START } from './structureFocus.js';
import { structureKeys } from './structureKeys.js';

/** How many times a split is asked again while the server has not yet seen the typist's last keys. */
const SPLIT_TRIES = 8;
const SPLIT_RETRY_MS = 120;

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

/**
 * Structure editing on the document page: insert, kind, move, delete (with undo), split and merge. Each is an
 * HTTP command (`server/commands/`), so rows, order and text change on the server in one transaction; the
 * result reaches every reader through the collab socket (order, text) or `clause:kind`, and the page numbers
 * again. One change at a time: a key pressed while one is under way does nothing.
 */
export class ClauseStructure {
  private readonly actions = new Actions();

  constructor(private readonly page: EditingPage) {}

  /** Whether this person may change the structure around this clause now (the permissions table). */
  mayChange(clauseId: string): boolean {
    const clause = this.clause(clauseId);
    return (
      !!clause && can(this.page.user, 'clause.structure', { stage: this.page.data.stage, clauseStatus: clause.status })
    );
  }

  /** Whether any clause's structure is open to this person (the controls are shown only then). */
  mayChangeAny(): boolean {
    return can(this.page.user, 'clause.structure', { stage: this.page.data.stage });
  }

  /** The editor keys of one clause (none for those who may not use them). */
  keysFor(clauseId: string): Plugin[] {
    if (!this.mayChangeAny()) return [];
    const guarded = (fn: () => void) => (): boolean => {
      if (!this.mayChange(clauseId)) return false;
      fn();
      return true;
    };
    return [
      structureKeys({
        split: (view, pos) => {
          if (!this.mayChange(clauseId)) return false;
          const clause = this.clause(clauseId)!;
          if (clause.kind === 'title' && pos < view.state.doc.content.size - 1) return true;
          void this.split(clauseId, view, pos);
          return true;
        },
        merge: guarded(() => void this.merge(clauseId)),
        move: (direction) => guarded(() => void this.move(clauseId, direction))(),
        kind: (kind) => guarded(() => void this.setKind(clauseId, kind))(),
        remove: guarded(() => void this.remove(clauseId)),
      }),
    ];
  }

  /** Clauses in document order, as the page shows them. */
  private get order(): ClauseJson[] {
    return this.page.data.clauses;
  }

  private clause(clauseId: string): ClauseJson | undefined {
    return this.order.find((c) => c.id === clauseId);
  }

  /** Runs one structure change; errors are said in a toast. Resolves with its answer, or undefined. */
  private async run<R>(perform: (send: Sender) => Promise<R>): Promise<R | undefined> {
    let answer: R | undefined;
    const ok = await this.actions.run('structure', async (send) => {
      answer = await perform(send);
    });
    if (ok === false) toast(errorMessage(this.actions.errorOf('structure')), 'danger');
    return ok ? answer : undefined;
  }

  async split(clauseId: string, view: EditorView, pos: number): Promise<void> {
    const binding = ySyncPluginKey.getState(view.state)?.binding as
      { type: Y.XmlFragment; mapping: Map<unknown, unknown> } | undefined;
    if (!binding) return;
    const at = base64(
      Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never)),
    );
    const clause = this.clause(clauseId)!;
    const kind: BodyKind | undefined = clause.kind === 'heading' ? 'operative' : undefined;
    const result = await this.run(async (send) => {
      // The last keys typed may still be on their way over the collab socket: the server says so, and the
      // same place is asked for again a moment later.
      for (let attempt = 1; ; attempt++) {
        try {
          return await send.call(ROUTES.splitClause, {
            params: { id: this.page.documentId, clauseId },
            body: kind ? { at, kind } : { at },
          });
        } catch (error) {
          if (!(error instanceof ApiError) || error.id !== 'split_position_unknown' || attempt >= SPLIT_TRIES)
            throw error;
          await new Promise((resolve) => setTimeout(resolve, SPLIT_RETRY_MS));
        }
      }
    });
    if (result) requestFocus({ documentId: this.page.documentId, clauseId: result.id, caret: START });
  }

  async merge(clauseId: string): Promise<void> {
    const index = this.order.findIndex((c) => c.id === clauseId);
    const previous = this.order[index - 1];
    if (!previous || previous.kind === 'title') return;
    const result = await this.run((send) =>
      send.call(ROUTES.mergeClause, { params: { id: this.page.documentId, clauseId } }),
    );
    if (result)
      requestFocus({
        documentId: this.page.documentId,
        clauseId: result.id,
        caret: { anchor: result.joinAt, head: result.joinAt },
      });
  }

  /** One place up or down; never above the title. */
  async move(clauseId: string, direction: -1 | 1): Promise<void> {
    const ids = this.order.map((c) => c.id);
    const index = ids.indexOf(clauseId);
    const floor = this.order[0]?.kind === 'title' ? 1 : 0;
    const target = index + direction;
    if (index < floor || target < floor || target >= ids.length) return;
    const rest = ids.filter((id) => id !== clauseId);
    await this.moveAfter(clauseId, target === 0 ? null : rest[target - 1]!);
  }

  /** After `after` (first when null), as a drop or a key asks; the caret stays in the moved clause. */
  async moveAfter(clauseId: string, after: string | null): Promise<void> {
    if (after === clauseId) return;
    const result = await this.run((send) =>
      send.call(ROUTES.moveClause, { params: { id: this.page.documentId, clauseId }, body: { after } }),
    );
    if (result) this.sayMoved(result, clauseId);
  }

  async setKind(clauseId: string, kind: BodyKind): Promise<void> {
    if (this.clause(clauseId)?.kind === kind || this.clause(clauseId)?.kind === 'title') return;
    await this.run((send) =>
      send.call(ROUTES.setClauseKind, { params: { id: this.page.documentId, clauseId }, body: { kind } }),
    );
  }

  /** A new empty clause of `kind` before or after this one, with the caret in it. */
  async insert(clauseId: string, where: 'before' | 'after', kind: BodyKind): Promise<void> {
    const ids = this.order.map((c) => c.id);
    const index = ids.indexOf(clauseId);
    if (index < 0) return;
    const isTitle = this.order[index]!.kind === 'title';
    const after = where === 'after' || isTitle ? clauseId : index === 0 ? null : ids[index - 1]!;
    const result = await this.run((send) =>
      send.call(ROUTES.insertClause, { params: { id: this.page.documentId }, body: { kind, after } }),
    );
    if (result) requestFocus({ documentId: this.page.documentId, clauseId: result.id, caret: START });
  }

  /** Deletes the clause; a toast offers to put it back where it was, with its comments and amendments. */
  async remove(clauseId: string): Promise<void> {
    const ids = this.order.map((c) => c.id);
    const index = ids.indexOf(clauseId);
    const clause = this.clause(clauseId);
    if (!clause || clause.kind === 'title') return;
    const after = index > 0 ? ids[index - 1]! : null;
    const result = await this.run((send) =>
      send.call(ROUTES.deleteClause, { params: { id: this.page.documentId, clauseId } }),
    );
    if (!result) return;
    const neighbour = after ?? result.order[0];
    const backToText = (): void => {
      if (neighbour) requestFocus({ documentId: this.page.documentId, clauseId: neighbour, caret: END });
    };
    backToText();
    this.offerUndo(clauseId, clause.ref, after, backToText);
  }

  /**
   * The deletion's toast with its "Undo" button, which takes the focus so a keyboard can reach it at once;
   * Escape, or the toast going, gives the caret back to the text.
   */
  private offerUndo(clauseId: string, ref: string, after: string | null, backToText: () => void): void {
    const shownFor = 10_000;
    const note = toast(t('collab:structure.deleted', { ref }), 'neutral', shownFor);
    const undo = Object.assign(document.createElement('button'), {
      type: 'button',
      className: 'toast-action',
      textContent: t('collab:structure.undo'),
    });
    undo.addEventListener('click', async () => {
      undo.disabled = true;
      const back = await this.run((send) =>
        send.call(ROUTES.restoreClause, { params: { id: this.page.documentId, clauseId }, body: { after } }),
      );
      if (!back) return;
      note.remove();
      requestFocus({ documentId: this.page.documentId, clauseId, caret: END });
    });
    undo.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      backToText();
    });
    note.append(' ', undo);
    undo.focus({ preventScroll: true });
    setTimeout(() => {
      if (document.activeElement === undo) backToText();
    }, shownFor - 50);
  }

  /** Tells a screen reader the moved clause's new label, numbered as the rebuilt page will number it. */
  private sayMoved(result: ClauseStructureResult, clauseId: string): void {
    const kinds = new Map(this.order.map((c) => [c.id, c.kind]));
    const labels = numberClauses(result.order.map((id) => kinds.get(id) ?? 'operative'));
    const ref = labels[result.order.indexOf(clauseId)]?.ref;
    if (ref) toast(t('collab:structure.moved', { ref }), 'neutral', 2_000);
  }
}

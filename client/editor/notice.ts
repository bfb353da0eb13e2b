import type { CollabClose } from '../api/collab.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { Salvage } from './salvage.js';

/**
 * The one line above the text where the co-editing feature tells the person what happened to the connection
 * or to what they typed, where a screen reader announces it. `kind` says why it shows (`offline`, `refused`,
 * `stop`), so the line can go once the reason has.
 */
export class CollabNotice {
  readonly el = h('p', { class: 'collab-notice', role: 'status', 'aria-live': 'polite', hidden: true });

  say(text: string, kind: 'offline' | 'refused' | 'stop'): void {
    this.el.textContent = text;
    this.el.dataset.kind = kind;
    this.el.hidden = false;
  }

  /** The connection is back: a line that said it was lost goes. */
  connected(): void {
    if (this.el.dataset.kind === 'offline') this.el.hidden = true;
  }

  /** Tells the person why the connection closed (and what became of their edits), in their language. */
  closed(close: CollabClose, salvaged = ''): void {
    if (close.action === 'reconnect') {
      const kind = close.name === 'SERVER_RESTARTING' || close.name === 'RATE_LIMITED' ? close.name : 'offline';
      this.say(t(`collab:closed.${kind}`), 'offline');
    } else if (close.action === 'stop') {
      this.say(t('collab:closed.signedOut'), 'stop');
    } else {
      const reason = close.reason.id && t(`collab:reason.${close.reason.id}`, { defaultValue: '' });
      this.say(
        [
          t(`collab:closed.${close.name ?? 'MALFORMED_MESSAGE'}`, { reason: reason || t('collab:reason.unknown') }),
          salvaged,
        ]
          .filter(Boolean)
          .join(' '),
        'refused',
      );
    }
  }
}

/** What became of the person's other edits after a refusal, in their language ('' when there were none). */
export function salvageSummary(salvaged: Salvage, refOf: (clauseId: string) => string): string {
  const refs = (ids: string[]): string => ids.map(refOf).join(', ');
  return [
    salvaged.restored.length > 0 ? t('collab:salvage.kept', { refs: refs(salvaged.restored) }) : '',
    salvaged.unsaved.length > 0
      ? t('collab:salvage.unsaved', { refs: refs(salvaged.unsaved.map((u) => u.clauseId)) })
      : '',
    salvaged.orderLost ? t('collab:salvage.order') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

import type { CollabClose } from '../api/collab.js';
import { t } from '../i18n/index.js';
import type { Notice } from './editingState.js';
import type { Salvage } from './salvage.js';

/**
 * The one line above the text where the co-editing feature tells the person what happened to the connection
 * or to what they typed, where a screen reader announces it: always on the page (a live region must be there
 * before its words change), hidden while there is nothing to say. `data-kind` says why it shows.
 */
export function CollabNotice({ notice }: { notice: Notice | null }) {
  return (
    <p class="collab-notice" role="status" aria-live="polite" hidden={!notice} data-kind={notice?.kind}>
      {notice?.text ?? ''}
    </p>
  );
}

/** Why the connection closed (and what became of the person's edits), in their language. */
export function closedNotice(close: CollabClose, salvaged = ''): Notice {
  if (close.action === 'reconnect') {
    const kind = close.name === 'SERVER_RESTARTING' || close.name === 'RATE_LIMITED' ? close.name : 'offline';
    return { text: t(`collab:closed.${kind}`), kind: 'offline' };
  }
  if (close.action === 'stop') return { text: t('collab:closed.signedOut'), kind: 'stop' };
  const reason = close.reason.id && t(`collab:reason.${close.reason.id}`, { defaultValue: '' });
  const text = [
    t(`collab:closed.${close.name ?? 'MALFORMED_MESSAGE'}`, { reason: reason || t('collab:reason.unknown') }),
    salvaged,
  ]
    .filter(Boolean)
    .join(' ');
  return { text, kind: 'refused' };
}

/** The notice once the connection is back: a line that said it was lost goes. */
export function afterConnected(notice: Notice | null): Notice | null {
  return notice?.kind === 'offline' ? null : notice;
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

import type { Node as PMNode } from 'prosemirror-model';
import { useRef, useState } from 'preact/hooks';
import { clauseToPlainText } from '../../shared/editor/text.js';
import { t } from '../i18n/index.js';

/** This person's version of a clause that the server refused: what they wrote, and why it was not taken. */
export interface UnsavedEdit {
  content: PMNode;
  /** A key of `collab:reason` (`clause_locked`, `stage_not_allowed`, `too_large`…). */
  reason: string;
}

export interface UnsavedBoxProps {
  clauseId: string;
  /** The clause's reference, or words saying it is gone. */
  label: string;
  edit: UnsavedEdit;
  /** Set where this person may propose an amendment to the clause: starts one from their text. */
  propose?: (() => void) | undefined;
  dismiss: () => void;
}

/**
 * Shown under a clause whose edit the server refused (a lock or a stage change while the person typed, or a
 * spell offline): their text, to select or copy, to propose as an amendment where they may, or to dismiss.
 * Nothing they typed disappears without their saying so.
 */
export function UnsavedBox({ clauseId, label, edit, propose, dismiss }: UnsavedBoxProps) {
  const id = `unsaved-${clauseId}`;
  const text = clauseToPlainText(edit.content);
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  const copy = async (): Promise<void> => {
    area.current?.focus();
    area.current?.select();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Pages served over plain HTTP have no Clipboard API; the selected text copies the old way.
      if (!document.execCommand('copy')) return setStatus(t('collab:unsaved.copyByHand'));
    }
    setStatus(t('collab:unsaved.copied'));
  };
  return (
    <div class="collab-unsaved" role="group" aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} class="collab-unsaved-title">
        <strong>{t('collab:unsaved.title', { ref: label })}</strong>{' '}
        {t(`collab:reason.${edit.reason}`, { defaultValue: t('collab:reason.unknown') })}
      </p>
      <label for={id}>{t('collab:unsaved.label')}</label>
      <textarea
        id={id}
        ref={area}
        class="collab-unsaved-text"
        readOnly
        rows={Math.min(8, text.split('\n').length + 1)}
        value={text}
      />
      <p class="collab-unsaved-actions">
        <button type="button" onClick={() => void copy()}>
          {t('collab:unsaved.copy')}
        </button>
        {propose ? (
          <button type="button" onClick={propose}>
            {t('collab:unsaved.propose')}
          </button>
        ) : null}
        <button type="button" class="link" onClick={dismiss}>
          {t('collab:unsaved.dismiss')}
        </button>
        <span class="collab-unsaved-status" role="status" aria-live="polite">
          {status}
        </span>
      </p>
    </div>
  );
}

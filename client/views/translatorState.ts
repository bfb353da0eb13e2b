import type { SessionUser } from '../../shared/api/auth.js';
import type { ClauseJson, DocumentJson } from '../../shared/api/documents.js';
import { decide } from '../../shared/domain/permissions.js';
import type { LanguageCode } from '../../shared/domain/languages.js';
import { t } from '../i18n/index.js';
import { asActor, coverageText } from './languageLabels.js';

/**
 * The translator's editor's state (TranslatorView.tsx draws it): the version as the server last gave it. Its
 * statuses are derived on the server from both texts, so every change (a mark, an edit of either text, a new
 * stage or kind) is followed by a read of the version; only the latest read's answer is applied.
 */
export interface TranslatorState {
  data: DocumentJson;
  /** The number of the latest read started: only its answer is applied. */
  latest: number;
}

export type TranslatorEvent =
  /** A read of the version started, numbered (the numbers rise). */
  | { type: 'reading'; read: number }
  /** A read's answer. */
  | { type: 'read'; read: number; data: DocumentJson };

export function translatorStart(data: DocumentJson): TranslatorState {
  return { data, latest: 0 };
}

export function translatorReducer(state: TranslatorState, event: TranslatorEvent): TranslatorState {
  switch (event.type) {
    case 'reading':
      return { ...state, latest: Math.max(state.latest, event.read) };
    case 'read':
      // Reads overlap (a mark, then an edit of the original): an older answer arriving last is dropped.
      return event.read === state.latest ? { ...state, data: event.data } : state;
  }
}

/** What a row of the editor is drawn from. */
export interface TranslatorRowProps {
  /** The clause as the version's view presents it (its ref, kind, and `translation`). */
  clause: ClauseJson;
  /** May this person mark the version's status now (translation.status)? */
  mayMark: boolean;
  /** Why the version is read-only for this person (in words), or null when they may write it (translation.write). */
  readOnly: string | null;
}

/** A clause's row as this person may use it, at the version's stage. */
export function rowProps(
  data: DocumentJson,
  user: SessionUser,
  lang: LanguageCode,
  clause: ClauseJson,
): TranslatorRowProps {
  const actor = asActor(user);
  const context = { stage: data.stage, language: lang };
  const write = decide(actor, 'translation.write', context);
  return {
    clause,
    mayMark: decide(actor, 'translation.status', context).allowed,
    readOnly: write.allowed ? null : t(`collab:reason.${write.reason}`),
  };
}

/** "kk: 27 of 31 current", or nothing when the document does not list the version. */
export function coverageOf(data: DocumentJson, lang: LanguageCode): string {
  const version = data.languages?.find((l) => l.code === lang);
  return version ? coverageText(version) : '';
}

import type { DocumentJson } from '../../shared/api/documents.js';
import type { RevisionJson, RevisionListResponse } from '../../shared/api/revisions.js';
import type { ConferenceKey } from '../api/ledger.js';

/**
 * The export page's state and what each event does to it (ExportView.tsx draws it): pure, with unit tests.
 * The version shown follows the person's last pick: a revision is read (once) before it is shown, and a read
 * overtaken by a later pick changes nothing. A download's progress is a state of its own (`DownloadState`),
 * one per downloader on the page.
 */

/** The version being looked at: the live text, or a revision with its frozen stage and clause count. */
export interface Version {
  revision: RevisionJson | null;
  stage: DocumentJson['stage'];
  clauseCount: number;
}

/** The live text as a version. */
export const liveVersion = (live: DocumentJson): Version => ({
  revision: null,
  stage: live.stage,
  clauseCount: live.clauses.length,
});

export interface ExportState {
  live: DocumentJson;
  list: RevisionListResponse;
  /** The version shown and exported. */
  version: Version;
  /** What the person picked in the version list: a revision's id, or '' for the live text. */
  picked: string;
  /** The conference's key, the error that kept it from being read, or null while it is read. */
  key: ConferenceKey | Error | null;
}

export type ExportEvent =
  /** The live text read again (its stage moved: adoption). */
  | { type: 'live'; live: DocumentJson }
  /** The list of revisions read again (one was published). */
  | { type: 'revisions'; list: RevisionListResponse }
  /** The person picked a version in the list. */
  | { type: 'picked'; id: string }
  /** A picked revision, as it was frozen. */
  | { type: 'version'; id: string; version: Version }
  | { type: 'key'; key: ConferenceKey | Error };

export function exportStart(live: DocumentJson, list: RevisionListResponse): ExportState {
  return { live, list, version: liveVersion(live), picked: '', key: null };
}

export function exportReducer(state: ExportState, event: ExportEvent): ExportState {
  switch (event.type) {
    case 'live':
      return { ...state, live: event.live, version: state.version.revision ? state.version : liveVersion(event.live) };
    case 'revisions':
      return { ...state, list: event.list };
    case 'picked':
      return event.id ? { ...state, picked: event.id } : { ...state, picked: '', version: liveVersion(state.live) };
    case 'version':
      // A revision read for an earlier pick arrives too late to matter.
      return event.id === state.picked ? { ...state, version: event.version } : state;
    case 'key':
      return { ...state, key: event.key };
  }
}

/** The pick still waiting for its revision to be read, or null when the version shown is the one picked. */
export function pendingPick(state: ExportState): string | null {
  return state.picked && state.picked !== state.version.revision?.id ? state.picked : null;
}

/** The query of a download: the format, the languages, and the revision when one is picked. */
export function exportQuery(format: string, version: Version, languages: Record<string, string>): URLSearchParams {
  const query = new URLSearchParams({ format, ...languages });
  if (version.revision) query.set('revision', version.revision.id);
  return query;
}

/** What a downloader shows: the progress bar (after a second), and the status line of the last download. */
export interface DownloadState {
  /** A file is being prepared. */
  preparing: boolean;
  /** It has taken longer than a second: the progress bar shows. */
  slow: boolean;
  /** What the last download brought ("Downloaded x.pdf, 12 kB"), or ''. */
  status: string;
}

export type DownloadEvent =
  { type: 'started' } | { type: 'slow' } | { type: 'downloaded'; status: string } | { type: 'ended' };

export const downloadStart: DownloadState = { preparing: false, slow: false, status: '' };

export function downloadReducer(state: DownloadState, event: DownloadEvent): DownloadState {
  switch (event.type) {
    case 'started':
      return { preparing: true, slow: false, status: '' };
    case 'slow':
      // A timer that fires after the answer came shows nothing.
      return state.preparing ? { ...state, slow: true } : state;
    case 'downloaded':
      return { ...state, status: event.status };
    case 'ended':
      return { ...state, preparing: false, slow: false };
  }
}

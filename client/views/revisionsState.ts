import type { DocumentJson } from '../../shared/api/documents.js';
import type {
  AttributionResponse,
  RevisionDiffResponse,
  RevisionJson,
  RevisionListResponse,
} from '../../shared/api/revisions.js';

/**
 * The revisions page's state and what each event does to it (RevisionsView.tsx and revisionPanels.tsx draw
 * it): pure, with unit tests.
 */
export interface RevisionsState {
  /** The live document and the published revisions. */
  live: DocumentJson;
  list: RevisionListResponse;
  /** The revision being read as it was frozen, with its text; null when none is open. */
  reading: { revision: RevisionJson; doc: DocumentJson } | null;
  /** The last comparison asked for. */
  comparison: RevisionDiffResponse | null;
  /** Who wrote what, as last asked for. */
  attribution: AttributionResponse | null;
  /** The name of the revision this page last published, confirmed until the next publication starts. */
  published: string | null;
  /** How many revisions this page has published: the name field starts afresh (with the next suggestion) after each. */
  publications: number;
}

export type RevisionsEvent =
  | { type: 'loaded'; live: DocumentJson; list: RevisionListResponse }
  | { type: 'publishing' }
  | { type: 'published'; name: string }
  | { type: 'opened'; revision: RevisionJson; doc: DocumentJson }
  | { type: 'closed' }
  | { type: 'compared'; diff: RevisionDiffResponse }
  | { type: 'attributed'; attribution: AttributionResponse };

export function revisionsStart(live: DocumentJson, list: RevisionListResponse): RevisionsState {
  return { live, list, reading: null, comparison: null, attribution: null, published: null, publications: 0 };
}

export function revisionsReducer(state: RevisionsState, event: RevisionsEvent): RevisionsState {
  switch (event.type) {
    case 'loaded':
      return { ...state, live: event.live, list: event.list };
    case 'publishing':
      return { ...state, published: null };
    case 'published':
      return { ...state, published: event.name, publications: state.publications + 1 };
    case 'opened':
      return { ...state, reading: { revision: event.revision, doc: event.doc } };
    case 'closed':
      return { ...state, reading: null };
    case 'compared':
      return { ...state, comparison: event.diff };
    case 'attributed':
      return { ...state, attribution: event.attribution };
  }
}

/**
 * What the comparison form offers first: the address's `from` and `to` when it names them, else the revision
 * before the last against the live text (the only one, when there is one).
 */
export function compareDefaults(
  list: RevisionListResponse,
  query: URLSearchParams,
): { from: string | null; to: string } {
  const ids = list.revisions.map((r) => r.id);
  return {
    from: query.get('from') ?? ids[ids.length - 2] ?? ids[ids.length - 1] ?? null,
    to: query.get('to') ?? 'live',
  };
}

/** The clauses of a comparison worth showing: those that changed, moved or changed status. */
export function changedClauses(diff: RevisionDiffResponse): RevisionDiffResponse['clauses'] {
  return diff.clauses.filter((c) => c.change !== 'unchanged' || c.statusChanged);
}

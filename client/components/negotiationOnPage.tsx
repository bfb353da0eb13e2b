import { pendingCount } from '../api/negotiationReducers.js';
import type { ClausePartProps, DocumentPageProps, DocumentParts } from '../views/documentExtensions.js';
import { ClauseBrackets } from './bracketLines.js';
import { bracketControls } from './bracketsOnPage.js';
import { ClauseCounters } from './clauseCounters.js';
import { ClausePanel } from './ClausePanel.js';
import { liveSpans } from './negotiationMarks.js';
import { NegotiationProvider, useNegotiation } from './negotiationPage.js';
import { TrackedChanges } from './spanAmendments.js';
import { NegotiationLinks, StatusBar } from './StatusBar.js';
import { SuggestionCount } from './suggestionsOnPage.js';

/**
 * Negotiation on the document page, as parts of it: the status summary bar under the header, the ways to the
 * compilation and the revisions, each clause's counters and open brackets, the pending amendments on a span
 * under each clause's text, and the clause panel beside the text. Their state is `NegotiationProvider`'s.
 */

/** Under the header's bar: the status summary, with the open suggestions' count. */
function NegotiationToolbar({ page }: { page: DocumentPageProps }) {
  const n = useNegotiation();
  const placed = n.brackets.filter((b) => b.status === 'open').length;
  return (
    <div class="negotiation-bar">
      <StatusBar data={page.data} pending={pendingCount(n.data)} placed={placed}>
        <SuggestionCount />
      </StatusBar>
    </div>
  );
}

/** Under a clause's text: its pending amendments on a span, and its open brackets with their controls. */
function ClauseFoot({ clause }: ClausePartProps) {
  const n = useNegotiation();
  const open = n.brackets.filter((b) => b.clauseId === clause.id && b.status === 'open');
  return (
    <>
      <TrackedChanges spans={liveSpans(n.data.amendments, clause.id)} />
      <ClauseBrackets clauseRef={clause.ref} brackets={open} controls={bracketControls(n, clause)} />
    </>
  );
}

/** The clause whose panel is open is marked (`in-panel`), so the reader sees which clause the sheet is about. */
function useChosenClass({ clause }: ClausePartProps): string | null {
  return useNegotiation().view.clauseId === clause.id ? 'in-panel' : null;
}

export const negotiationParts: DocumentParts = {
  Provider: NegotiationProvider,
  actions: ({ page }) => <NegotiationLinks documentId={page.documentId} />,
  toolbar: NegotiationToolbar,
  sidebar: ClausePanel,
  clauseAside: ClauseCounters,
  clauseFoot: ClauseFoot,
  useClauseClass: useChosenClass,
};

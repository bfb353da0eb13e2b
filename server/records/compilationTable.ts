import type { AmendmentStatus } from '../../shared/api/amendments.js';
import type { AmendmentRow } from '../db/repositories/amendments.js';
import type { Report } from '../export/reportModel.js';
import { longDate } from '../export/wording.js';
import { clauseName, proposedText, reportBaseName, stateName, type RecordFacts } from './facts.js';

/**
 * The compilation table of amendments, as United Nations secretariats print it for a negotiating session: one
 * row per amendment in the order proposed, with the clause, the text it was written against, the text proposed,
 * its sponsors and where it stands. Landscape, so five columns of text stay readable.
 */
export function compilationTable(facts: RecordFacts, now: string): Report {
  const { doc } = facts;
  const rows = facts.amendments.map((row, i) => [
    String(i + 1),
    row.kind === 'insert_after'
      ? `New paragraph after ${clauseName(facts, row.clause_id)}`
      : clauseName(facts, row.clause_id),
    row.kind === 'insert_after' ? '\u2014' : row.base_text,
    proposedText(row),
    sponsors(facts, row),
    decision(row),
  ]);
  return {
    proponent: facts.proponent,
    symbol: doc.symbol,
    dateText: longDate(now),
    title: 'Compilation of amendments',
    subtitle: [doc.title, `${rows.length} ${rows.length === 1 ? 'amendment' : 'amendments'} as of ${longDate(now)}`],
    landscape: true,
    sections: [
      {
        heading: 'Amendments',
        paragraphs: rows.length ? [] : ['No amendment has been proposed.'],
        table: rows.length
          ? {
              header: ['No.', 'Clause', 'Original text', 'Proposed text', 'Sponsors', 'Decision'],
              widths: [5, 10, 28, 28, 15, 14],
              rows,
            }
          : null,
      },
    ],
    language: 'en',
    generatedAt: now,
    baseName: reportBaseName(doc, 'compilation', now),
  };
}

/** "Kazakhstan (proposer); co-sponsored by France, Japan". */
function sponsors(facts: RecordFacts, row: AmendmentRow): string {
  const cosponsors = (facts.sponsors.get(row.id) ?? []).map((s) => stateName(s.delegation));
  const proposer = `${stateName(row.delegation)} (proposer)`;
  return cosponsors.length ? `${proposer}; co-sponsored by ${cosponsors.join(', ')}` : proposer;
}

const DECISIONS: Record<AmendmentStatus, string> = {
  submitted: 'Pending',
  put_to_vote: 'Put to a vote',
  accepted: 'Accepted',
  rejected: 'Rejected',
  adopted: 'Adopted by a vote',
  not_adopted: 'Not adopted by a vote',
  withdrawn: 'Withdrawn',
  lapsed: 'Lapsed at adoption',
};

/** "Accepted on 16 October 2025: as orally revised". */
function decision(row: AmendmentRow): string {
  const words = DECISIONS[row.status] ?? row.status;
  const on =
    row.decided_at && row.status !== 'submitted' && row.status !== 'put_to_vote'
      ? ` on ${longDate(row.decided_at)}`
      : '';
  return `${words}${on}${row.decision_note ? `: ${row.decision_note}` : ''}`;
}

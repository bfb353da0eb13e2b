import type { AuditEntry } from '../db/repositories/audit.js';
import type { Report, ReportSection } from '../export/reportModel.js';
import { choiceLabel, dateTime, longDate, resultSentence, RULE_LABELS } from '../export/wording.js';
import type { VoteRule } from '../../shared/domain/tally.js';
import { amendmentName, clauseName, reportBaseName, stateName, subjectName, type RecordFacts } from './facts.js';
import type { MeetingRange } from './range.js';

/**
 * The summary record of a meeting, written from the ledger alone (the floor, the roll, votes and decisions are
 * all ledger entries): who was present, who spoke on what in the order the chair gave the floor, the decisions
 * taken, the votes with their results and each State's vote, and what lapsed. `entries` are the document's
 * entries within the meeting's range, in ledger order.
 */
export function meetingRecord(
  facts: RecordFacts,
  entries: readonly AuditEntry[],
  range: MeetingRange,
  now: string,
): Report {
  const oneDay = new Set(entries.map((e) => e.at.slice(0, 10))).size <= 1;
  const minutes = new Minutes(facts, (at) => (oneDay ? `${at.slice(11, 16)} UTC` : dateTime(at)));
  for (const entry of entries) minutes.read(entry);
  const { doc } = facts;
  return {
    proponent: facts.proponent,
    symbol: doc.symbol,
    dateText: longDate(now),
    title: 'Summary record',
    subtitle: [
      doc.title,
      ...(minutes.meeting ? [minutes.meeting] : []),
      range.from || range.to
        ? `From ${range.from ? dateTime(range.from) : 'the beginning'} to ${range.to ? dateTime(range.to) : 'the present'}`
        : 'The whole of the negotiation to date',
    ],
    landscape: false,
    sections: minutes.sections(),
    language: 'en',
    generatedAt: now,
    baseName: reportBaseName(doc, 'record', now),
  };
}

type Payload = Record<string, any>;

/** A vote as the record names it: its subject, rule and (by roll call) calling order. */
interface VoteSeen {
  subject: string;
  rule: VoteRule | null;
  order: string[] | null;
}

/** What the ledger says of a meeting, read entry by entry, then written out in sections. */
class Minutes {
  meeting: string | null = null;
  private present: Set<string> | null = null;
  private readonly votes = new Map<string, VoteSeen>();
  private readonly speakers: string[][] = [];
  private readonly decisions: string[] = [];
  private readonly voteSections: ReportSection[] = [];
  private readonly lapsed: string[] = [];

  constructor(
    private readonly facts: RecordFacts,
    private readonly when: (at: string) => string,
  ) {}

  read(entry: AuditEntry): void {
    const p = entry.payload as Payload;
    const id = entry.subject?.split(':')[1] ?? null;
    const [family] = entry.action.split('.');
    if (family === 'roll') this.roll(entry.action, p);
    else if (entry.action === 'floor.granted')
      this.speakers.push([
        String(this.speakers.length + 1),
        this.when(entry.at),
        stateName(p.delegation),
        floorSubject(this.facts, p),
      ]);
    else if (family === 'vote') this.vote(entry, id!, p);
    else {
      const decision = this.decision(entry.action, id, p);
      if (decision) this.decisions.push(`${this.when(entry.at)}: ${decision}`);
      if (entry.action === 'amendment.lapse')
        this.lapsed.push(
          `${this.when(entry.at)}: ${amendmentName(this.facts, id)} lapsed when the text was adopted, undecided.`,
        );
    }
  }

  /** The roll as it stands after a `roll.*` entry: the last roll taken in the range is the meeting's. */
  private roll(action: string, p: Payload): void {
    if (action === 'roll.opened') {
      this.meeting = typeof p.meeting === 'string' ? p.meeting : this.meeting;
      this.present = new Set();
    } else if (action === 'roll.recorded' || action === 'roll.checked_in')
      (this.present ??= new Set()).add(p.delegation);
    else if (action === 'roll.removed') this.present?.delete(p.delegation);
    else if (action === 'roll.closed') this.present = new Set(p.present as string[]);
  }

  private decision(action: string, id: string | null, p: Payload): string | null {
    const { facts } = this;
    switch (action) {
      case 'document.stage':
        return `the text moved from ${p.from} to ${p.to}${p.reason ? ` (${p.reason})` : ''}.`;
      case 'document.adopted':
        return `the text was adopted ${p.method === 'vote' ? 'by a vote' : 'without a vote'}.`;
      case 'clause.status':
        return `${clauseName(facts, id)} was marked ${STATUS_WORDS[p.to] ?? p.to}.`;
      case 'amendment.accept':
      case 'amendment.reject': {
        const decided = action === 'amendment.accept' ? 'accepted' : 'rejected';
        return `${amendmentName(facts, id)} was ${decided}${p.note ? ` (${p.note})` : ''}.`;
      }
      case 'amendment.vote_result':
        return `${amendmentName(facts, id)} was ${p.outcome === 'adopted' ? 'adopted' : 'not adopted'} by a vote.`;
      case 'amendment.withdraw':
        return `${amendmentName(facts, id)} was withdrawn.`;
      default:
        return null;
    }
  }

  private vote(entry: AuditEntry, id: string, p: Payload): void {
    const vote = this.votes.get(id) ?? this.openedBefore(id);
    if (entry.action === 'vote.open')
      this.votes.set(id, { subject: subjectName(this.facts, p.subject), rule: p.rule, order: null });
    else if (entry.action === 'vote.draw' && vote) vote.order = p.order;
    else if (entry.action === 'vote.close')
      this.voteSections.push(
        voteSection(vote ?? { subject: 'a matter', rule: null, order: null }, p, this.when(entry.at)),
      );
    else if (entry.action === 'vote.lapse' || entry.action === 'vote.lapsed')
      this.lapsed.push(
        `${this.when(entry.at)}: the vote on ${vote?.subject ?? 'a matter'} lapsed when the text was adopted; it decided nothing.`,
      );
  }

  /** A vote opened before the meeting's range (its `vote.open` and `vote.draw` not read): as the votes table has it. */
  private openedBefore(id: string): VoteSeen | undefined {
    const row = this.facts.votes.find((v) => v.id === id);
    if (!row) return undefined;
    const order = row.roll_call ? (JSON.parse(row.roll_call) as string[]) : null;
    return { subject: subjectName(this.facts, { type: row.subject_type, id: row.subject_id }), rule: row.rule, order };
  }

  sections(): ReportSection[] {
    const present = this.present ? [...this.present].map(stateName).sort((a, b) => a.localeCompare(b, 'en')) : null;
    const attendance = !present
      ? 'No roll was taken at this meeting.'
      : present.length
        ? `${present.length} delegations were present: ${present.join(', ')}.`
        : 'No delegation was recorded present.';
    return [
      { heading: 'Present', paragraphs: [attendance] },
      this.speakers.length
        ? {
            heading: 'Speakers',
            paragraphs: [],
            table: { header: ['No.', 'Time', 'Delegation', 'On'], widths: [8, 22, 25, 45], rows: this.speakers },
          }
        : { heading: 'Speakers', paragraphs: ['No delegation took the floor.'] },
      { heading: 'Decisions', paragraphs: this.decisions.length ? this.decisions : ['No decision was taken.'] },
      ...(this.voteSections.length ? this.voteSections : [{ heading: 'Votes', paragraphs: ['No vote was taken.'] }]),
      { heading: 'Lapsed items', paragraphs: this.lapsed.length ? this.lapsed : ['Nothing lapsed.'] },
    ];
  }
}

const STATUS_WORDS: Record<string, string> = {
  open: 'open',
  under_discussion: 'under discussion',
  agreed_ad_ref: 'agreed ad referendum',
  bracketed: 'bracketed',
};

const FLOOR_KINDS: Record<string, string> = { point_of_order: 'point of order', right_of_reply: 'right of reply' };

/** "OP2", "the amendment of Kazakhstan to OP2", "general statement", with a point of order said as one. */
function floorSubject(facts: RecordFacts, p: Record<string, any>): string {
  const [type, id] = String(p.subject ?? 'general').split(':');
  const on = type === 'general' ? 'general statement' : subjectName(facts, { type: type!, id });
  const kind = FLOOR_KINDS[p.kind as string];
  return kind ? `${kind}; ${on}` : on;
}

/** A vote with its result and, when ballots were cast, each State's vote. */
function voteSection(vote: VoteSeen, p: Record<string, any>, at: string): ReportSection {
  const ballots = (p.ballots ?? []) as { delegation: string; choice: 'yes' | 'no' | 'abstain' }[];
  const paragraphs = [
    `${at}: vote on ${vote.subject}${vote.rule ? `, by ${RULE_LABELS[vote.rule]}` : ''}.`,
    `Result: ${resultSentence(p.result)}`,
  ];
  if (vote.order?.length)
    paragraphs.push(`Taken by roll call, beginning with ${stateName(vote.order[0]!)}, drawn by lot.`);
  const order =
    vote.order ?? ballots.map((b) => b.delegation).sort((a, b) => stateName(a).localeCompare(stateName(b), 'en'));
  const byState = new Map(ballots.map((b) => [b.delegation, b.choice]));
  const rows = order
    .filter((code) => byState.has(code))
    .map((code) => [stateName(code), choiceLabel(byState.get(code)!)]);
  return {
    heading: `Vote on ${vote.subject}`,
    paragraphs: rows.length ? [...paragraphs, 'Recorded vote:'] : paragraphs,
    table: rows.length ? { header: ['State', 'Vote'], widths: [60, 40], rows } : null,
  };
}

import type { ExportBlock, ExportRun } from './content.js';
import type { ExportClause, ExportModel } from './model.js';
import {
  choiceLabel,
  dateTime,
  FINGERPRINT_NOTE,
  INTEGRITY_NOTE,
  LEDGER_NOTE,
  quorumText,
  resultSentence,
  RULE_LABELS,
} from './wording.js';

/**
 * The annexes as neutral blocks — paragraphs, lists, tables — built once so the PDF, DOCX, HTML and Markdown
 * annexes carry the same words in the same order. Akoma Ntoso renders the same views and adds the vote's
 * machine-readable form in its metadata.
 */

export type AnnexBlock =
  | { type: 'paragraph'; runs: ExportRun[] }
  | { type: 'subheading'; text: string }
  | { type: 'list'; items: string[] }
  /** `rowKeys`: the delegation code of each row, for formats that link a row to its State (Akoma Ntoso). */
  | { type: 'table'; header: string[]; rows: string[][]; rowKeys?: string[] }
  /**
   * A checksum or other string printed verbatim (in a fixed-width face where the format has one); `name` says
   * what it is where a format can tell (Akoma Ntoso's `inline name`), default "sha256".
   */
  | { type: 'code'; text: string; name?: 'sha256' | 'fingerprint' | 'ledgerEntry' | 'ledgerHead' | 'keyFingerprint' }
  /** Clause content of an annex written into the text. */
  | { type: 'text'; blocks: ExportBlock[] };

export interface AnnexView {
  /** Stable identifier: the clause id for a text annex, else "recorded-vote", "endorsements", "integrity". */
  id: string;
  /** "Annex I". */
  label: string;
  title: string | null;
  blocks: AnnexBlock[];
}

const plain = (text: string): ExportRun => ({ text, em: false, strong: false });
const strong = (text: string): ExportRun => ({ text, em: false, strong: true });
const paragraph = (...runs: ExportRun[]): AnnexBlock => ({ type: 'paragraph', runs });

/** Every annex in order: the text's own, then the recorded vote, the endorsements and the checksum. */
export function annexViews(model: ExportModel): AnnexView[] {
  const views = model.textAnnexes.map(textAnnex);
  const { recordedVote, endorsements, integrity } = model.annexes;
  if (recordedVote) {
    views.push({
      id: 'recorded-vote',
      label: recordedVote.label,
      title: recordedVote.title,
      blocks: [...voteBlocks(recordedVote.vote), ...ledgerBlocks(recordedVote.vote, recordedVote.keyFingerprint)],
    });
  }
  if (endorsements)
    views.push({
      id: 'endorsements',
      label: endorsements.label,
      title: endorsements.title,
      blocks: endorsementBlocks(endorsements),
    });
  views.push({
    id: 'integrity',
    label: integrity.label,
    title: integrity.title,
    blocks: [
      paragraph(strong('SHA-256 of the text:')),
      { type: 'code', text: integrity.sha256 },
      paragraph(plain(INTEGRITY_NOTE)),
      paragraph(strong('Fingerprint of the text:')),
      { type: 'code', text: integrity.fingerprint, name: 'fingerprint' },
      paragraph(plain(FINGERPRINT_NOTE)),
      ...(integrity.head
        ? [
            paragraph(strong(`Head of the ledger when exported (entry ${integrity.head.seq}):`)),
            { type: 'code', text: integrity.head.hash, name: 'ledgerHead' } as AnnexBlock,
          ]
        : []),
      paragraph(
        plain(
          `${model.clauses.length} clauses; ${model.revision ? `revision \u201c${model.revision.name}\u201d` : 'live text'}; exported ${dateTime(model.generatedAt)}.`,
        ),
      ),
    ],
  });
  return views;
}

function textAnnex(clause: ExportClause): AnnexView {
  return {
    id: clause.id,
    label: clause.number ?? clause.ref,
    title: null,
    blocks: [{ type: 'text', blocks: clause.blocks }],
  };
}

function voteBlocks(vote: NonNullable<ExportModel['annexes']['recordedVote']>['vote']): AnnexBlock[] {
  const rule = RULE_LABELS[vote.rule] ?? vote.rule;
  const quorum = vote.quorum === null ? '' : `; quorum: ${quorumText(vote.quorum, vote.result.required)}`;
  const blocks: AnnexBlock[] = [
    paragraph(
      plain(
        `Vote on the adoption of the text as a whole, under the rule of ${rule}${quorum}. Opened ${dateTime(vote.openedAt)}; closed ${dateTime(vote.closedAt)}.`,
      ),
    ),
    paragraph(strong(resultSentence(vote.result))),
    {
      type: 'table',
      header: ['Delegation', 'Vote'],
      rows: vote.ballots.map((b) => [b.name, choiceLabel(b.choice)]),
      rowKeys: vote.ballots.map((b) => b.delegation),
    },
  ];
  const explained = vote.ballots.filter((b) => b.explanation);
  if (explained.length) {
    blocks.push({ type: 'subheading', text: 'Explanations of vote' });
    for (const b of explained) blocks.push(paragraph(strong(`${b.name}: `), plain(b.explanation!)));
  }
  return blocks;
}

/**
 * Where the vote stands in the ledger: the entry that froze its result, and the fingerprint of the key that
 * signs the ledger, so a reader of the printed record can hold it against the conference's published key.
 */
function ledgerBlocks(
  vote: NonNullable<ExportModel['annexes']['recordedVote']>['vote'],
  keyFingerprint: string | null,
): AnnexBlock[] {
  const blocks: AnnexBlock[] = [];
  if (vote.ledger)
    blocks.push(paragraph(strong(`Ledger entry ${vote.ledger.seq}, which froze the result:`)), {
      type: 'code',
      text: vote.ledger.hash,
      name: 'ledgerEntry',
    });
  if (keyFingerprint)
    blocks.push(paragraph(strong('Fingerprint of the conference key that signs the ledger:')), {
      type: 'code',
      text: keyFingerprint,
      name: 'keyFingerprint',
    });
  if (blocks.length) blocks.push(paragraph(plain(LEDGER_NOTE)));
  return blocks;
}

function endorsementBlocks(annex: NonNullable<ExportModel['annexes']['endorsements']>): AnnexBlock[] {
  const blocks: AnnexBlock[] = [];
  const { endorsing, notEndorsing } = annex;
  blocks.push(paragraph(plain(`The text was endorsed by ${states(endorsing.length)}:`)));
  blocks.push({
    type: 'list',
    items: endorsing.map((e) => (e.kind === 'endorse_with_reservation' ? `${e.name} (with a reservation)` : e.name)),
  });
  const reservations = endorsing.filter((e) => e.statement);
  if (reservations.length) {
    blocks.push({ type: 'subheading', text: 'Reservations and statements' });
    for (const e of reservations) blocks.push(...statement(e.name, e.statement!));
  }
  if (notEndorsing.length) {
    blocks.push(paragraph(plain(`The following ${states(notEndorsing.length)} did not endorse the text:`)));
    blocks.push({ type: 'list', items: notEndorsing.map((e) => e.name) });
    for (const e of notEndorsing.filter((n) => n.statement)) blocks.push(...statement(e.name, e.statement!));
  }
  return blocks;
}

/** A statement in full: the State's name, then each of its paragraphs. */
function statement(name: string, text: string): AnnexBlock[] {
  const paragraphs = text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return [paragraph(strong(name)), ...paragraphs.map((p) => paragraph(plain(p)))];
}

function states(count: number): string {
  return count === 1 ? '1 State' : `${count} States`;
}

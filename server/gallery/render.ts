import type { Language } from '../../shared/domain/countries.js';
import { inlineRuns, textBlocks } from '../export/htmlBlocks.js';
import type { ExportClause } from '../export/model.js';
import { htmlEl as h, type Child } from '../export/xml.js';
import type { GalleryState, PublicVote } from './state.js';
import { GALLERY_WORDS } from './wording.js';

/**
 * The public page's parts as HTML strings, each rendered once per version and shared by every viewer: a
 * clause (the same whatever the language: the text and its number), and the localized parts (the header,
 * the clause under discussion, the results). Text only ever reaches the markup through the escaping builder.
 */

/** The element id of a clause on the page. */
export const clauseElementId = (clauseId: string): string => `c-${clauseId}`;

/** The clauses the page shows: every clause but the title, which heads the page. */
export function shownClauses(state: GalleryState): ExportClause[] {
  return state.clauses.filter((c) => c.kind !== 'title');
}

/** One clause as the page shows it: its number as printed ("1.", "PP2", "Annex I") beside its text. */
export function renderClause(clause: ExportClause): string {
  const attrs = { class: `clause k-${clause.kind}`, id: clauseElementId(clause.id) };
  if (clause.kind === 'heading') return h('div', attrs, h('h2', { dir: 'auto' }, ...headingRuns(clause))).value;
  // An annex is headed by its label, as the export heads it; its text follows.
  if (clause.kind === 'annex') return h('div', attrs, h('h2', null, clause.number), textBlocks(clause.blocks)).value;
  const label = clause.kind === 'operative' ? `${clause.number}.` : clause.number;
  return h('div', attrs, h('span', { class: 'num' }, label), h('div', { class: 'body' }, textBlocks(clause.blocks)))
    .value;
}

/** A heading's paragraphs as one line. */
function headingRuns(clause: ExportClause): Child[] {
  return clause.blocks.flatMap((b, i) => (b.type === 'paragraph' ? [i ? ' ' : null, ...inlineRuns(b.runs)] : []));
}

export function renderHeader(state: GalleryState, language: Language): string {
  const words = GALLERY_WORDS[language];
  return [
    h('p', { class: 'gallery' }, words.gallery),
    h('h1', { dir: 'auto' }, state.title),
    h('p', { class: 'stage' }, `${words.stage}: `, h('strong', null, words.stages[state.stage])),
  ].join('');
}

export function renderDiscussing(state: GalleryState, language: Language): string {
  const words = GALLERY_WORDS[language];
  const clause = state.clauses.find((c) => c.id === state.discussing);
  const heading = h('h2', { id: 'g-discussing-h' }, words.discussing);
  if (!clause) return [heading, h('p', null, words.nothingDiscussed)].join('');
  const excerpt = clause.text.length > 160 ? `${clause.text.slice(0, 157).trimEnd()}…` : clause.text;
  return [
    heading,
    h(
      'p',
      null,
      h('a', { href: `#${clauseElementId(clause.id)}` }, clause.ref),
      ' — ',
      h('span', { dir: 'auto' }, excerpt),
    ),
  ].join('');
}

function voteSubject(vote: PublicVote, language: Language): string {
  const words = GALLERY_WORDS[language];
  if (vote.subject === 'document') return words.wholeText;
  if (vote.subject === 'amendment') return vote.ref ? words.amendmentTo(vote.ref) : words.anAmendment;
  return vote.ref ?? words.anAmendment;
}

export function renderVotes(state: GalleryState, language: Language): string {
  const words = GALLERY_WORDS[language];
  const heading = h('h2', { id: 'g-votes-h' }, words.results);
  if (!state.votes.length) return [heading, h('p', null, words.noResults)].join('');
  const items = state.votes.map((vote) =>
    h(
      'li',
      { class: `vote ${vote.result.outcome}` },
      h('p', { class: 'subject' }, voteSubject(vote, language)),
      h('p', null, `${words.rules[vote.rule]}: `, h('strong', null, words.outcomes[vote.result.outcome])),
      h(
        'p',
        { class: 'counts' },
        `${words.yes} ${vote.result.yes} · ${words.no} ${vote.result.no} · ${words.abstain} ${vote.result.abstain}`,
      ),
    ),
  );
  return [heading, h('ul', { class: 'votes' }, items)].join('');
}

import type { ExportModel, ExportVote } from './model.js';
import { CHOICE_LABELS, isoDay, languageName, OUTCOME_LABELS, slugify } from './wording.js';
import { el, type Markup } from './xml.js';

/**
 * The `<meta>` block of the Akoma Ntoso export: the FRBR identification of the declaration (also of each
 * annex), the votes as `<analysis><parliamentary><voting>`, and the TLC references every `refersTo` and
 * `href` of the document points at.
 */

/** ISO 639-2 codes AKN uses in expression URIs, for the languages a congress is likely to work in. */
const LANGUAGE_CODES: Record<string, string> = {
  en: 'eng',
  fr: 'fra',
  es: 'spa',
  ru: 'rus',
  ar: 'ara',
  zh: 'zho',
  kk: 'kaz',
  uz: 'uzb',
};

const OUTCOME_CONCEPTS = { adopted: 'adopted', not_adopted: 'notAdopted', no_quorum: 'noQuorum' } as const;

/** The FRBR URIs of the declaration: `/akn/un/statement/deliberation/<body>/<date>/<number>`. */
function workUri(model: ExportModel): string {
  const [body, ...rest] = model.document.symbol.split('/');
  const actor = slugify(body ?? '') || 'accord';
  const number = slugify(rest.join('-')) || slugify(model.document.id) || 'document';
  return `/akn/un/statement/deliberation/${actor}/${isoDay(model.document.date)}/${number}`;
}

function languageCode(language: string): string {
  const base = language.split('-')[0]!.toLowerCase();
  return LANGUAGE_CODES[base] ?? base;
}

function voting(vote: ExportVote, index: number, annexEId: string | null): Markup {
  const eId = `vote_${index + 1}`;
  const counts = (['yes', 'no', 'abstain'] as const).map((choice) =>
    el('count', { eId: `${eId}__${choice}`, value: vote.result[choice], refersTo: `#${choice}` }),
  );
  return el(
    'voting',
    {
      eId,
      outcome: `#${OUTCOME_CONCEPTS[vote.result.outcome]}`,
      refersTo: `#${vote.subject.type}Vote`,
      href: annexEId ? `#${annexEId}` : null,
    },
    // The number of delegations the quorum came to when known, else the quorum as the rule states it.
    vote.quorum === null
      ? null
      : el('quorum', { eId: `${eId}__quorum`, value: vote.result.required ?? vote.quorum, refersTo: '#quorum' }),
    counts,
    el('count', { eId: `${eId}__present`, value: vote.result.present, refersTo: '#present' }),
  );
}

/** The FRBR identification of `component` (`!main`, `!annex_1`…). */
export function identification(model: ExportModel, component: string): Markup {
  const work = workUri(model);
  const language = languageCode(model.language);
  const day = isoDay(model.document.date);
  const expression = `${work}/${language}@${day}`;
  // A language version is an expression of the same work, translated from the original's expression.
  const original = `${work}/${languageCode(model.originalLanguage)}@${day}`;
  const version = model.language !== model.originalLanguage;
  return el(
    'identification',
    { source: '#accord' },
    el(
      'FRBRWork',
      null,
      el('FRBRthis', { value: `${work}/${component}` }),
      el('FRBRuri', { value: work }),
      el('FRBRdate', { date: day, name: model.draft ? 'draft' : 'adoption' }),
      el('FRBRauthor', { href: '#proponent', as: '#author' }),
      el('FRBRcountry', { value: 'un' }),
      el('FRBRsubtype', { value: 'deliberation' }),
      el('FRBRnumber', { value: work.split('/').at(-1)!, showAs: model.document.symbol }),
      el('FRBRname', { value: 'declaration' }),
    ),
    el(
      'FRBRExpression',
      null,
      el('FRBRthis', { value: `${expression}/${component}` }),
      el('FRBRuri', { value: expression }),
      el('FRBRdate', { date: day, name: model.revision ? model.revision.name : 'live' }),
      el('FRBRauthor', { href: '#accord', as: '#editor' }),
      version ? el('FRBRmasterExpression', { href: original, showAs: languageName(model.originalLanguage) }) : null,
      el('FRBRlanguage', { language }),
      version ? el('FRBRtranslation', { href: original, fromLanguage: model.originalLanguage, by: '#accord' }) : null,
    ),
    el(
      'FRBRManifestation',
      null,
      el('FRBRthis', { value: `${expression}/${component}.akn` }),
      el('FRBRuri', { value: `${expression}.akn` }),
      el('FRBRdate', { date: isoDay(model.generatedAt), name: 'generation' }),
      el('FRBRauthor', { href: '#accord', as: '#editor' }),
      el('FRBRformat', { value: 'application/akn+xml' }),
    ),
  );
}

/** The TLC references every `refersTo` and `href` in the document points at. */
function references(model: ExportModel): Markup {
  const concept = (eId: string, showAs: string): Markup =>
    el('TLCConcept', { eId, href: `/akn/ontology/concept/accord/${eId}`, showAs });
  const delegations = new Map(model.votes.flatMap((v) => v.ballots.map((b) => [b.delegation, b.name] as const)));
  return el(
    'references',
    { source: '#accord' },
    el('TLCOrganization', { eId: 'accord', href: '/akn/ontology/organization/accord', showAs: 'Accord' }),
    el('TLCOrganization', {
      eId: 'proponent',
      href: `/akn/ontology/organization/un/${slugify(model.proponent ?? 'accord') || 'accord'}`,
      showAs: model.proponent ?? 'Accord',
    }),
    [...delegations].map(([code, name]) =>
      el('TLCOrganization', {
        eId: `deleg_${code.toLowerCase()}`,
        href: `/akn/ontology/organization/${code.toLowerCase()}/delegation`,
        showAs: name,
      }),
    ),
    concept('adopted', OUTCOME_LABELS.adopted),
    concept('notAdopted', OUTCOME_LABELS.not_adopted),
    concept('noQuorum', OUTCOME_LABELS.no_quorum),
    concept('draft', 'Draft'),
    concept('yes', CHOICE_LABELS.yes),
    concept('no', CHOICE_LABELS.no),
    concept('abstain', CHOICE_LABELS.abstain),
    concept('present', 'Present'),
    concept('quorum', 'Quorum'),
    concept('documentVote', 'Vote on the text as a whole'),
    concept('clauseVote', 'Vote on a clause'),
    concept('amendmentVote', 'Vote on an amendment'),
  );
}

/** The `<meta>` block; the whole-text vote links to its annex `voteAnnex` (an eId) when there is one. */
export function aknMeta(model: ExportModel, voteAnnex: string | null): Markup {
  const documentVote = model.annexes.recordedVote?.vote;
  return el(
    'meta',
    null,
    identification(model, '!main'),
    model.votes.length
      ? el(
          'analysis',
          { source: '#accord' },
          el(
            'parliamentary',
            null,
            model.votes.map((vote, i) => voting(vote, i, vote === documentVote ? voteAnnex : null)),
          ),
        )
      : null,
    references(model),
  );
}

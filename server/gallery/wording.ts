import { LANGUAGES, type Language } from '../../shared/domain/countries.js';
import type { Stage } from '../../shared/domain/stages.js';
import type { VoteOutcome, VoteRule } from '../../shared/domain/tally.js';

/**
 * The public gallery's words in every language Accord speaks. The page is rendered on the server (no
 * account, no client bundle), so its words live here rather than in the client's locale files; the terms are
 * the client's own (client/i18n/locales/<language>/voting.json, common.json), so both say the same.
 */
export interface GalleryWords {
  gallery: string;
  stage: string;
  stages: Record<Stage, string>;
  discussing: string;
  nothingDiscussed: string;
  results: string;
  noResults: string;
  wholeText: string;
  amendmentTo: (ref: string) => string;
  anAmendment: string;
  rules: Record<VoteRule, string>;
  outcomes: Record<VoteOutcome, string>;
  yes: string;
  no: string;
  abstain: string;
  live: string;
  reconnecting: string;
  ended: string;
  skip: string;
  text: string;
}

export const GALLERY_WORDS: Record<Language, GalleryWords> = {
  en: {
    gallery: 'Public gallery',
    stage: 'Stage',
    stages: { drafting: 'Drafting', negotiation: 'Negotiation', adoption: 'Adoption', adopted: 'Adopted' },
    discussing: 'Under discussion',
    nothingDiscussed: 'Nothing is under discussion.',
    results: 'Results of votes',
    noResults: 'No vote has been closed yet.',
    wholeText: 'The whole text',
    amendmentTo: (ref) => `Amendment to ${ref}`,
    anAmendment: 'An amendment',
    rules: { consensus: 'Consensus', simple_majority: 'Simple majority', two_thirds: 'Two-thirds majority' },
    outcomes: { adopted: 'Adopted', not_adopted: 'Not adopted', no_quorum: 'No quorum' },
    yes: 'Yes',
    no: 'No',
    abstain: 'Abstain',
    live: 'Live: the text follows the meeting.',
    reconnecting: 'Connection lost; reconnecting…',
    ended: 'This page is no longer public.',
    skip: 'Skip to the text',
    text: 'Text',
  },
  ru: {
    gallery: 'Открытая галерея',
    stage: 'Этап',
    stages: { drafting: 'Подготовка проекта', negotiation: 'Переговоры', adoption: 'Принятие', adopted: 'Принят' },
    discussing: 'На обсуждении',
    nothingDiscussed: 'Сейчас ничего не обсуждается.',
    results: 'Результаты голосований',
    noResults: 'Ни одно голосование ещё не закрыто.',
    wholeText: 'Текст в целом',
    amendmentTo: (ref) => `Поправка к ${ref}`,
    anAmendment: 'Поправка',
    rules: { consensus: 'Консенсус', simple_majority: 'Простое большинство', two_thirds: 'Большинство в две трети' },
    outcomes: { adopted: 'Принято', not_adopted: 'Не принято', no_quorum: 'Нет кворума' },
    yes: 'За',
    no: 'Против',
    abstain: 'Воздержались',
    live: 'В прямом эфире: текст следует за заседанием.',
    reconnecting: 'Связь потеряна; переподключение…',
    ended: 'Эта страница больше не открыта.',
    skip: 'Перейти к тексту',
    text: 'Текст',
  },
  kk: {
    gallery: 'Ашық галерея',
    stage: 'Кезең',
    stages: { drafting: 'Жобаны әзірлеу', negotiation: 'Келіссөздер', adoption: 'Қабылдау', adopted: 'Қабылданды' },
    discussing: 'Талқылауда',
    nothingDiscussed: 'Қазір ештеңе талқыланып жатқан жоқ.',
    results: 'Дауыс беру нәтижелері',
    noResults: 'Әзірге бірде-бір дауыс беру жабылған жоқ.',
    wholeText: 'Мәтін толығымен',
    amendmentTo: (ref) => `${ref} түзетуі`,
    anAmendment: 'Түзету',
    rules: { consensus: 'Консенсус', simple_majority: 'Жай көпшілік', two_thirds: 'Үштен екі көпшілік' },
    outcomes: { adopted: 'Қабылданды', not_adopted: 'Қабылданбады', no_quorum: 'Кворум жоқ' },
    yes: 'Жақтап',
    no: 'Қарсы',
    abstain: 'Қалыс қалды',
    live: 'Тікелей: мәтін отырысқа ілесіп отырады.',
    reconnecting: 'Байланыс үзілді; қайта қосылуда…',
    ended: 'Бұл бет енді ашық емес.',
    skip: 'Мәтінге өту',
    text: 'Мәтін',
  },
};

/**
 * The language of a request's `Accept-Language` (RFC 9110: ranges by weight, `q=0` refused), among those
 * Accord speaks; English when none fits.
 */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [range, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: (range ?? '').split('-')[0]!, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of ranges) {
    if ((LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  }
  return 'en';
}

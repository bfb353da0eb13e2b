import type { VoteRule } from '../../shared/domain/tally.js';
import { exportWords } from './exportWords.js';

/**
 * The English phrases and small formatting rules every renderer shares, so a recorded vote reads the same in
 * the PDF, the DOCX, the HTML and the Akoma Ntoso annex.
 */

/** The calendar date part (YYYY-MM-DD) of an ISO date or date-time; `RangeError` when there is none. */
export function isoDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) throw new RangeError(`Not an ISO date: ${value}`);
  return match[0];
}

/**
 * "2025-10-17" → "17 October 2025", the form used in United Nations documents; in `language`'s own form for
 * the languages `exportWords` knows ("17 октября 2025 года", "2025 жылғы 17 қазан").
 */
export function longDate(value: string, language = 'en'): string {
  const [year, month, day] = isoDay(value).split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new RangeError(`Not an ISO date: ${value}`);
  return exportWords(language).date(year, month, day);
}

/**
 * Lower-case ASCII slug for file names: "Rev.1" → "rev-1", "Final" → "final". Letters outside ASCII are
 * dropped after removing accents, so the name is safe in a Content-Disposition header and in every zip tool.
 */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const CHOICE_LABELS = { yes: 'Yes', no: 'No', abstain: 'Abstain' } as const;

export const OUTCOME_LABELS = {
  adopted: 'Adopted',
  not_adopted: 'Not adopted',
  no_quorum: 'No quorum',
} as const;

export const RULE_LABELS: Record<VoteRule, string> = {
  consensus: 'consensus (adopted unless a delegation objects)',
  simple_majority: 'simple majority of those present and voting',
  two_thirds: 'two-thirds majority of those present and voting',
};

/** "36 in favour, 1 against, 3 abstentions" — the tally in the order United Nations records give it. */
export function tallySentence(result: { yes: number; no: number; abstain: number }): string {
  const abstentions = result.abstain === 1 ? '1 abstention' : `${result.abstain} abstentions`;
  return `${result.yes} in favour, ${result.no} against, ${abstentions}`;
}

/** Annex numbers continue the text's own annexes: "Annex III" after Annex I and II ("Приложение III" in Russian). */
export function annexLabel(position: number, language = 'en'): string {
  return exportWords(language).annex(position);
}

/** The closing line of the text, in its language: when and whether it was adopted. */
export function conclusionLine(model: {
  draft: boolean;
  dateText: string;
  revision: { name: string } | null;
  language?: string;
}): string {
  const words = exportWords(model.language ?? 'en');
  return model.draft ? words.draftOf(model.dateText, model.revision?.name ?? null) : words.adoptedOn(model.dateText);
}

/** The name of `language` as the masthead's "Original: …" line in `inLanguage` gives it ("English", "английский"). */
export function languageName(language: string, inLanguage = 'en'): string {
  return exportWords(inLanguage).languages[language.split('-')[0]!.toLowerCase()] ?? language;
}

/** The note before a clause printed in the original's words because its version is not written yet. */
export function untranslatedNote(model: { language: string; originalLanguage: string }): string {
  return exportWords(model.language).untranslated(languageName(model.originalLanguage, model.language));
}

/** The masthead's "Original: English" line, in the text's language. */
export function originalLine(model: { language: string; originalLanguage: string }): string {
  const words = exportWords(model.language);
  return words.original(languageName(model.originalLanguage, model.language));
}

/** "Adopted", "Not adopted" or "No quorum", with the tally. */
export function resultSentence(result: {
  outcome: keyof typeof OUTCOME_LABELS;
  yes: number;
  no: number;
  abstain: number;
  present: number;
}): string {
  return `${OUTCOME_LABELS[result.outcome]}: ${tallySentence(result)}; ${result.present} present.`;
}

/** A delegation's choice as printed in the recorded vote. */
export function choiceLabel(choice: keyof typeof CHOICE_LABELS | null): string {
  return choice ? CHOICE_LABELS[choice] : 'Did not vote';
}

/** What the integrity annex says the checksum covers (see `canonicalText`). */
export const INTEGRITY_NOTE =
  'The checksum is the SHA-256 of the text: for each clause in order, its reference (PP1, OP1…) on one line and its plain text below, clauses separated by an empty line, encoded in UTF-8. The JSON export lists each clause\u2019s reference and text, so anyone can recompute it.';

/** What the integrity annex says the fingerprint covers (see `fingerprint.ts`). */
export const FINGERPRINT_NOTE =
  'The fingerprint is the SHA-256 of the text\u2019s clauses in order \u2014 kind, number, reference and formatted content, as the JSON export lists them \u2014 written as canonical JSON. The ledger records it when the text is adopted; npm run verify-package recomputes it from the JSON export.';

/** What the recorded vote says of the ledger entry and the key. */
export const LEDGER_NOTE =
  'Every ballot and the result are entries of the conference\u2019s hash-chained ledger, whose head is signed with the conference key. Compare the fingerprint with the one the conference published; npm run verify-ledger checks the ledger.';

/** "17 October 2025, 10:42 UTC" for an ISO date-time; a bare date prints as a long date. */
export function dateTime(value: string): string {
  const date = new Date(value);
  if (!/T/.test(value) || Number.isNaN(date.getTime())) return longDate(value);
  const iso = date.toISOString();
  return `${longDate(iso)}, ${iso.slice(11, 16)} UTC`;
}

/**
 * The quorum as the rule states it: "20 delegations", or "50% of the registered delegations" for a share,
 * with the number it came to when known.
 */
export function quorumText(quorum: number, required?: number): string {
  if (quorum > 1) return `${quorum} delegations`;
  const share = `${Math.round(quorum * 1000) / 10}% of the registered delegations`;
  return required === undefined ? share : `${share} (${required})`;
}

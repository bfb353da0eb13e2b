import { LANGUAGES, type Language } from '../../shared/domain/countries.js';
import type { NotificationKind, NotificationParams } from '../../shared/api/notifications.js';

/**
 * The e-mail's words in every language Accord speaks. Mail is written on the server, so its words live here
 * rather than in the client's locale files (`notifications` namespace there says the same things on screen).
 */
interface MailWords {
  /** The subject and the sentence of each kind, from its params. */
  sentence: Record<NotificationKind, (p: NotificationParams) => string>;
  open: string;
  why: string;
}

type Outcomes = Record<string, string>;

const EN_SUBJECTS: Outcomes = { amendment: 'an amendment', clause: 'a clause', document: 'the whole text' };
const RU_SUBJECTS: Outcomes = { amendment: 'поправке', clause: 'пункту', document: 'тексту в целом' };
const KK_SUBJECTS: Outcomes = { amendment: 'түзету', clause: 'тармақ', document: 'мәтін тұтастай' };

const EN_OUTCOMES: Outcomes = {
  accepted: 'accepted',
  rejected: 'rejected',
  adopted: 'adopted by vote',
  not_adopted: 'not adopted by vote',
  lapsed: 'lapsed',
  passed: 'passed: the decision is taken',
  withdrawn: 'ended without a decision',
};
const RU_OUTCOMES: Outcomes = {
  accepted: 'принята',
  rejected: 'отклонена',
  adopted: 'принята голосованием',
  not_adopted: 'не принята голосованием',
  lapsed: 'утратила силу',
  passed: 'завершена: решение принято',
  withdrawn: 'завершена без решения',
};
const KK_OUTCOMES: Outcomes = {
  accepted: 'қабылданды',
  rejected: 'қабылданбады',
  adopted: 'дауыс беру арқылы қабылданды',
  not_adopted: 'дауыс беру арқылы қабылданбады',
  lapsed: 'күшін жойды',
  passed: 'аяқталды: шешім қабылданды',
  withdrawn: 'шешімсіз аяқталды',
};

const ref = (p: NotificationParams): string => p.clauseRef || '—';

export const MAIL_WORDS: Record<Language, MailWords> = {
  en: {
    sentence: {
      vote_opened: (p) => `A vote is open on ${EN_SUBJECTS[p.subject ?? ''] ?? 'a question'}`,
      silence_started: () => 'A text is circulated under the silence procedure',
      silence_broken: (p) => `${p.delegation} broke the silence`,
      silence_ended: (p) => `The silence procedure ${EN_OUTCOMES[p.outcome ?? ''] ?? 'ended'}`,
      amendment_decided: (p) => `Your amendment to ${ref(p)}: ${EN_OUTCOMES[p.outcome ?? ''] ?? p.outcome}`,
      mentioned: (p) => `${p.by} mentioned you in a comment`,
      floor_given: (p) => `${p.delegation} has the floor`,
    },
    open: 'Open in Accord',
    why: 'You receive this because of your role in the conference.',
  },
  ru: {
    sentence: {
      vote_opened: (p) => `Открыто голосование по ${RU_SUBJECTS[p.subject ?? ''] ?? 'вопросу'}`,
      silence_started: () => 'Текст распространён в порядке процедуры молчания',
      silence_broken: (p) => `${p.delegation} нарушила молчание`,
      silence_ended: (p) => `Процедура молчания ${RU_OUTCOMES[p.outcome ?? ''] ?? 'завершена'}`,
      amendment_decided: (p) => `Ваша поправка к ${ref(p)}: ${RU_OUTCOMES[p.outcome ?? ''] ?? p.outcome}`,
      mentioned: (p) => `${p.by} упомянул(а) вас в комментарии`,
      floor_given: (p) => `Слово предоставлено: ${p.delegation}`,
    },
    open: 'Открыть в Accord',
    why: 'Вы получили это письмо в связи с вашей ролью на конференции.',
  },
  kk: {
    sentence: {
      vote_opened: (p) => `Дауыс беру ашылды: ${KK_SUBJECTS[p.subject ?? ''] ?? 'мәселе'}`,
      silence_started: () => 'Мәтін үнсіздік рәсімі бойынша таратылды',
      silence_broken: (p) => `${p.delegation} үнсіздікті бұзды`,
      silence_ended: (p) => `Үнсіздік рәсімі ${KK_OUTCOMES[p.outcome ?? ''] ?? 'аяқталды'}`,
      amendment_decided: (p) => `${ref(p)} бойынша түзетуіңіз: ${KK_OUTCOMES[p.outcome ?? ''] ?? p.outcome}`,
      mentioned: (p) => `${p.by} сізді пікірде атап өтті`,
      floor_given: (p) => `Сөз берілді: ${p.delegation}`,
    },
    open: 'Accord-та ашу',
    why: 'Бұл хат сізге конференциядағы рөліңізге байланысты жіберілді.',
  },
};

/** The person's language if Accord speaks it, else English. */
export function mailLanguage(language: string | null): Language {
  return (LANGUAGES as readonly string[]).includes(language ?? '') ? (language as Language) : 'en';
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** One notification as an e-mail: subject, plain text and HTML, in `language`, with the link to follow. */
export function writeMail(
  n: { kind: NotificationKind; params: NotificationParams; documentTitle: string },
  language: Language,
  link: string,
): { subject: string; text: string; html: string } {
  const words = MAIL_WORDS[language];
  const sentence = words.sentence[n.kind](n.params);
  const subject = `${sentence} · ${n.documentTitle}`;
  const quote = n.kind === 'mentioned' && n.params.excerpt ? n.params.excerpt : '';
  const text = [sentence, n.documentTitle, quote && `“${quote}”`, `${words.open}: ${link}`, '', words.why]
    .filter((line) => line !== '')
    .join('\n\n');
  const html = [
    `<!doctype html><html lang="${language}"><body>`,
    `<p><strong>${escapeHtml(sentence)}</strong></p>`,
    `<p>${escapeHtml(n.documentTitle)}</p>`,
    quote ? `<blockquote>${escapeHtml(quote)}</blockquote>` : '',
    `<p><a href="${escapeHtml(link)}">${escapeHtml(words.open)}</a></p>`,
    `<p style="color:#555;font-size:small">${escapeHtml(words.why)}</p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}

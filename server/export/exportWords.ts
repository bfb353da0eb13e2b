import { toRoman } from '../../shared/editor/numbering.js';

/**
 * The few words an export writes around the text itself, in the language of the text: the date, "Annex I",
 * "Original: English", the draft status, the closing line, the titles of the generated annexes and the note
 * on a clause whose version is not written yet. Written for the congress's languages (en, ru, kk, uz) and the
 * other official languages of the United Nations (fr, es, ar, zh); any other language gets the English words.
 * The bodies of the generated annexes (the vote's details, the checksums' notes) stay English: `lang` says
 * which language the words are in, so a tagged PDF can mark the English lines.
 */
export interface ExportWords {
  /** The language these words are in (`en` when the text's language has none of its own). */
  lang: string;
  date(year: number, month: number, day: number): string;
  annex(position: number): string;
  /** "Original: English": the language the text was negotiated in. */
  original(languageName: string): string;
  /** Names of languages as they follow `original`. */
  languages: Record<string, string>;
  adoptedOn(date: string): string;
  draftOf(date: string, revision: string | null): string;
  /** The masthead's status line of a draft. */
  draftStatus(revision: string | null): string;
  /** The running header's one word. */
  draft: string;
  /** The status line of an adopted text (HTML). */
  adoptedText: string;
  recordedVote: string;
  endorsements: string;
  integrity: string;
  /** Said before a clause printed in the original's words because its version is not written yet. */
  untranslated(languageName: string): string;
}

const roman = (n: number): string => toRoman(n).toUpperCase();

const EN: ExportWords = {
  lang: 'en',
  date: (y, m, d) =>
    `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`,
  annex: (n) => `Annex ${roman(n)}`,
  original: (name) => `Original: ${name}`,
  languages: {
    en: 'English',
    fr: 'French',
    es: 'Spanish',
    ru: 'Russian',
    ar: 'Arabic',
    zh: 'Chinese',
    kk: 'Kazakh',
    uz: 'Uzbek',
  },
  adoptedOn: (date) => `Adopted on ${date}.`,
  draftOf: (date, revision) => (revision ? `Draft (${revision}) of ${date}.` : `Draft of ${date}.`),
  draftStatus: (revision) => (revision ? `Draft \u2014 ${revision} \u2014 not adopted` : 'Draft \u2014 not adopted'),
  draft: 'Draft',
  adoptedText: 'Adopted text',
  recordedVote: 'Recorded vote',
  endorsements: 'Endorsements',
  integrity: 'Text integrity',
  untranslated: (name) => `Not yet translated: the text in the original (${name})`,
};

const RU: ExportWords = {
  lang: 'ru',
  date: (y, m, d) =>
    `${d} ${['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'][m - 1]} ${y} года`,
  annex: (n) => `Приложение ${roman(n)}`,
  original: (name) => `Язык оригинала: ${name}`,
  languages: {
    en: 'английский',
    fr: 'французский',
    es: 'испанский',
    ru: 'русский',
    ar: 'арабский',
    zh: 'китайский',
    kk: 'казахский',
    uz: 'узбекский',
  },
  adoptedOn: (date) => `Принято ${date}.`,
  draftOf: (date, revision) => (revision ? `Проект (${revision}) от ${date}.` : `Проект от ${date}.`),
  draftStatus: (revision) => (revision ? `Проект \u2014 ${revision} \u2014 не принят` : 'Проект \u2014 не принят'),
  draft: 'Проект',
  adoptedText: 'Принятый текст',
  recordedVote: 'Заносимое в отчет голосование',
  endorsements: 'Поддержка текста',
  integrity: 'Целостность текста',
  untranslated: (name) => `Перевод еще не подготовлен: текст на языке оригинала (${name})`,
};

const KK: ExportWords = {
  lang: 'kk',
  date: (y, m, d) =>
    `${y} жылғы ${d} ${['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'][m - 1]}`,
  annex: (n) => `${roman(n)} қосымша`,
  original: (name) => `Түпнұсқа тілі: ${name}`,
  languages: {
    en: 'ағылшын',
    fr: 'француз',
    es: 'испан',
    ru: 'орыс',
    ar: 'араб',
    zh: 'қытай',
    kk: 'қазақ',
    uz: 'өзбек',
  },
  adoptedOn: (date) => `Қабылданған күні: ${date}.`,
  draftOf: (date, revision) => (revision ? `Жоба (${revision}), ${date}.` : `Жоба, ${date}.`),
  draftStatus: (revision) => (revision ? `Жоба \u2014 ${revision} \u2014 қабылданбаған` : 'Жоба \u2014 қабылданбаған'),
  draft: 'Жоба',
  adoptedText: 'Қабылданған мәтін',
  recordedVote: 'Атаулы дауыс беру',
  endorsements: 'Мәтінді қолдау',
  integrity: 'Мәтіннің тұтастығы',
  untranslated: (name) => `Әлі аударылмаған: түпнұсқа тіліндегі мәтін (${name})`,
};

const UZ: ExportWords = {
  lang: 'uz',
  date: (y, m, d) =>
    `${y}-yil ${d}-${['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'oktabr', 'noyabr', 'dekabr'][m - 1]}`,
  annex: (n) => `${roman(n)} ilova`,
  original: (name) => `Asl nusxa tili: ${name}`,
  languages: {
    en: 'ingliz',
    fr: 'fransuz',
    es: 'ispan',
    ru: 'rus',
    ar: 'arab',
    zh: 'xitoy',
    kk: 'qozoq',
    uz: 'oʻzbek',
  },
  adoptedOn: (date) => `Qabul qilingan sana: ${date}.`,
  draftOf: (date, revision) => (revision ? `Loyiha (${revision}), ${date}.` : `Loyiha, ${date}.`),
  draftStatus: (revision) =>
    revision ? `Loyiha \u2014 ${revision} \u2014 qabul qilinmagan` : 'Loyiha \u2014 qabul qilinmagan',
  draft: 'Loyiha',
  adoptedText: 'Qabul qilingan matn',
  recordedVote: 'Nomma-nom ovoz berish',
  endorsements: 'Matnni qoʻllab-quvvatlash',
  integrity: 'Matn yaxlitligi',
  untranslated: (name) => `Hali tarjima qilinmagan: asl tildagi matn (${name})`,
};

const FR: ExportWords = {
  lang: 'fr',
  date: (y, m, d) =>
    `${d === 1 ? '1er' : d} ${['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'][m - 1]} ${y}`,
  annex: (n) => `Annexe ${roman(n)}`,
  original: (name) => `Original\u00a0: ${name}`,
  languages: {
    en: 'anglais',
    fr: 'français',
    es: 'espagnol',
    ru: 'russe',
    ar: 'arabe',
    zh: 'chinois',
    kk: 'kazakh',
    uz: 'ouzbek',
  },
  adoptedOn: (date) => `Adopté le ${date}.`,
  draftOf: (date, revision) => (revision ? `Projet (${revision}) du ${date}.` : `Projet du ${date}.`),
  draftStatus: (revision) => (revision ? `Projet \u2014 ${revision} \u2014 non adopté` : 'Projet \u2014 non adopté'),
  draft: 'Projet',
  adoptedText: 'Texte adopté',
  recordedVote: 'Vote enregistré',
  endorsements: 'Approbations',
  integrity: 'Intégrité du texte',
  untranslated: (name) => `Pas encore traduit\u00a0: le texte dans la langue originale (${name})`,
};

const ES: ExportWords = {
  lang: 'es',
  date: (y, m, d) =>
    `${d} de ${['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'][m - 1]} de ${y}`,
  annex: (n) => `Anexo ${roman(n)}`,
  original: (name) => `Original: ${name}`,
  languages: {
    en: 'inglés',
    fr: 'francés',
    es: 'español',
    ru: 'ruso',
    ar: 'árabe',
    zh: 'chino',
    kk: 'kazajo',
    uz: 'uzbeko',
  },
  adoptedOn: (date) => `Aprobado el ${date}.`,
  draftOf: (date, revision) => (revision ? `Proyecto (${revision}) de ${date}.` : `Proyecto de ${date}.`),
  draftStatus: (revision) =>
    revision ? `Proyecto \u2014 ${revision} \u2014 no aprobado` : 'Proyecto \u2014 no aprobado',
  draft: 'Proyecto',
  adoptedText: 'Texto aprobado',
  recordedVote: 'Votación registrada',
  endorsements: 'Adhesiones',
  integrity: 'Integridad del texto',
  untranslated: (name) => `Aún sin traducir: el texto en el idioma original (${name})`,
};

const AR: ExportWords = {
  lang: 'ar',
  // The months as United Nations documents in Arabic give them, both names.
  date: (y, m, d) =>
    `${d} ${['كانون الثاني/يناير', 'شباط/فبراير', 'آذار/مارس', 'نيسان/أبريل', 'أيار/مايو', 'حزيران/يونيه', 'تموز/يوليه', 'آب/أغسطس', 'أيلول/سبتمبر', 'تشرين الأول/أكتوبر', 'تشرين الثاني/نوفمبر', 'كانون الأول/ديسمبر'][m - 1]} ${y}`,
  annex: (n) => `المرفق ${roman(n)}`,
  original: (name) => `الأصل: ${name}`,
  languages: {
    en: 'بالإنكليزية',
    fr: 'بالفرنسية',
    es: 'بالإسبانية',
    ru: 'بالروسية',
    ar: 'بالعربية',
    zh: 'بالصينية',
    kk: 'بالكازاخية',
    uz: 'بالأوزبكية',
  },
  adoptedOn: (date) => `اعتُمد في ${date}.`,
  draftOf: (date, revision) => (revision ? `مشروع (${revision}) بتاريخ ${date}.` : `مشروع بتاريخ ${date}.`),
  draftStatus: (revision) => (revision ? `مشروع \u2014 ${revision} \u2014 لم يُعتمد` : 'مشروع \u2014 لم يُعتمد'),
  draft: 'مشروع',
  adoptedText: 'النص المعتمد',
  recordedVote: 'التصويت المسجل',
  endorsements: 'التأييدات',
  integrity: 'سلامة النص',
  untranslated: (name) => `لم يُترجم بعد: النص باللغة الأصلية (${name})`,
};

const ZH_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 25 → 二十五: annexes are numbered in Chinese numerals. */
function chineseNumber(n: number): string {
  if (n < 10) return ZH_DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ZH_DIGITS[n % 10]}`;
}

const ZH: ExportWords = {
  lang: 'zh',
  date: (y, m, d) => `${y}年${m}月${d}日`,
  annex: (n) => `附件${chineseNumber(n)}`,
  original: (name) => `原文：${name}`,
  languages: {
    en: '英文',
    fr: '法文',
    es: '西班牙文',
    ru: '俄文',
    ar: '阿拉伯文',
    zh: '中文',
    kk: '哈萨克文',
    uz: '乌兹别克文',
  },
  adoptedOn: (date) => `${date}通过。`,
  draftOf: (date, revision) => (revision ? `草案（${revision}），${date}。` : `草案，${date}。`),
  draftStatus: (revision) => (revision ? `草案\u2014\u2014${revision}\u2014\u2014未通过` : '草案\u2014\u2014未通过'),
  draft: '草案',
  adoptedText: '通过的案文',
  recordedVote: '记录表决',
  endorsements: '赞同',
  integrity: '文本完整性',
  untranslated: (name) => `尚未翻译：原文（${name}）`,
};

const WORDS: Record<string, ExportWords> = { en: EN, ru: RU, kk: KK, uz: UZ, fr: FR, es: ES, ar: AR, zh: ZH };

/** The words for a text in `language` (BCP 47); English for a language without its own. */
export function exportWords(language: string): ExportWords {
  return WORDS[language.split('-')[0]!.toLowerCase()] ?? EN;
}

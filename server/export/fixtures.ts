import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClauseKind } from '../../shared/domain/clauses.js';
import { parseMarkup } from '../../shared/editor/markup.js';
import type { ClauseJSON } from '../../shared/editor/schema.js';
import type { ExportSource, LedgerRow, SourceEndorsement, SourceVote } from './model.js';
import { chainHash } from '../db/repositories/audit.js';

/**
 * Test data for the exporters: a demo-like declaration full of hostile and multilingual text, the demo seed
 * when it is present, and a generated declaration of any length. Everything is deterministic.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The forty delegations of the demo conference, with English short names. */
export const DELEGATIONS: ExportSource['delegations'] = Object.entries({
  KAZ: 'Kazakhstan',
  UZB: 'Uzbekistan',
  KGZ: 'Kyrgyzstan',
  TJK: 'Tajikistan',
  TKM: 'Turkmenistan',
  RUS: 'Russian Federation',
  CHN: 'China',
  GBR: 'United Kingdom of Great Britain and Northern Ireland',
  POL: 'Poland',
  FRA: 'France',
  DEU: 'Germany',
  ITA: 'Italy',
  ESP: 'Spain',
  FIN: 'Finland',
  NLD: 'Netherlands (Kingdom of the)',
  EST: 'Estonia',
  USA: 'United States of America',
  CAN: 'Canada',
  MEX: 'Mexico',
  JPN: 'Japan',
  IND: 'India',
  KOR: 'Republic of Korea',
  SGP: 'Singapore',
  MYS: 'Malaysia',
  IDN: 'Indonesia',
  VNM: 'Viet Nam',
  THA: 'Thailand',
  TUR: 'Türkiye',
  AZE: 'Azerbaijan',
  GEO: 'Georgia',
  MNG: 'Mongolia',
  ARE: 'United Arab Emirates',
  PAK: 'Pakistan',
  NGA: 'Nigeria',
  KEN: 'Kenya',
  ZAF: 'South Africa',
  EGY: 'Egypt',
  MAR: 'Morocco',
  GHA: 'Ghana',
  AUS: 'Australia',
}).map(([code, name]) => ({ code, name }));

/** Text that must come out of every format escaped and intact. */
export const HOSTILE = {
  html: '<img src=x onerror=alert(1)>',
  kazakh: 'ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І',
  uzbek: 'ў қ ғ ҳ oʻzbek gʻisht',
  arabic: 'السلام عليكم',
  hebrew: 'שלום עליכם',
  emoji: '🌍',
} as const;

/** Clause markup of the demo-like declaration (see `parseMarkup`). */
export const DEMO_CLAUSES: { kind: ClauseKind; text: string }[] = [
  { kind: 'title', text: 'Almaty Declaration on Inclusive Education' },
  {
    kind: 'preamble',
    text: '*Having convened* in Almaty, Republic of Kazakhstan, from 15 to 17 October 2025 for the first World Inclusion Congress (WIC 2025),',
  },
  {
    kind: 'preamble',
    text: `*Recalling* the motto of the host country, «Білім — болашақтың кілті», written with the letters ${HOSTILE.kazakh},`,
  },
  {
    kind: 'preamble',
    text: `*Noting* the contribution of Uzbekistan, «Таълим — келажак калити», and the letters ${HOSTILE.uzbek},`,
  },
  {
    kind: 'preamble',
    text: `*Welcoming* the greetings «${HOSTILE.arabic}» and «${HOSTILE.hebrew}» and the symbol ${HOSTILE.emoji} sent by participants,`,
  },
  {
    kind: 'operative',
    text: '*Affirms* that inclusive education is a right & not a privilege, and that "Education for All" means \'all\';',
  },
  {
    kind: 'operative',
    text: [
      '*Adopts* the following recommendations:',
      '(a) For national Governments:',
      '  (i) Establishing early identification of special educational needs;',
      '  (ii) Integrating education, health and social-protection services;',
      `(b) For education organizations ${HOSTILE.html} & partners;`,
      '(c) For international institutions, providing **technical assistance** <b>and</b> financing;',
    ].join('\n'),
  },
  { kind: 'heading', text: 'Implementation & follow-up <i>' },
  {
    kind: 'operative',
    text: '*Requests* the organizers of the Congress to transmit the present Declaration to UNESCO.',
  },
  {
    kind: 'annex',
    text: 'Indicators for follow-up\n(a) Participation of learners with disabilities;\n(b) Completion rates, disaggregated by sex & disability.',
  },
];

export function clauseContent(markup: string): ClauseJSON {
  return parseMarkup(markup).toJSON() as ClauseJSON;
}

function clausesFrom(list: { kind: ClauseKind; text: string }[], prefix: string): ExportSource['clauses'] {
  return list.map((c, i) => ({
    id: `${prefix}-${i + 1}`,
    kind: c.kind,
    status: 'agreed_ad_ref',
    content: clauseContent(c.text),
  }));
}

/** A closed whole-text vote with a ballot from each delegation, some explained. */
export function closedVote(delegations = DELEGATIONS, id = 'vote-final'): SourceVote {
  const ballots = delegations.map((d, i): SourceVote['ballots'][number] => {
    const choice = i === 7 ? 'no' : i % 13 === 5 ? 'abstain' : 'yes';
    const explanation =
      d.code === 'KAZ'
        ? `Біз бұл мәтінді қолдаймыз — ${HOSTILE.kazakh}.`
        : d.code === 'FRA'
          ? `Vote "yes" & 'with pleasure' ${HOSTILE.html}.`
          : d.code === 'EGY'
            ? `${HOSTILE.arabic} ${HOSTILE.emoji}`
            : null;
    return explanation ? { delegation: d.code, choice, explanation } : { delegation: d.code, choice };
  });
  const count = (c: string): number => ballots.filter((b) => b.choice === c).length;
  return {
    id,
    subject: { type: 'document' },
    rule: 'simple_majority',
    quorum: 20,
    openedAt: '2025-10-17T10:00:00.000Z',
    closedAt: '2025-10-17T10:15:00.000Z',
    result: {
      outcome: 'adopted',
      yes: count('yes'),
      no: count('no'),
      abstain: count('abstain'),
      present: ballots.length,
    },
    ballots,
  };
}

/** Endorsements: most plain, two with reservations (one of two paragraphs), one refusal. */
export function endorsementsOf(delegations = DELEGATIONS): SourceEndorsement[] {
  return delegations.map((d, i): SourceEndorsement => {
    const at = `2025-10-17T12:${String(i).padStart(2, '0')}:00.000Z`;
    if (d.code === 'USA')
      return {
        delegation: d.code,
        kind: 'endorse_with_reservation',
        at,
        statement: `Paragraph 2 (b) is understood as "non-binding" & subject to <national law>.\nSecond paragraph: ${HOSTILE.hebrew}.`,
      };
    if (d.code === 'UZB')
      return {
        delegation: d.code,
        kind: 'endorse_with_reservation',
        at,
        statement: `Oʻzbekiston ${HOSTILE.uzbek} — izoh ${HOSTILE.emoji}.`,
      };
    if (d.code === 'MNG')
      return { delegation: d.code, kind: 'not_endorse', at, statement: 'Awaiting instructions from the capital.' };
    return { delegation: d.code, kind: 'endorse', at };
  });
}

/** A hash-chained ledger extract of `count` rows, hashed as the ledger hashes them (`chainHash`). */
export function ledgerRows(count = 5): LedgerRow[] {
  const rows: LedgerRow[] = [];
  let prevHash = '0'.repeat(64);
  for (let seq = 1; seq <= count; seq++) {
    const entry = {
      seq,
      at: `2025-10-17T10:${String(seq).padStart(2, '0')}:00.000Z`,
      action: seq === count ? 'vote.close' : 'ballot.cast',
      actorId: null,
      actor: `user-${seq}`,
      documentId: 'almaty-declaration',
      subject: 'vote:vote-final',
      payload: { voteId: 'vote-final', note: '<&>' },
      prevHash,
    };
    const hash = chainHash(entry);
    rows.push({ ...entry, hash });
    prevHash = hash;
  }
  return rows;
}

/** The demo-like declaration, adopted, with its vote and endorsements. */
export function demoSource(overrides: Partial<ExportSource> = {}): ExportSource {
  return {
    document: {
      id: 'almaty-declaration',
      title: 'Almaty Declaration on Inclusive Education',
      symbol: 'WIC/2025/DEC.1',
      stage: 'adopted',
      date: '2025-10-17',
      metadata: { conference: 'World Inclusion Congress (WIC 2025), Almaty, 15–17 October 2025', language: 'en' },
    },
    revision: { id: 'rev-final', name: 'Final', createdAt: '2025-10-17T11:00:00.000Z' },
    clauses: clausesFrom(DEMO_CLAUSES, 'demo'),
    delegations: DELEGATIONS,
    votes: [closedVote()],
    endorsements: endorsementsOf(),
    ledger: ledgerRows(),
    generatedAt: '2025-10-18T09:30:00.000Z',
    ...overrides,
  };
}

/** The demo seed (`data/seed/almaty-declaration.json`) as an adopted text, or null while it is absent. */
export function seedSource(): ExportSource | null {
  const file = join(ROOT, 'data', 'seed', 'almaty-declaration.json');
  if (!existsSync(file)) return null;
  const seed = JSON.parse(readFileSync(file, 'utf8')) as {
    id: string;
    title: string;
    symbol: string;
    date: string;
    metadata?: Record<string, unknown>;
    clauses: { kind: ClauseKind; text: string }[];
  };
  return demoSource({
    document: {
      id: seed.id,
      title: seed.title,
      symbol: seed.symbol,
      stage: 'adopted',
      date: seed.date,
      metadata: seed.metadata ?? {},
    },
    clauses: clausesFrom(seed.clauses, 'seed'),
  });
}

const PARTICIPLES = [
  'Recognizing',
  'Recalling',
  'Noting with concern',
  'Reaffirming',
  'Bearing in mind',
  'Welcoming',
  'Convinced',
  'Mindful',
];
const VERBS = ['Calls upon', 'Encourages', 'Invites', 'Urges', 'Requests', 'Decides', 'Recommends', 'Welcomes'];
const WORDS = (
  'inclusive education learners teachers schools Governments accessible environments assistive technologies ' +
  'quality equity participation support families communities partnerships financing monitoring data research ' +
  'қазақ тілі білім ўзбек oʻquvchi & «quality» "access" <rights>'
).split(' ');

/** A declaration of `count` clauses: a title, a fifth preambular, headings every 40, a few annexes. */
export function generatedSource(count = 200): ExportSource {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const sentence = (length: number): string => Array.from({ length }, () => WORDS[random(WORDS.length)]).join(' ');
  const list: { kind: ClauseKind; text: string }[] = [
    { kind: 'title', text: `Generated Declaration of ${count} Clauses` },
  ];
  const preambles = Math.floor(count / 5);
  const annexes = Math.min(3, Math.floor(count / 60));
  for (let i = 1; list.length < count - annexes; i++) {
    if (i <= preambles) {
      list.push({ kind: 'preamble', text: `*${PARTICIPLES[i % PARTICIPLES.length]}* ${sentence(20 + random(30))},` });
    } else if (i % 40 === 0) {
      list.push({ kind: 'heading', text: `Part ${i / 40}: ${sentence(4)}` });
    } else if (i % 10 === 3) {
      const lines = [
        `*${VERBS[i % VERBS.length]}* ${sentence(12)}:`,
        `(a) ${sentence(15)};`,
        `(b) ${sentence(10)}:`,
        `  (i) ${sentence(12)};`,
        `  (ii) ${sentence(8)};`,
        `(c) ${sentence(14)};`,
      ];
      list.push({ kind: 'operative', text: lines.join('\n') });
    } else {
      list.push({ kind: 'operative', text: `*${VERBS[i % VERBS.length]}* ${sentence(25 + random(40))};` });
    }
  }
  for (let a = 0; a < annexes; a++)
    list.push({
      kind: 'annex',
      text: `Annex text ${a + 1}: ${sentence(40)}\n(a) ${sentence(10)};\n(b) ${sentence(10)}.`,
    });
  return demoSource({
    document: {
      id: 'generated-declaration',
      title: `Generated Declaration of ${count} Clauses`,
      symbol: 'GEN/2025/1',
      stage: 'adopted',
      date: '2025-10-17',
      metadata: { conference: 'Generated Conference', language: 'en' },
    },
    clauses: clausesFrom(list, 'gen'),
  });
}

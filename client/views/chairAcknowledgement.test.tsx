// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { UnfinishedItem } from '../../shared/domain/unfinished.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n, setLanguage } from '../i18n/index.js';
import { AcknowledgementList } from './chairAcknowledgement.js';
import type { VotingData } from './votingCommon.js';

/** The chair's list of unfinished work, for the items about language versions, in each language of the interface. */
const kk: UnfinishedItem = {
  kind: 'translation_unfinished',
  lang: 'kk',
  missing: [
    { clauseId: 'op8', ref: 'OP8' },
    { clauseId: 'op15', ref: 'OP15' },
  ],
  stale: [{ clauseId: 'op7', ref: 'OP7' }],
  draft: [{ clauseId: 'op17', ref: 'OP17' }],
  total: 33,
};
const ru: UnfinishedItem = {
  kind: 'translation_unfinished',
  lang: 'ru',
  missing: [],
  stale: [
    { clauseId: 'pp8', ref: 'PP8' },
    { clauseId: 'op9', ref: 'OP9' },
  ],
  draft: [],
  total: 33,
};

function lines(): { heading: string; items: string[]; links: (string | null)[] } {
  const { el } = mount(
    <AcknowledgementList
      id="ack"
      title="Before the text is adopted"
      confirmLabel="Adopt all the same"
      state={{ items: [kk, ru], stale: false, relisted: false }}
      data={{ doc: { id: 'almaty-declaration' } } as VotingData}
      actions={new Actions()}
      action="adopt"
      confirm={async () => {}}
      cancel={() => {}}
    />,
  );
  const items = [...el.querySelectorAll('li[data-kind="translation_unfinished"]')];
  return {
    heading: el.querySelector('h4')!.textContent!,
    items: items.map((li) => li.textContent!),
    links: [...items[0]!.querySelectorAll('a')].map((a) => a.getAttribute('href')),
  };
}

beforeAll(async () => {
  localStorage.setItem('accord.language', 'en');
  await initI18n();
});

describe('language versions in the acknowledgement list', () => {
  it('reads in English, each clause linked', async () => {
    await setLanguage('en');
    expect(lines()).toEqual({
      heading: 'Language versions not ready (2)',
      items: [
        'Kazakh: 29 of 33 clauses current — 2 clauses missing (OP8, OP15), 1 stale (OP7), 1 in draft (OP17)',
        'Russian: 31 of 33 clauses current — 2 stale (PP8, OP9)',
      ],
      links: ['op8', 'op15', 'op7', 'op17'].map((id) => `/documents/almaty-declaration#clause-${id}`),
    });
  });

  it('reads in Russian and in Kazakh, the language named in the reader’s language', async () => {
    await setLanguage('ru');
    expect(lines().items).toEqual([
      'Казахский: актуальны 29 из 33 пунктов — 2 пункта без перевода (OP8, OP15), 1 с устаревшим переводом (OP7), 1 в черновике (OP17)',
      'Русский: актуальны 31 из 33 пунктов — 2 с устаревшим переводом (PP8, OP9)',
    ]);
    await setLanguage('kk');
    expect(lines().items).toEqual([
      'Қазақ тілі: 33 тармақтың 29 тармағы өзекті — 2 тармақ аударылмаған (OP8, OP15), 1 тармақтың аудармасы ескірген (OP7), 1 тармақ жоба күйінде (OP17)',
      'Орыс тілі: 33 тармақтың 31 тармағы өзекті — 2 тармақтың аудармасы ескірген (PP8, OP9)',
    ]);
    await setLanguage('en');
  });
});

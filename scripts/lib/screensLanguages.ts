import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import { parseMarkup } from '../../shared/editor/markup.js';
import { getVersionFragment, readClause, writeClause } from '../../shared/editor/ydoc.js';
import type { AccordServer } from '../../server/index.js';

/** A signed-in JSON client of the screenshots' setup (`apiAs` in scripts/screenshots.ts). */
type Api = (method: string, route: string, body?: unknown) => Promise<any>;

/** The first clauses of the declaration in Kazakh, for the screens of language versions. */
const KAZAKH: Record<string, string> = {
  Title: 'Инклюзивті білім беру туралы Алматы декларациясы',
  PP1:
    '*Бас қосып,* 2025 жылғы 15–17 қазанда Қазақстан Республикасының Алматы қаласында бірінші Дүниежүзілік ' +
    'инклюзия конгресіне (WIC 2025), оған Азия, Африка, Еуропа, Аустралия және Солтүстік Американың 40 елінен ' +
    '1 200-ден астам қатысушы, соның ішінде мемлекеттік органдардың, ғылыми және білім беру мекемелерінің, ' +
    'халықаралық ұйымдардың өкілдері, мұғалімдер, инклюзивті білім беру саласының сарапшылары мен практиктері қатысты,',
  PP2:
    '*Қайта растай отырып,* әр адамның Адам құқықтарының жалпыға бірдей декларациясында, Бала құқықтары туралы ' +
    'конвенцияда және Мүгедектігі бар адамдардың құқықтары туралы конвенцияда, әсіресе оның 24-бабында бекітілген ' +
    'білім алу құқығын, ол бойынша қатысушы мемлекеттер барлық деңгейде инклюзивті білім беру жүйесін және өмір ' +
    'бойы оқуды қамтамасыз етуге міндеттенеді,',
  PP3:
    '*Еске сала отырып,* 1994 жылы Ерекше қажеттіліктері бар адамдарды оқыту жөніндегі дүниежүзілік конференция ' +
    'қабылдаған Саламанка мәлімдемесі мен Іс-қимыл негіздерін,',
};

/**
 * The declaration with a Kazakh version for the screens of language versions: the title and PP1 current, PP2
 * marked current and then changed in the original (stale, with its diff), PP3 a draft, the rest missing. A
 * version the demo already carries is left as it is.
 */
export async function prepareVersions(server: AccordServer, documentId: string, secretariat: Api): Promise<void> {
  const added = await secretariat('POST', `/api/documents/${documentId}/languages`, { code: 'kk' }).then(
    () => true,
    (error: Error) => {
      if (!/language_exists/.test(error.message)) throw error;
      return false;
    },
  );
  if (!added) return;
  const { clauses } = (await secretariat('GET', `/api/documents/${documentId}`)) as {
    clauses: { id: string; ref: string }[];
  };
  const idOf = (ref: string): string => clauses.find((c) => c.ref === ref)!.id;
  const user = (await server.ctx.store.users.byUsername('secretariat'))!;
  const author = { userId: user.id, delegation: null };
  await server.ctx.registry.change(documentId, author, (doc) => {
    for (const [ref, text] of Object.entries(KAZAKH))
      prosemirrorToYXmlFragment(parseMarkup(text), getVersionFragment(doc, idOf(ref), 'kk'));
  });
  for (const ref of ['Title', 'PP1', 'PP2'])
    await secretariat('POST', `/api/documents/${documentId}/clauses/${idOf(ref)}/translations/kk/status`, {
      status: 'current',
    });
  // The original moves on after PP2 was marked: its version is stale until the translator catches up.
  await server.ctx.registry.change(documentId, author, (doc) => {
    const pp2 = readClause(doc, idOf('PP2'));
    const text = pp2.textContent.replace('lifelong learning', 'lifelong learning for all');
    writeClause(doc, idOf('PP2'), parseMarkup(text.replace(/^Reaffirming/, '*Reaffirming*')));
  });
}

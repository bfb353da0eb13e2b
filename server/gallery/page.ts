import type { Language } from '../../shared/domain/countries.js';
import { htmlEl as h, Markup, trusted } from '../export/xml.js';
import { SUBPARAGRAPH_CSS } from '../export/htmlBlocks.js';
import type { Rendition } from './changes.js';
import { renderDiscussing, renderHeader, renderVotes } from './render.js';
import { GALLERY_WORDS } from './wording.js';

/** Where the page's script is served (`routes/publicGallery.ts`); the CSP admits only scripts of this origin. */
export const GALLERY_SCRIPT_PATH = '/public/gallery.js';

/**
 * The page: readable on a phone (one column, text at 1.15rem) and on a projector (the column widens and the
 * type grows with the viewport), the colours of the design tokens (client/styles/tokens.css) with their AA
 * contrast, visible focus.
 */
const STYLE = `
:root { --ink: #14171c; --muted: #4a5260; --paper: #fff; --panel: #f3f5f8; --line: #c9d0da; --accent: #0b4f9c;
  --accent-soft: #e6eef8; --ok: #1d6b2f; --danger: #a4161a; --focus: #ffbf47;
  --serif: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', Georgia, serif;
  --sans: system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif;
  color: var(--ink); background: var(--paper); font-family: var(--sans); line-height: 1.5; }
body { margin: 0; font-size: clamp(1rem, 0.9rem + 0.6vw, 1.6rem); }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip:focus { left: .5rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 5px var(--ink); }
header, main { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
@media (min-width: 100rem) { header, main { max-width: 70rem; } }
header { border-bottom: 2px solid var(--ink); padding-top: 1rem; }
header .gallery, header .stage, #g-live { color: var(--muted); margin: .25rem 0; font-size: .875em; }
h1 { font-family: var(--serif); font-size: 1.6em; margin: .25rem 0; }
h2 { font-size: 1.1em; margin: 1.5rem 0 .5rem; }
main:focus { outline: none; }
#g-discussing { background: var(--accent-soft); border-left: 4px solid var(--accent); padding: .25rem 1rem .5rem;
  margin-top: 1rem; }
#g-discussing h2 { margin-top: .5rem; }
#g-clauses { font-family: var(--serif); font-size: 1.15em; line-height: 1.6; }
.clause { display: grid; grid-template-columns: 3.5em 1fr; gap: 0 .5em; padding: .25rem .5rem; margin: 0 -.5rem;
  border-left: 4px solid transparent; }
.clause.k-heading, .clause.k-annex { display: block; }
.clause.discussing { border-left-color: var(--accent); background: var(--accent-soft); }
.clause .num { color: var(--muted); font-variant-numeric: tabular-nums; text-align: right; }
.clause p { margin: 0 0 .5em; }
${SUBPARAGRAPH_CSS}
.votes { list-style: none; padding: 0; display: grid; gap: .75rem; }
.vote { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem; }
.vote p { margin: .25rem 0; }
.vote.adopted strong { color: var(--ok); }
.vote.not_adopted strong, .vote.no_quorum strong { color: var(--danger); }
.subject { font-weight: 600; }
@media (max-width: 30rem) { .clause { grid-template-columns: 2.5em 1fr; } }
`;

/** Markup the builder made earlier (render.ts), kept as a string to be shared by the page and the stream. */
const built = (html: string): Markup => new Markup(html);

/** The whole page of a published document, in `language`, as of the stream's event `eventId`. */
export function renderPage({ state, clauses: rendered }: Rendition, language: Language, eventId: string): string {
  const words = GALLERY_WORDS[language];
  // The one clause under discussion is marked in the page; the stream's clause HTML never is (the script marks it).
  const clauses = [...rendered].map(([id, { html }]) =>
    id === state.discussing ? html.replace('class="clause ', 'class="clause discussing ') : html,
  );
  const page = h(
    'html',
    { lang: language },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', null, `${state.title} — ${words.gallery}`),
      h('style', null, trusted(STYLE)),
      h('script', { src: GALLERY_SCRIPT_PATH, defer: true }),
    ),
    h(
      'body',
      {
        'data-document': state.documentId,
        'data-event': eventId,
        'data-discussing': state.discussing ?? '',
        'data-words': JSON.stringify({ live: words.live, reconnecting: words.reconnecting, ended: words.ended }),
      },
      h('a', { class: 'skip', href: '#g-main' }, words.skip),
      h(
        'header',
        null,
        h('div', { id: 'g-head' }, built(renderHeader(state, language))),
        h('p', { id: 'g-live', role: 'status' }, ''),
      ),
      h(
        'main',
        { id: 'g-main', tabindex: '-1' },
        h(
          'section',
          { id: 'g-discussing', 'aria-labelledby': 'g-discussing-h' },
          built(renderDiscussing(state, language)),
        ),
        h('section', { 'aria-label': words.text }, h('div', { id: 'g-clauses' }, built(clauses.join('')))),
        h('section', { id: 'g-votes', 'aria-labelledby': 'g-votes-h' }, built(renderVotes(state, language))),
      ),
    ),
  );
  return `<!doctype html>\n${page.value}`;
}

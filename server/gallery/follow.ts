import type { DocRegistry } from '../collab/registry.js';
import type { Broadcaster, EventName } from '../realtime/broadcast.js';
import type { PublicGallery } from './hub.js';

/**
 * The events after commit that change what a public page shows (the text itself arrives through the
 * registry). Comments, ballots and tallies are not among them: the page never shows them.
 */
const SHOWN: ReadonlySet<EventName> = new Set<EventName>([
  'document:stage',
  'document:nowDiscussing',
  'document:publication',
  'clause:status',
  'vote:closed',
  'vote:lapsed',
  'amendment:changed',
]);

/**
 * Tells the gallery of every change it shows: each stored update of a document's text (the registry's
 * `update`, also for updates relayed from other nodes) and the committed events above (an outlet beside
 * socket.io's). A publication change is applied at once, since it may end streams; the rest is coalesced.
 */
export function followChanges(gallery: PublicGallery, registry: DocRegistry): Broadcaster {
  registry.on('update', (documentId) => gallery.touch(documentId));
  return {
    emit(to, event) {
      if ('document' in to && SHOWN.has(event)) gallery.touch(to.document, event === 'document:publication');
    },
  };
}

import { z } from 'zod';

/** `POST /api/documents/:id/publish`: the chair opens (true) or closes (false) the public gallery of a document. */
export const publishRequest = z.object({ public: z.boolean() });
export type PublishRequest = z.infer<typeof publishRequest>;

/** Whether a document is shown in the public gallery (`/public/:id`), since when and by whom. */
export interface PublicationJson {
  documentId: string;
  public: boolean;
  /** When it was last published; null while it is not public. */
  since: string | null;
  /** Username of the chair who published it; null while it is not public. */
  by: string | null;
}

/** The socket.io event to a document's room when its publication changes. */
export type PublicationChanged = PublicationJson;

/**
 * One event of the public gallery's stream (`GET /public/:id/events`): what changed in
 * the published page since the event before, rendered once on the server for every viewer of a language.
 * Only what the page shows is carried: clause HTML (escaped on the server), the order, the pointer to the
 * clause under discussion and the closed votes' results.
 */
export interface GalleryChange {
  /** Clauses whose HTML changed or that are new, with their derived number ("PP2", "3", null for a heading). */
  clauses: { id: string; number: string | null; html: string }[];
  /** Every shown clause id in document order (clauses not listed here are removed from the page). */
  order: string[];
  /** The clause under discussion, or null; present only when it changed. */
  discussing?: string | null;
  /** The banner naming the clause under discussion (localized HTML); present only when it changed. */
  discussingHtml?: string;
  /** The closed votes' results (localized HTML); present only when they changed. */
  votesHtml?: string;
  /** The page's header (title and stage, localized HTML); present only when it changed. */
  headerHtml?: string;
}

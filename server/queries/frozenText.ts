import type { DocumentRow } from '../db/repositories/documents.js';
import { HttpError } from '../http/errors.js';

/**
 * 409 `text_frozen` once the document is adopted. Every command that writes its text or its clause rows
 * asks, after its permission (which already closes those writes in `adopted`): a second wall, should a rule
 * of the table ever open one, beside the registry's own refusal of any change to an adopted text.
 */
export function refuseIfAdopted(doc: DocumentRow): void {
  if (doc.stage === 'adopted') throw HttpError.of('text_frozen');
}

import * as Y from 'yjs';
import { clauseSchema } from '../../shared/editor/schema.js';
import { CloseCode, type ForbiddenWriteReason } from '../../shared/protocol/collab.js';
import { Refusal } from './updatePlaces.js';

/** A write the policy forbids, named by its reason and, when it concerns one, the clause. */
export const forbidden = (reason: ForbiddenWriteReason, clauseId?: string): Refusal =>
  new Refusal(CloseCode.FORBIDDEN_WRITE, clauseId ? `${reason}:${clauseId}` : reason);

/** Node names and marks the clause schema allows; anything else in a clause fragment is refused. */
const ELEMENT_NAMES = new Set(Object.keys(clauseSchema.nodes).filter((name) => name !== 'doc' && name !== 'text'));
const MARK_NAMES = new Set(Object.keys(clauseSchema.marks));
/** Longest format key (a mark name, `--` and y-prosemirror's hash of an overlapping mark). */
const MAX_MARK_KEY = 64;
/** Largest JSON of a mark's attributes (the clause schema's marks have none). */
const MAX_MARK_VALUE = 256;

function isMarkValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  return JSON.stringify(value).length <= MAX_MARK_VALUE;
}

/**
 * What a new struct in a clause's fragment may hold: text, a mark the clause schema knows with small
 * attributes, or an element the schema knows; anything else is refused as outside the schema.
 */
export function checkClauseContent(content: Y.Item['content']): void {
  if (content instanceof Y.ContentString) return;
  if (content instanceof Y.ContentFormat) {
    const key = content.key.split('--')[0]!;
    if (!MARK_NAMES.has(key)) throw forbidden('outside_schema');
    // A mark's key and attributes are the schema's (y-prosemirror writes `em`, `em--<hash>`, and the mark's
    // attributes or null): anything bigger would carry bytes past the text limits to every reader.
    if (content.key.length > MAX_MARK_KEY || !isMarkValue(content.value)) throw forbidden('outside_schema');
    return;
  }
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlText) return;
    if (type instanceof Y.XmlElement && ELEMENT_NAMES.has(type.nodeName)) return;
  }
  throw forbidden('outside_schema');
}

import * as Y from 'yjs';
import type { AuditEntry } from '../db/repositories/audit.js';
import type { Store } from '../db/store.js';
import { FINGERPRINT_FORMAT, FINGERPRINT_FORMATS, FINGERPRINT_FORMAT_VERSIONS } from '../export/fingerprint.js';
import { documentFingerprint } from '../export/source.js';
import type { LedgerProblem } from './problems.js';

/**
 * Documents as the ledger tells them: the stage each was last moved to, and for an adopted text the
 * fingerprint and Yjs state vector recorded at adoption (`document.adopted`). `check()` holds them against
 * the `documents` table and recomputes each adopted text's fingerprint from storage — the snapshot and the
 * update log through the same Yjs layout, the clause kinds from the `clauses` table — so a text changed
 * after adoption, by any path, is named. Each is recomputed in the format its entry names: `accord.text/1`
 * (no `format`: the original only) or `accord.text/2` with the language versions it lists, their text read
 * from storage like the original's.
 */

interface Adoption {
  seq: number;
  fingerprint: string;
  stateVector: string | null;
  /** The fingerprint's format, as the entry names it. */
  format: string;
  /** The language versions the fingerprint covers (none in `accord.text/1`). */
  versions: string[];
}

export class DocumentRecords {
  private readonly stages = new Map<string, { to: string; seq: number }>();
  private readonly adoptions = new Map<string, Adoption>();

  get adopted(): number {
    return this.adoptions.size;
  }

  accept(entry: AuditEntry): void {
    const id = entry.documentId;
    if (!id) return;
    if (entry.action === 'document.stage' && typeof entry.payload.to === 'string')
      this.stages.set(id, { to: entry.payload.to, seq: entry.seq });
    if (entry.action === 'document.adopted') {
      this.stages.set(id, { to: 'adopted', seq: entry.seq });
      const { fingerprint, stateVector, format, versions } = entry.payload;
      this.adoptions.set(id, {
        seq: entry.seq,
        fingerprint: typeof fingerprint === 'string' ? fingerprint : '',
        stateVector: typeof stateVector === 'string' ? stateVector : null,
        format: format === undefined ? FINGERPRINT_FORMAT : String(format),
        versions: Array.isArray(versions) ? versions.map(String) : [],
      });
    }
  }

  async check(store: Store): Promise<LedgerProblem[]> {
    const out: LedgerProblem[] = [];
    for (const doc of await store.documents.list()) {
      const moved = this.stages.get(doc.id);
      if (moved && moved.to !== doc.stage) {
        out.push({
          code: 'stage_disagrees',
          document: doc.id,
          message: `document ${doc.id} is at stage ${doc.stage}, but the ledger last moved it to ${moved.to} (entry ${moved.seq})`,
        });
      } else if (!moved && doc.stage === 'adopted') {
        out.push({
          code: 'adoption_not_in_ledger',
          document: doc.id,
          message: `document ${doc.id} is adopted, but no ledger entry adopts it (entries removed?)`,
        });
      }
    }
    for (const [documentId, adoption] of this.adoptions)
      out.push(...(await checkAdoptedText(store, documentId, adoption)));
    return out;
  }
}

async function checkAdoptedText(store: Store, documentId: string, adoption: Adoption): Promise<LedgerProblem[]> {
  const say = (code: string, message: string): LedgerProblem => ({
    code,
    document: documentId,
    seq: adoption.seq,
    message,
  });
  if (!(FINGERPRINT_FORMATS as readonly string[]).includes(adoption.format))
    return [
      say(
        'adopted_text_format_unknown',
        `document ${documentId}: the text adopted at entry ${adoption.seq} was fingerprinted in ${adoption.format}, a format this verifier does not know`,
      ),
    ];
  const versions = adoption.format === FINGERPRINT_FORMAT_VERSIONS ? adoption.versions : [];
  const ydoc = await storedDoc(store, documentId);
  try {
    const out: LedgerProblem[] = [];
    let now: string;
    try {
      now = documentFingerprint(ydoc, await store.documents.clauses(documentId), versions);
    } catch (error) {
      return [
        say(
          'adopted_text_unreadable',
          `document ${documentId}: the stored text cannot be read: ${(error as Error).message}`,
        ),
      ];
    }
    if (now !== adoption.fingerprint) {
      out.push(
        say(
          'adopted_text_changed',
          `document ${documentId}: the stored text's fingerprint is ${now}, the text adopted at entry ${adoption.seq} had ${adoption.fingerprint}`,
        ),
      );
    }
    if (adoption.stateVector !== null && !sameStateVector(Y.encodeStateVector(ydoc), adoption.stateVector)) {
      out.push(
        say(
          'updates_after_adoption',
          `document ${documentId}: edits were stored after its adoption at entry ${adoption.seq} (the Yjs state vector moved on)`,
        ),
      );
    }
    return out;
  } finally {
    ydoc.destroy();
  }
}

/** The document as stored: its snapshot, then every update logged after it. */
export async function storedDoc(store: Store, documentId: string): Promise<Y.Doc> {
  const snapshot = await store.docUpdates.snapshot(documentId);
  const rows = await store.docUpdates.since(documentId, snapshot?.through_seq ?? 0);
  const doc = new Y.Doc({ gc: true });
  doc.transact(() => {
    if (snapshot) Y.applyUpdate(doc, snapshot.data);
    for (const row of rows) Y.applyUpdate(doc, row.data);
  });
  return doc;
}

function sameStateVector(current: Uint8Array, recordedBase64: string): boolean {
  let recorded: Map<number, number>;
  try {
    recorded = Y.decodeStateVector(Buffer.from(recordedBase64, 'base64'));
  } catch {
    return false;
  }
  const now = Y.decodeStateVector(current);
  if (now.size !== recorded.size) return false;
  for (const [client, clock] of now) if (recorded.get(client) !== clock) return false;
  return true;
}

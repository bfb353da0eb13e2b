import { canonicalJson } from '../../shared/domain/canonicalJson.js';
import type { AuditEntry, AuditLog } from '../db/repositories/audit.js';
import { signText, verifyText, type SigningKey } from './signingKey.js';

/**
 * Signed checkpoints: the conference key signs the chain's head into the ledger itself, as an entry of its
 * own. A hash chain alone proves only that it is consistent with itself — whoever can write the database can
 * recompute it after any change, or cut it short. A signature by a key the database does not hold pins the
 * history up to the signed entry: rewriting anything below it breaks the signed head, and only the key's
 * holder can sign a new one.
 *
 * The head is signed at once after every entry that settles something (a vote closed, a stage changed, an
 * export handed out, a text adopted) and otherwise at least every `CHECKPOINT_INTERVAL` entries, so no more
 * than that many entries ever wait unsigned at the end of the chain. `verify-ledger` checks all of it.
 */

export const CHECKPOINT_ACTION = 'ledger.checkpoint';
/** Entries after which the head is signed even when nothing else calls for it. */
export const CHECKPOINT_INTERVAL = 100;
/** Names the signed message's layout; a change to what is signed gets a new name. */
export const CHECKPOINT_FORMAT = 'accord.checkpoint/1';

/** Actions whose entry is signed as soon as it is written. */
export const SIGNED_AT_ONCE: ReadonlySet<string> = new Set([
  'vote.close',
  'document.stage',
  'document.adopted',
  'document.export',
]);

/** The conference key's statement "entry `seq` of the chain has hash `head`". */
export interface SignedHead {
  seq: number;
  head: string;
  /** Fingerprint of the key that signed (`keyFingerprint`). */
  key: string;
  /** Ed25519 signature of `headMessage(seq, head)`, base64. */
  signature: string;
}

/** What a checkpoint entry's payload holds: the signed head, and the action that called for it. */
export interface CheckpointPayload extends SignedHead {
  after: string;
}

/** The exact string that is signed. */
export function headMessage(seq: number, head: string): string {
  return canonicalJson({ format: CHECKPOINT_FORMAT, seq, head });
}

export function signHead(key: SigningKey, seq: number, head: string): SignedHead {
  return { seq, head, key: key.fingerprint, signature: signText(key, headMessage(seq, head)) };
}

/** Whether `signed` is a valid signature by `publicKeyPem`. */
export function verifySignedHead(
  publicKeyPem: string,
  signed: Pick<SignedHead, 'seq' | 'head' | 'signature'>,
): boolean {
  return verifyText(publicKeyPem, headMessage(signed.seq, signed.head), signed.signature);
}

/** Actions that end a vote: closed by the chair, or lapsed (at adoption, every other open vote lapses). */
export const VOTE_ENDINGS: ReadonlySet<string> = new Set(['vote.close', 'vote.lapse', 'vote.lapsed']);

/**
 * Whether an entry ends a vote: one of `VOTE_ENDINGS`, or any entry on a vote that freezes its result
 * (`payload.result`), whatever it is called.
 */
export function endsVote(entry: Pick<AuditEntry, 'action' | 'subject' | 'payload'>): boolean {
  if (!entry.subject?.startsWith('vote:')) return false;
  const result = entry.payload.result;
  return VOTE_ENDINGS.has(entry.action) || Boolean(result && typeof result === 'object');
}

/** Whether an entry is signed at once: the actions in `SIGNED_AT_ONCE`, and any entry that ends a vote. */
export function signsAtOnce(entry: Pick<AuditEntry, 'action' | 'subject' | 'payload'>): boolean {
  return SIGNED_AT_ONCE.has(entry.action) || endsVote(entry);
}

/** The payload of a checkpoint entry, or undefined when the entry is not one or is malformed. */
export function checkpointOf(entry: Pick<AuditEntry, 'action' | 'payload'>): CheckpointPayload | undefined {
  if (entry.action !== CHECKPOINT_ACTION) return undefined;
  const p = entry.payload as Partial<CheckpointPayload>;
  if (
    typeof p.seq !== 'number' ||
    typeof p.head !== 'string' ||
    typeof p.key !== 'string' ||
    typeof p.signature !== 'string'
  )
    return undefined;
  return {
    seq: p.seq,
    head: p.head,
    key: p.key,
    signature: p.signature,
    after: typeof p.after === 'string' ? p.after : '',
  };
}

/** Raised when the ledger was signed by another key than the one this process holds. */
export class SigningKeyMismatch extends Error {
  constructor(
    readonly ledgerKey: string,
    readonly ownKey: string,
  ) {
    super(
      `The ledger is signed by key ${ledgerKey}, but this server holds key ${ownKey}. ` +
        'Every node must sign with the same key: restore the key file that signed the ledger, or point SIGNING_KEY_FILE at it.',
    );
  }
}

/**
 * Signs the head into the ledger after `entry` when it is due: `entry` settles something, or
 * `CHECKPOINT_INTERVAL` entries have passed since the last signed one. Call in the transaction that wrote
 * `entry`, so both commit together. Throws `SigningKeyMismatch` rather than sign one ledger with two keys.
 */
export async function checkpointIfDue(log: AuditLog, key: SigningKey, entry: AuditEntry): Promise<AuditEntry | null> {
  if (entry.action === CHECKPOINT_ACTION) return null;
  const last = await log.lastOf(CHECKPOINT_ACTION);
  const previous = last && checkpointOf(last);
  if (previous && previous.key !== key.fingerprint) throw new SigningKeyMismatch(previous.key, key.fingerprint);
  if (!signsAtOnce(entry) && entry.seq - (previous?.seq ?? 0) < CHECKPOINT_INTERVAL) return null;
  return appendCheckpoint(log, key, entry);
}

/** Signs `head` (the last entry) into the ledger. */
export function appendCheckpoint(log: AuditLog, key: SigningKey, head: AuditEntry): Promise<AuditEntry> {
  const payload: CheckpointPayload = { ...signHead(key, head.seq, head.hash), after: head.action };
  return log.append({
    action: CHECKPOINT_ACTION,
    actorId: null,
    actor: null,
    documentId: head.documentId,
    subject: null,
    payload: { ...payload },
  });
}

/**
 * At start-up: refuses a key other than the one that signed the ledger, and signs the head when more than
 * the interval waits unsigned (a ledger written before checkpoints existed). Call inside a transaction.
 */
export async function checkSigningKeyAtStart(log: AuditLog, key: SigningKey): Promise<{ signed: boolean }> {
  const last = await log.lastOf(CHECKPOINT_ACTION);
  const previous = last && checkpointOf(last);
  if (previous && previous.key !== key.fingerprint) throw new SigningKeyMismatch(previous.key, key.fingerprint);
  const head = await log.head();
  if (!head || head.action === CHECKPOINT_ACTION || head.seq - (previous?.seq ?? 0) < CHECKPOINT_INTERVAL)
    return { signed: false };
  await appendCheckpoint(log, key, head);
  return { signed: true };
}

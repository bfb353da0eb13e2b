import type { AuditEntry } from '../db/repositories/audit.js';
import { CHECKPOINT_ACTION, CHECKPOINT_INTERVAL, checkpointOf, signsAtOnce, verifySignedHead } from './checkpoints.js';
import type { LedgerProblem } from './problems.js';

/**
 * The checkpoints of the ledger as it is read in order: each signed head is the chain's entry at that seq
 * (`hashes`, the chain read so far), its signature is the conference key's (when one is given), no settling
 * entry is left unsigned, and no more than the interval waits unsigned after the first checkpoint or at the end.
 */
export class CheckpointRecords {
  /** Checkpoints read. */
  count = 0;
  /** Seq signed by the last checkpoint (0: none yet). */
  private signed = 0;
  private firstSeen = false;
  /** Settling entries not yet covered by a checkpoint. */
  private readonly awaitingSignature: AuditEntry[] = [];

  constructor(
    private readonly key: { publicKeyPem: string; fingerprint: string } | undefined,
    private readonly hashes: ReadonlyMap<number, string>,
    private readonly problems: LedgerProblem[],
  ) {}

  /** Takes the next entry; true when it is a checkpoint (nothing else is to be read from it). */
  accept(entry: AuditEntry): boolean {
    if (entry.action !== CHECKPOINT_ACTION) {
      if (signsAtOnce(entry)) this.awaitingSignature.push(entry);
      return false;
    }
    this.count += 1;
    const checkpoint = checkpointOf(entry);
    if (!checkpoint) {
      this.say(
        'checkpoint_malformed',
        entry.seq,
        `entry ${entry.seq} (${entry.action} at ${entry.at}) is not a well-formed checkpoint`,
      );
      return true;
    }
    const held = this.hashes.get(checkpoint.seq);
    if (held !== checkpoint.head) {
      this.say(
        'checkpoint_head_gone',
        entry.seq,
        `checkpoint at entry ${entry.seq} signed entry ${checkpoint.seq} as ${checkpoint.head}, but the chain holds ${held ?? 'no such entry'} there (history rewritten)`,
      );
    }
    const key = this.key;
    if (key && checkpoint.key !== key.fingerprint) {
      this.say(
        'checkpoint_wrong_key',
        entry.seq,
        `checkpoint at entry ${entry.seq} names key ${checkpoint.key}, not the published ${key.fingerprint}`,
      );
    } else if (key && !verifySignedHead(key.publicKeyPem, checkpoint)) {
      this.say(
        'checkpoint_bad_signature',
        entry.seq,
        `checkpoint at entry ${entry.seq}: the signature is not the key's ${key.fingerprint}`,
      );
    }
    if (this.firstSeen && checkpoint.seq - this.signed > CHECKPOINT_INTERVAL) {
      this.say(
        'checkpoint_missing',
        entry.seq,
        `entries ${this.signed + 1} to ${checkpoint.seq} went unsigned: more than ${CHECKPOINT_INTERVAL} (a checkpoint was removed)`,
      );
    }
    this.firstSeen = true;
    this.signed = Math.max(this.signed, checkpoint.seq);
    while (this.awaitingSignature.length && this.awaitingSignature[0]!.seq <= this.signed)
      this.awaitingSignature.shift();
    return true;
  }

  /** Once the whole chain is read (`last`, its last entry): what was left unsigned. */
  finish(last: AuditEntry | undefined): void {
    for (const entry of this.awaitingSignature) {
      this.say(
        'checkpoint_missing',
        entry.seq,
        `entry ${entry.seq} (${entry.action} at ${entry.at}) was never signed: the checkpoint that follows it is missing`,
      );
    }
    if (last && last.seq - this.signed >= CHECKPOINT_INTERVAL) {
      this.say(
        'checkpoint_missing',
        last.seq,
        `entries ${this.signed + 1} to ${last.seq} follow the last signed head unsigned: more than the ${CHECKPOINT_INTERVAL} the server leaves`,
      );
    }
  }

  private say(code: LedgerProblem['code'], seq: number, message: string): void {
    this.problems.push({ code, seq, message });
  }
}

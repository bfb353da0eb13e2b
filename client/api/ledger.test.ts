import { describe, expect, it } from 'vitest';
import { groupedHash, receiptFileName, shortHash } from './ledger.js';

const sha = '5b0e91d2a3f40c11' + '0'.repeat(44) + 'beef';

describe('a fingerprint as people read it', () => {
  it('is the first sixteen digits in groups of four, the full value grouped beside it', () => {
    expect(shortHash(sha)).toBe('5b0e 91d2 a3f4 0c11');
    expect(shortHash(sha, 2)).toBe('5b0e 91d2');
    expect(groupedHash(sha).split(' ')).toHaveLength(16);
    expect(groupedHash(sha).replaceAll(' ', '')).toBe(sha);
  });

  it('saves a receipt under the server’s name for it', () => {
    expect(receiptFileName({ vote: { id: 'v1', documentId: 'd' }, delegation: 'KAZ' })).toBe(
      'ballot-receipt-v1-KAZ.json',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_COLLAB_RATES, PersonBuckets, TokenBucket, TrafficBuckets, takeBoth } from './rateLimit.js';

describe('TokenBucket', () => {
  it('lets a burst through at once, then the steady rate, and refuses what is beyond both', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, 0);
    expect([bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0), bucket.take(1, 0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(1, 400)).toBe(false);
    expect(bucket.take(1, 500)).toBe(true);
    expect(bucket.take(2, 10_000)).toBe(true);
    expect(bucket.take(2, 10_000)).toBe(false);
    expect(bucket.isFull(20_000)).toBe(true);
  });
});

describe('collab rates', () => {
  it('charge a connection and its person together; a person’s sockets share the person’s allowance', () => {
    const rates = {
      ...DEFAULT_COLLAB_RATES,
      updates: { connection: { burst: 5, perSecond: 0 }, person: { burst: 8, perSecond: 0 } },
    };
    const people = new PersonBuckets(rates);
    const person = people.open('u');
    const first = new TrafficBuckets(rates, 'connection', 0);
    const second = new TrafficBuckets(rates, 'connection', 0);
    expect(Array.from({ length: 6 }, () => takeBoth(first, person, 'updates', 1, 0))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
    people.open('u');
    expect(Array.from({ length: 4 }, () => takeBoth(second, person, 'updates', 1, 0))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('remember a person after their sockets close until their buckets are full again', () => {
    const rates = {
      ...DEFAULT_COLLAB_RATES,
      awareness: { connection: { burst: 5, perSecond: 1 }, person: { burst: 5, perSecond: 1 } },
    };
    const people = new PersonBuckets(rates);
    const person = people.open('u');
    expect(person.take('awareness', 5)).toBe(true);
    people.close('u');
    people.sweep();
    expect(people.size).toBe(1);
    expect(people.open('u')).toBe(person);
    people.close('u');
    people.sweep(performance.now() + 10_000);
    expect(people.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { parseMentions } from './mentions.js';

describe('parseMentions', () => {
  it.each([
    ['Could @FRA suggest wording?', ['FRA'], []],
    ['@kaz-head, please look; @KAZ too.', ['KAZ'], ['kaz-head']],
    ['Ask @Chair and @secretariat.', [], ['chair', 'secretariat']],
    ['We ask @FRA and @XYZ, and @FRA again', ['FRA', 'XYZ'], []],
    ['write to someone@example.org or @@FRA', [], []],
    ['@gbr-delegate... and @a', [], ['gbr-delegate']],
    ['(@usa-head) @KAZ’s view', ['KAZ'], ['usa-head']],
    ['@KAZA is a person, @Kaz is a person', [], ['kaza', 'kaz']],
    ['no mention here @ all', [], []],
  ])('%s', (body, delegations, usernames) => {
    expect(parseMentions(body)).toEqual({ delegations, usernames });
  });
});

// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { AdoptionRecord } from '../../shared/api/documents.js';
import { initI18n, setLanguage } from '../i18n/index.js';
import { adoptionMethodText } from './adoptionRecord.js';

const record = (over: Partial<AdoptionRecord>): AdoptionRecord => ({
  method: 'without_vote',
  fingerprint: 'f',
  stateVector: 's',
  at: '2026-12-06T10:00:00Z',
  entry: 1,
  ...over,
});

describe('adoptionMethodText', () => {
  beforeAll(async () => {
    await initI18n();
    await setLanguage('en');
  });

  it('says a text adopted at the end of a silence procedure was adopted under silence, and how long it ran', () => {
    expect(adoptionMethodText(record({ objectionWindowMinutes: 1440, silence: 'S1' }))).toBe(
      'Without a vote: silence was not broken in 1440 minutes.',
    );
    expect(adoptionMethodText(record({ objectionWindowMinutes: 15 }))).toBe(
      'Without a vote, with an objection window of 15 minutes.',
    );
    expect(adoptionMethodText(record({ method: 'vote', vote: 'v' }))).toBe('By a vote on the whole text.');
  });
});

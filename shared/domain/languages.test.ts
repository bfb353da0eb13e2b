import { describe, expect, it } from 'vitest';
import { isLanguageCode, translationStatus, type TranslationMark } from './languages.js';
import { decide } from './permissions.js';

describe('translationStatus', () => {
  const current: TranslationMark = { status: 'current', fingerprint: 'f1' };
  it.each([
    ['an empty version is missing, whatever was marked', current, true, 'f1', 'missing'],
    ['written and never marked is a draft', undefined, false, 'f1', 'draft'],
    ['marked draft is a draft', { status: 'draft', fingerprint: null }, false, 'f1', 'draft'],
    ['marked current against this original is current', current, false, 'f1', 'current'],
    ['marked current against another original is stale', current, false, 'f2', 'stale'],
    ['a voided fingerprint (split, merge) is stale', { status: 'current', fingerprint: '' }, false, 'f1', 'stale'],
  ] as const)('%s', (_, mark, empty, fingerprint, want) => {
    expect(translationStatus(mark, empty, fingerprint)).toBe(want);
  });

  it('knows the congress languages and the UN official languages only', () => {
    expect(['en', 'ru', 'kk', 'uz', 'ar', 'zh', 'fr', 'es'].every(isLanguageCode)).toBe(true);
    expect(isLanguageCode('de')).toBe(false);
  });
});

describe('the translator role', () => {
  const observer = { role: 'observer' as const, delegation: null, translates: ['kk'] };
  const delegate = { role: 'delegate' as const, delegation: null, translates: ['ru'] };
  it('lets a translator write and mark their own language only, beside any role, until adoption', () => {
    expect(decide(observer, 'translation.write', { stage: 'negotiation', language: 'kk' })).toEqual({ allowed: true });
    expect(decide(observer, 'translation.status', { stage: 'adoption', language: 'kk' })).toEqual({ allowed: true });
    expect(decide(observer, 'translation.write', { stage: 'adopted', language: 'kk' })).toEqual({
      allowed: false,
      reason: 'stage_not_allowed',
    });
    expect(decide(observer, 'translation.write', { stage: 'drafting', language: 'ru' })).toEqual({
      allowed: false,
      reason: 'role_not_allowed',
    });
    expect(decide(delegate, 'translation.write', { stage: 'drafting', language: 'ru' })).toEqual({ allowed: true });
  });

  it('gives a translator nothing beyond translation', () => {
    expect(decide(observer, 'clause.write', { stage: 'drafting', language: 'kk' }).allowed).toBe(false);
    expect(decide(observer, 'document.language', { stage: 'drafting', language: 'kk' }).allowed).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { eventDocument } from './documentEvents.js';

describe('document events', () => {
  it('names the document an event is about: its own, or its vote’s', () => {
    expect(eventDocument({ documentId: 'doc-1', clauseId: 'c' })).toBe('doc-1');
    expect(eventDocument({ vote: { id: 'v', documentId: 'doc-2' } })).toBe('doc-2');
  });

  it('names none for events about no document, so they reach every screen that listens', () => {
    expect(eventDocument({ delegation: 'FRA', alternate: null })).toBeUndefined();
    expect(eventDocument(undefined)).toBeUndefined();
    expect(eventDocument(null)).toBeUndefined();
    expect(eventDocument({ documentId: 42 })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { UnfinishedItem } from '../../shared/domain/unfinished.js';
import { ApiError } from './http.js';
import { acknowledgementItems, itemKey, notShown, sendAcknowledged } from './acknowledgement.js';

const bracketed: UnfinishedItem = { kind: 'bracketed', clauseId: 'pp1', ref: 'PP1', passages: 2 };
const open3: UnfinishedItem = { kind: 'not_agreed', clauseId: 'op3', ref: 'OP3', status: 'open' };
const amendment: UnfinishedItem = {
  kind: 'amendment_undecided',
  amendmentId: 'a1',
  clauseId: 'op2',
  ref: 'OP2',
  status: 'submitted',
  delegation: 'FRA',
};
const typing: UnfinishedItem = { kind: 'typing', clauseId: 'op3', ref: 'OP3' };
const vote: UnfinishedItem = { kind: 'open_vote', voteId: 'v1', subject: { type: 'clause', id: 'op1' }, ref: 'OP1' };
const kk: UnfinishedItem = {
  kind: 'translation_unfinished',
  lang: 'kk',
  missing: [{ clauseId: 'op3', ref: 'OP3' }],
  stale: [],
  draft: [],
  total: 3,
};

const refusal = (items: UnfinishedItem[]): ApiError =>
  new ApiError(409, 'needs_acknowledgement', 'The text is not finished.', { items });

/** The chair's request, answered in turn from `answers` (an Error is thrown), recording each body sent. */
function transport(...answers: unknown[]): { sent: unknown[]; send: (body: Body) => Promise<unknown> } {
  const sent: unknown[] = [];
  const send = async (body: Body) => {
    sent.push(body);
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, send };
}
type Body = { subject: { type: string }; rule: string; acknowledge?: boolean };

describe('a needs_acknowledgement refusal', () => {
  it('gives its items; any other error gives none', () => {
    expect(acknowledgementItems(refusal([bracketed, vote]))).toEqual([bracketed, vote]);
    expect(acknowledgementItems(new ApiError(409, 'vote_open', 'A vote is open.'))).toBeNull();
    expect(acknowledgementItems(new Error('boom'))).toBeNull();
  });

  it('names an item by what it is about, not by a count or status that may move', () => {
    expect(itemKey({ ...bracketed, passages: 5 })).toBe(itemKey(bracketed));
    expect(itemKey({ ...open3, status: 'bracketed' })).toBe(itemKey(open3));
    expect(itemKey({ ...kk, missing: [], stale: [{ clauseId: 'pp1', ref: 'PP1' }] })).toBe(itemKey(kk));
    const ru = { ...kk, lang: 'ru' };
    expect(new Set([bracketed, open3, amendment, typing, vote, kk, ru].map(itemKey)).size).toBe(7);
    expect(notShown([bracketed, open3], [open3, typing, { ...bracketed, passages: 1 }])).toEqual([typing]);
    expect(notShown([kk], [{ ...kk, total: 4 }, ru])).toEqual([ru]);
  });
});

describe('the chair’s confirmation of a list', () => {
  const body: Body = { subject: { type: 'document' }, rule: 'consensus' };

  it('asks again, and sends the request acknowledged when the list holds nothing the chair has not read', async () => {
    const { sent, send } = transport(refusal([open3]), { id: 'v9' });
    expect(await sendAcknowledged(send, body, [bracketed, open3])).toEqual({ done: { id: 'v9' } });
    expect(sent).toEqual([body, { ...body, acknowledge: true }]);
  });

  it('comes back with the new list when something was added meanwhile, sending nothing acknowledged', async () => {
    const { sent, send } = transport(refusal([open3, typing]));
    expect(await sendAcknowledged(send, body, [open3])).toEqual({ relisted: [open3, typing] });
    expect(sent).toEqual([body]);
  });

  it('is answered at once when the text was finished meanwhile, and passes any other refusal on', async () => {
    const finished = transport({ id: 'v10' });
    expect(await sendAcknowledged(finished.send, body, [open3])).toEqual({ done: { id: 'v10' } });
    expect(finished.sent).toEqual([body]);
    const other = transport(new ApiError(409, 'vote_open', 'A vote on the whole text is open.'));
    await expect(sendAcknowledged(other.send, body, [open3])).rejects.toMatchObject({ id: 'vote_open' });
  });
});

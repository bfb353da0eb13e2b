// @vitest-environment happy-dom
import type { ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BracketJson } from '../../shared/api/brackets.js';
import type { DocumentJson } from '../../shared/api/documents.js';
import type { AttributionResponse } from '../../shared/api/revisions.js';
import { Actions } from '../api/actions.js';
import { initI18n } from '../i18n/index.js';
import { Attribution } from './Attribution.js';
import { BracketItem } from './bracketLines.js';
import { mount } from './bridge.js';
import type { DraftStore } from './drafts.js';
import { showSessionEnded } from './sessionEnded.js';
import { StatusBar } from './StatusBar.js';

function draw(tree: ComponentChild): HTMLElement {
  const mounted = mount(tree);
  document.body.replaceChildren(mounted.el);
  return mounted.el;
}

const text = (el: Element | null | undefined): string => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('negotiation’s pieces, drawn', () => {
  beforeAll(() => initI18n());

  it('sums the clauses by status, brackets typed and placed, and pending amendments; other counts join the list', () => {
    const data = {
      id: 'doc 1',
      clauses: [
        { kind: 'title', status: 'open', openBrackets: 5 },
        { kind: 'operative', status: 'open', openBrackets: 1 },
        { kind: 'operative', status: 'agreed_ad_ref', openBrackets: 0 },
        { kind: 'heading', status: 'open', openBrackets: 0 },
      ],
    } as unknown as DocumentJson;
    const el = draw(
      <StatusBar data={data} pending={3} placed={2}>
        <li class="status-count extra">1</li>
      </StatusBar>,
    );
    const count = (status: string) => text(el.querySelector(`[data-status="${status}"] .count`));
    expect([count('open'), count('agreed_ad_ref'), count('brackets'), count('pending')]).toEqual(['1', '1', '3', '3']);
    expect(el.querySelector('.status-count.brackets a')!.getAttribute('href')).toBe('/documents/doc%201/brackets');
    expect(el.querySelector('.status-counts > li:last-child')!.matches('.extra')).toBe(true);
  });

  it('offers the ways to resolve a bracket to those who may, and the alternatives form to those who may set them', () => {
    const b = {
      id: 'b1',
      clauseId: 'op3',
      status: 'open',
      quote: 'States',
      currentQuote: 'States',
      range: [0, 6],
      alternatives: [
        { label: 'A', text: 'States', sponsors: ['KAZ'] },
        { label: 'B', text: 'Governments', sponsors: [] },
      ],
    } as unknown as BracketJson;
    const o = { documentId: 'doc', actions: new Actions(), canResolve: true };
    const el = draw(<BracketItem bracket={b} controls={o} />);
    expect(text(el.querySelector('.bracket-words'))).toContain('Alt A');
    expect(el.querySelector('.alternative[data-label="A"] abbr.delegation')).not.toBeNull();
    const resolutions = [...el.querySelectorAll('button.resolve')].map((x) => x.getAttribute('data-resolution'));
    expect(resolutions).toEqual(['choose', 'choose', 'delete', 'remove']);
    expect(el.querySelector('button.edit')).toBeNull();
    const reader = draw(<BracketItem bracket={b} controls={{ ...o, canResolve: false }} />);
    expect(reader.querySelector('.bracket-actions')).toBeNull();
    const gone = draw(<BracketItem bracket={{ ...b, range: null }} controls={{ ...o, onEdit: () => {} }} />);
    expect([...gone.querySelectorAll('button.resolve')].map((x) => x.getAttribute('data-resolution'))).toEqual([
      'remove',
    ]);
    expect(gone.querySelector('button.edit')).not.toBeNull();
    expect(gone.querySelector('p.hint')).not.toBeNull();
  });

  it('colours each author’s words, names them for screen readers, and leaves older text plain', () => {
    const data: AttributionResponse = {
      clauseId: 'op1',
      since: { id: 'r1', name: 'First reading' },
      authors: [
        { key: 'KAZ', delegation: 'KAZ', role: null },
        { key: 'secretariat', delegation: null, role: 'secretariat' },
      ] as AttributionResponse['authors'],
      blocks: [
        {
          depth: 1,
          label: '(a)',
          runs: [
            { author: null, text: 'Calls upon ' },
            { author: 'KAZ', text: 'all ' },
            { author: 'secretariat', text: 'States' },
          ],
        },
      ] as AttributionResponse['blocks'],
    };
    const el = draw(<Attribution data={data} />);
    expect(el.querySelectorAll('.attribution-legend li')).toHaveLength(3);
    expect(el.querySelector('.run-old')!.textContent).toBe('Calls upon ');
    const kaz = el.querySelector<HTMLElement>('.run[data-author="KAZ"]')!;
    expect(kaz.title).toBe('KAZ');
    expect(kaz.querySelector('.visually-hidden')!.textContent).toBe('[KAZ] ');
    expect(el.querySelector<HTMLElement>('.attribution-block')!.style.paddingLeft).toBe('2rem');
  });

  it('says a session ended with the drafts’ fate, replaces an earlier notice, and is dismissed', async () => {
    const store = (kept: number) => ({ count: () => kept }) as unknown as DraftStore;
    document.body.replaceChildren();
    showSessionEnded('kaz', 'logout', '/documents/doc', store(0));
    const notice = showSessionEnded('kaz', 'expired', '/documents/doc', store(2));
    expect(document.querySelectorAll('#session-ended')).toHaveLength(1);
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.querySelector('a')!.getAttribute('href')).toBe('/documents/doc');
    await act(() => notice.querySelector('button')!.click());
    expect(document.getElementById('session-ended')).toBeNull();
  });
});

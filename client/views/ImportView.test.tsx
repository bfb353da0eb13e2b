// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportPreviewJson } from '../../shared/api/import.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Actions } from '../api/actions.js';
import { ImportDraft, StructureList, WarningList } from './ImportView.js';
import { IMPORT_START, importReducer, importStatus, type ImportEvent, type ImportState } from './importPreview.js';

const preview: ImportPreviewJson = {
  title: 'Draft Almaty Follow-up',
  symbol: null,
  clauses: [
    { kind: 'title', text: 'Draft Almaty Follow-up', markup: 'Draft Almaty Follow-up' },
    { kind: 'preamble', text: 'Recalling the Declaration,', markup: '_Recalling_ the Declaration,' },
    { kind: 'operative', text: 'Calls upon States;', markup: '_Calls upon_ States;' },
    { kind: 'operative', text: 'Urges States;', markup: '_Urges_ States;' },
  ],
  warnings: [
    { id: 'comment_not_imported', message: 'x', params: { ref: 'OP2', author: 'France', quote: 'Why?' }, clause: 3 },
    { id: 'no_symbol', message: 'x', params: {}, clause: 0 },
  ],
} as ImportPreviewJson;

const play = (...events: ImportEvent[]): ImportState => events.reduce(importReducer, IMPORT_START);

describe('importing a Word draft', () => {
  beforeAll(() => initI18n());

  it('says what it reads, then what it read; a new file forgets the last one, a refusal says nothing', () => {
    expect(importStatus(IMPORT_START)).toBe('');
    const reading = play({ type: 'chosen', name: 'zero.docx' });
    expect(importStatus(reading)).toBe('Reading zero.docx…');
    const read = importReducer(reading, { type: 'read', preview });
    expect(importStatus(read)).toBe('Read 4 clauses; 2 note(s) below.');
    expect(read.rows.map((r) => [r.index, r.kind])).toEqual([
      [1, 'preamble'],
      [2, 'operative'],
      [3, 'operative'],
    ]);
    const again = importReducer(read, { type: 'chosen', name: 'other.docx' });
    expect([again.preview, again.rows]).toEqual([null, []]);
    expect(importStatus(importReducer(again, { type: 'failed' }))).toBe('');
  });

  it('corrects one clause’s kind and leaves the others and the preview as they are', () => {
    const read = play({ type: 'read', preview });
    const corrected = importReducer(read, { type: 'kind', index: 3, kind: 'preamble' });
    expect(corrected.rows.map((r) => r.kind)).toEqual(['preamble', 'operative', 'preamble']);
    expect(corrected.rows[0]).toBe(read.rows[0]);
    expect(corrected.preview).toBe(read.preview);
  });

  it('numbers the structure as the kinds stand, keeping each row’s elements when a kind changes', async () => {
    let rows = play({ type: 'read', preview }).rows;
    const draw = () => (
      <StructureList
        rows={rows}
        onKind={(index, kind) => (rows = importReducer({ ...IMPORT_START, rows }, { type: 'kind', index, kind }).rows)}
      />
    );
    const mounted = mount(draw());
    const numbers = () => [...mounted.el.querySelectorAll('.import-number')].map((n) => n.textContent);
    expect(numbers()).toEqual(['PP1', '1', '2']);
    const select = mounted.el.querySelector<HTMLSelectElement>('#import-clause-3-kind')!;
    expect(select.getAttribute('aria-label')).toBe('Kind of clause 3');
    select.value = 'preamble';
    select.dispatchEvent(new Event('change'));
    await act(() => mounted.update(draw()));
    expect(numbers()).toEqual(['PP1', '1', 'PP2']);
    expect(mounted.el.querySelector('#import-clause-3-kind')).toBe(select);
    expect(mounted.el.querySelector('#import-clause-3')?.className).toBe('import-row kind-preamble');
  });

  it('lists what was not carried, with a way to each clause but the title', () => {
    const { el } = mount(<WarningList preview={preview} />);
    const items = el.querySelectorAll('.import-warnings li');
    expect(items[0]?.textContent).toBe('In OP2, a Word comment by France was not imported: “Why?”. Go to the clause');
    expect(items[0]?.querySelector('a')?.getAttribute('href')).toBe('#import-clause-3');
    expect(items[1]?.querySelector('a')).toBeNull();
    expect(
      mount(<WarningList preview={{ ...preview, warnings: [] }} />).el.querySelector('.import-clean'),
    ).not.toBeNull();
  });

  describe('a pasted text', () => {
    afterEach(() => vi.unstubAllGlobals());

    it('is sent as text/plain for a dry run, and what was read is shown to be corrected', async () => {
      const sent: { path: string; type: string; body: string }[] = [];
      vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
        const headers = init.headers as Record<string, string>;
        sent.push({ path, type: headers['content-type']!, body: await (init.body as Blob).text() });
        return new Response(JSON.stringify(preview), { headers: { 'content-type': 'application/json' } });
      });
      const mounted = mount(<ImportDraft actions={new Actions()} />);
      document.body.append(mounted.el);
      const area = mounted.el.querySelector<HTMLTextAreaElement>('#import-text')!;
      expect(mounted.el.querySelector('label[for="import-text"]')?.textContent).toBe('Text of the draft');
      area.value = 'Draft Almaty Follow-up\nRecalling the Declaration,\n1. Calls upon States;';
      await act(() => mounted.el.querySelector<HTMLFormElement>('.import-paste')!.requestSubmit());
      for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
      expect(sent).toEqual([
        {
          path: '/api/documents/import?dryRun=1',
          type: 'text/plain; charset=utf-8',
          body: 'Draft Almaty Follow-up\nRecalling the Declaration,\n1. Calls upon States;',
        },
      ]);
      expect(mounted.el.querySelectorAll('.import-structure .import-row')).toHaveLength(3);
      expect(mounted.el.querySelector<HTMLInputElement>('#import-title')!.value).toBe('Draft Almaty Follow-up');
      mounted.destroy?.();
      mounted.el.remove();
    });
  });
});

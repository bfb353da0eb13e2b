// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { DocumentHeader, StageSteps } from './documentHeader.js';
import { fixtureClause, fixtureDocument, fixturePageProps, fixturePerson } from './documentFixtures.js';

describe('the document header', () => {
  beforeAll(() => initI18n());

  it('shows the stage as four steps: those behind done, the current one marked for assistive technology', () => {
    const host = document.createElement('div');
    render(<StageSteps stage="adoption" />, host);
    const steps = host.querySelector('ol')!;
    expect(steps.getAttribute('data-stage')).toBe('adoption');
    const items = [...steps.querySelectorAll('li')];
    expect(items.map((li) => li.dataset.step)).toEqual(['drafting', 'negotiation', 'adoption', 'adopted']);
    expect(items.map((li) => li.getAttribute('aria-current'))).toEqual([null, null, 'step', null]);
    expect(items.map((li) => li.classList.contains('done'))).toEqual([true, true, false, false]);
    expect(items[2]!.textContent).toBe('Adoption');
  });

  it('folds its settings under "View options", which says whether they are shown and which element it folds', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const page = fixturePageProps(fixtureDocument([fixtureClause('pp1', 'preamble')]), fixturePerson('delegate'));
    const tools = <div class="language-bar">Text language</div>;
    render(
      <DocumentHeader page={page} actions={[]} toolbar={[]} tools={tools} slots={{ header: { current: null } }} />,
      host,
    );
    const header = host.querySelector('header')!;
    const button = [...host.querySelectorAll('button')].find((b) => b.textContent === 'View options')!;
    expect([header.dataset.options, button.getAttribute('aria-expanded')]).toEqual(['folded', 'false']);
    // It names the element the settings are in, which holds them.
    const folded = document.getElementById(button.getAttribute('aria-controls')!)!;
    expect(folded.querySelector('.language-bar')).not.toBeNull();
    act(() => button.click());
    expect([header.dataset.options, button.getAttribute('aria-expanded')]).toEqual(['open', 'true']);
    act(() => button.click());
    expect(header.dataset.options).toBe('folded');
    render(null, host);
    host.remove();
  });
});

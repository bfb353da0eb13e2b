// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { render } from 'preact';
import { StageSteps } from './documentHeader.js';

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
});

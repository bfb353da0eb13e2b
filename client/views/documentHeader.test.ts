// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n/index.js';
import { stageSteps } from './documentHeader.js';

describe('the document header', () => {
  beforeAll(() => initI18n());

  it('shows the stage as four steps: those behind done, the current one marked for assistive technology', () => {
    const steps = stageSteps('adoption');
    expect(steps.getAttribute('data-stage')).toBe('adoption');
    const items = [...steps.querySelectorAll('li')];
    expect(items.map((li) => li.dataset.step)).toEqual(['drafting', 'negotiation', 'adoption', 'adopted']);
    expect(items.map((li) => li.getAttribute('aria-current'))).toEqual([null, null, 'step', null]);
    expect(items.map((li) => li.classList.contains('done'))).toEqual([true, true, false, false]);
    expect(items[2]!.textContent).toBe('Adoption');
  });
});

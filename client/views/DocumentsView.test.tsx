// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../shared/api/documents.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Documents } from './DocumentsView.js';
import { SignIn } from './LoginView.js';

const declaration = {
  id: 'almaty-declaration',
  title: 'Almaty Declaration',
  symbol: 'WIC/2027/1',
  stage: 'adoption',
  clauseCount: 21,
} as DocumentSummary;

describe('the sign-in and documents pages', () => {
  beforeAll(() => initI18n());

  it('lists each document as a link with its symbol, its stage as a chip and its size', () => {
    const { el } = mount(<Documents documents={[declaration]} mayDraft={false} actions={new Actions()} />);
    const link = el.querySelector<HTMLAnchorElement>('.document-list a.document-link')!;
    expect(link.getAttribute('href')).toBe('/documents/almaty-declaration');
    expect(link.textContent).toBe('Almaty Declaration');
    expect(el.querySelector('.meta')?.textContent).toBe('WIC/2027/1 · Adoption · 21 clauses');
    expect(el.querySelector('.chip')?.className).toBe('chip chip-warn stage-adoption');
    expect(el.querySelector('.new-draft')).toBeNull();
  });

  it('says the list is empty, and gives the secretariat a labelled form for a new draft', () => {
    const { el } = mount(<Documents documents={[]} mayDraft actions={new Actions()} />);
    expect(el.querySelector('.empty-state')?.textContent).toBe('There are no documents yet.');
    for (const id of ['draft-title', 'draft-symbol', 'draft-template']) {
      expect(el.querySelector(`label[for=${id}]`)?.textContent, id).toBeTruthy();
      expect(el.querySelector(`#${id}`)).not.toBeNull();
    }
    expect(el.querySelector('form')?.getAttribute('aria-labelledby')).toBe('new-draft-heading');
    expect(el.querySelectorAll('#draft-template option')).toHaveLength(3);
    expect(el.querySelector('.new-draft [role=status]')?.textContent).toBe('');
  });

  it('draws the sign-in form with labelled fields and its error line described to the form', () => {
    const { el } = mount(<SignIn next={null} actions={new Actions()} />);
    expect(el.querySelector('h1')?.textContent).toBe('Sign in to Accord');
    expect(el.querySelector('label[for=username]')).not.toBeNull();
    expect(el.querySelector<HTMLInputElement>('#password')?.type).toBe('password');
    expect(el.querySelector('form')?.getAttribute('aria-describedby')).toBe('login-error');
    expect(el.querySelector('#login-error')?.getAttribute('role')).toBe('alert');
    expect(el.querySelector('button[type=submit]')?.textContent).toBe('Sign in');
  });
});

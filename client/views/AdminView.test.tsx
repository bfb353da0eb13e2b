// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DelegationJson, LoginLinkJson } from '../../shared/api/admin.js';
import type { AccountJson } from '../../shared/api/routes.js';
import { Actions } from '../api/actions.js';
import { mount } from '../components/bridge.js';
import { initI18n } from '../i18n/index.js';
import { Admin, LoginSheet } from './AdminView.js';
import { accountRequest, adminReducer, adminStart, chosenLanguages, linksRequest, sheetGroups } from './adminState.js';
import { TranslatesCell } from './adminTranslators.js';

const kaz: DelegationJson = { code: 'KAZ', names: { en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан' }, members: 2 };
const account: AccountJson = {
  id: 'u1',
  username: 'aigul',
  displayName: 'Aigul',
  role: 'observer',
  delegation: null,
  hasPassword: true,
  translationLanguages: ['kk', 'ru'],
  email: null,
  language: null,
};
const link = (username: string, delegation: string | null): LoginLinkJson => ({
  username,
  displayName: username,
  role: delegation ? 'head' : 'secretariat',
  delegation,
  url: `https://accord.example/login/${username}`,
  expiresAt: '2026-12-08T10:00:00.000Z',
});
const admin = () => mount(<Admin delegations={[kaz]} users={[account]} actions={new Actions()} />).el;

describe('the admin page', () => {
  beforeAll(() => initI18n());

  it('offers a new account as an observer, never an administrator, and sends what the form says', () => {
    const el = admin();
    const role = el.querySelector<HTMLSelectElement>('#new-role')!;
    expect(role.value).toBe('observer');
    for (const id of ['new-username', 'new-name', 'new-role', 'new-delegation', 'new-password', 'new-email']) {
      expect(el.querySelector(`label[for=${id}]`)?.textContent, id).toBeTruthy();
    }
    el.querySelector<HTMLInputElement>('#new-username')!.value = 'guest-1';
    el.querySelector<HTMLInputElement>('#new-name')!.value = 'Guest One';
    el.querySelector<HTMLInputElement>('#new-translates-kk')!.checked = true;
    expect(accountRequest(new FormData(el.querySelector<HTMLFormElement>('.grid-form')!))).toEqual({
      username: 'guest-1',
      displayName: 'Guest One',
      role: 'observer',
      delegation: null,
      translationLanguages: ['kk'],
      language: null,
    });
  });

  it('reads the other fields of a new account, and refuses a role that is not one', () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ username: 'a', displayName: 'A', role: 'head', delegation: 'KAZ' }))
      form.set(k, v);
    form.set('password', 'long enough');
    form.set('email', 'a@example.org');
    form.set('language', 'kk');
    expect(accountRequest(form)).toMatchObject({
      role: 'head',
      delegation: 'KAZ',
      password: 'long enough',
      language: 'kk',
    });
    form.set('role', 'emperor');
    expect(accountRequest(form)).toBeNull();
  });

  it('lists delegations and accounts, each account’s languages with a button named for the person', () => {
    const el = admin();
    expect(el.querySelector('.columns li')?.textContent).toBe('KAZ Kazakhstan — 2 members');
    expect(el.querySelector('.translates-cell')?.firstChild?.textContent).toBe('kk, ru');
    expect(el.querySelector('.translates-cell button')?.getAttribute('aria-label')).toBe(
      'Change the translation languages of Aigul',
    );
    expect([...el.querySelectorAll('#link-delegation option')].map((o) => o.textContent)).toEqual([
      'Everyone except administrators',
      'KAZ — Kazakhstan',
    ]);
  });

  it('offers every language in a dialog, starting from the account’s, and reads them in the list’s order', () => {
    const { el } = mount(
      <table>
        <tbody>
          <tr>
            <TranslatesCell actions={new Actions()} account={account} reload={async () => {}} />
          </tr>
        </tbody>
      </table>,
    );
    document.body.append(el);
    act(() => el.querySelector('button')!.click());
    const dialog = document.querySelector('dialog')!;
    const boxes = [...dialog.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => b.value)).toEqual(['en', 'ru', 'kk', 'uz', 'ar', 'zh', 'fr', 'es']);
    expect(dialog.querySelector('label[for="translates-u1-kk"]')?.textContent).toBe(' Kazakh (kk)');
    const form = dialog.querySelector('form')!;
    expect(chosenLanguages(new FormData(form))).toEqual(['ru', 'kk']);
    boxes.find((b) => b.value === 'en')!.checked = true;
    expect(chosenLanguages(new FormData(form))).toEqual(['en', 'ru', 'kk']);
    dialog.close();
    el.remove();
  });

  it('starts a form afresh after its addition, and keeps the last links for the sheet', () => {
    const start = adminStart([], []);
    const added = adminReducer(start, { type: 'added', form: 'user', delegations: [kaz], users: [account] });
    expect(added).toMatchObject({ delegations: [kaz], users: [account], added: { delegation: 0, user: 1 } });
    expect(adminReducer(added, { type: 'loaded', delegations: [], users: [] }).added.user).toBe(1);
    expect(adminReducer(added, { type: 'links', links: [link('x', null)] }).links).toHaveLength(1);
  });

  it('asks for links for a delegation or everyone, and prints one page per delegation, staff together', () => {
    const form = new FormData();
    form.set('hours', '48');
    form.set('delegation', '');
    expect(linksRequest(form)).toEqual({ hours: 48 });
    form.set('delegation', 'KAZ');
    expect(linksRequest(form)).toEqual({ hours: 48, delegation: 'KAZ' });
    const links = [link('kaz-head', 'KAZ'), link('secretariat', null), link('kaz-delegate', 'KAZ')];
    expect(sheetGroups(links).map(([code, group]) => [code, group.length])).toEqual([
      ['KAZ', 2],
      ['', 1],
    ]);
    const { el } = mount(<LoginSheet links={links} name={() => 'Kazakhstan'} />);
    expect([...el.querySelectorAll('.sheet-page h3')].map((h) => h.textContent)).toEqual([
      expect.stringContaining('KAZ — Kazakhstan'),
      expect.stringContaining('None'),
    ]);
    expect(el.querySelector('.link-url')?.textContent).toBe('https://accord.example/login/kaz-head');
  });
});

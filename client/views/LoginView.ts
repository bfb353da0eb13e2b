import { Actions } from '../api/actions.js';
import { actionError, bindAction } from '../components/actionControls.js';
import { focusWhenShown, h } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import { navigate, type View } from '../router.js';
import { signIn, signInWithLink } from '../session.js';

/** Sign-in form. After success, returns to the page that asked for a session (`?next=`), else home. */
export function LoginView(query: URLSearchParams): View {
  const actions = new Actions();
  const error = actionError(actions, 'sign-in');
  error.id = 'login-error';
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: false,
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const submit = bindAction(actions, 'sign-in', h('button', { type: 'submit', class: 'primary' }, t('login.submit')));
  const form = h(
    'form',
    {
      class: 'login-form',
      'aria-describedby': 'login-error',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (actions.isBusy('sign-in')) return;
        submit.textContent = t('login.submitting');
        void actions
          .run('sign-in', async () => {
            await signIn(username.value.trim(), password.value);
            const next = query.get('next');
            navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
          })
          .then((ok) => {
            submit.textContent = t('login.submit');
            if (ok === false) password.select();
          });
      },
    },
    h('div', { class: 'field' }, h('label', { for: 'username' }, t('login.username')), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, t('login.password')), password),
    error,
    submit,
  );
  // Who comes to sign in starts typing their name.
  focusWhenShown(username);
  return {
    title: t('login.title'),
    el: h(
      'section',
      { class: 'login' },
      h('h1', null, t('login.title')),
      h('p', { class: 'tagline' }, t('app.tagline')),
      form,
      h('p', { class: 'hint' }, t('login.demoHint')),
    ),
  };
}

/** `/login/link#token=…`: exchanges a one-time link for a session. The token stays in the fragment. */
export function LinkLoginView(): View {
  const status = h('p', { role: 'status' }, t('login.linkSigningIn'));
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) {
    status.textContent = t('login.linkMissing');
  } else {
    history.replaceState(null, '', '/login/link');
    signInWithLink(token).then(
      () => navigate('/', { replace: true }),
      (e: unknown) => {
        status.textContent = `${t('login.linkFailed')} ${errorMessage(e)}`;
        status.after(h('p', null, h('a', { href: '/login' }, t('login.title'))));
      },
    );
  }
  return { title: t('login.title'), el: h('section', { class: 'login' }, h('h1', null, t('login.title')), status) };
}

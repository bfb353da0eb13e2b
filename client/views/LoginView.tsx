import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { Actions } from '../api/actions.js';
import { ActionButton, ActionError, useActions } from '../components/actionHooks.js';
import { mountView } from '../components/bridge.js';
import { focusWhenShown } from '../dom.js';
import { errorMessage, t } from '../i18n/index.js';
import { navigate, type View } from '../router.js';
import { signIn, signInWithLink } from '../session.js';
import { linkSignIn, linkSignInStart, signInTarget } from './loginState.js';

/** Sign-in form. After success, returns to the page that asked for a session (`?next=`), else home. */
export function LoginView(query: URLSearchParams): View {
  return mountView(t('login.title'), <SignIn next={query.get('next')} actions={new Actions()} />);
}

export function SignIn({ next, actions }: { next: string | null; actions: Actions }) {
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const { busy } = useActions(actions, 'sign-in');
  // Who comes to sign in starts typing their name.
  useEffect(() => focusWhenShown(username.current!), []);
  const onSubmit = (event: TargetedSubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (actions.isBusy('sign-in')) return;
    void actions
      .run('sign-in', async () => {
        await signIn(username.current!.value.trim(), password.current!.value);
        navigate(signInTarget(next), { replace: true });
      })
      .then((ok) => {
        if (ok === false) password.current?.select();
      });
  };
  return (
    <section class="login">
      <h1>{t('login.title')}</h1>
      <p class="tagline">{t('app.tagline')}</p>
      <form class="login-form" aria-describedby="login-error" onSubmit={onSubmit}>
        <div class="field">
          <label for="username">{t('login.username')}</label>
          <input
            ref={username}
            id="username"
            name="username"
            autocomplete="username"
            required
            autocapitalize="none"
            spellcheck={false}
          />
        </div>
        <div class="field">
          <label for="password">{t('login.password')}</label>
          <input
            ref={password}
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </div>
        <ActionError actions={actions} names="sign-in" id="login-error" />
        <ActionButton actions={actions} name="sign-in" type="submit" class="primary">
          {busy ? t('login.submitting') : t('login.submit')}
        </ActionButton>
      </form>
      <p class="hint">{t('login.demoHint')}</p>
    </section>
  );
}

/** `/login/link#token=…`: exchanges a one-time link for a session. The token stays in the fragment. */
export function LinkLoginView(): View {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) history.replaceState(null, '', '/login/link');
  return mountView(t('login.title'), <LinkSignIn token={token} />);
}

function LinkSignIn({ token }: { token: string | null }) {
  const start = useMemo(() => linkSignInStart(token), [token]);
  const [state, dispatch] = useReducer(linkSignIn, start);
  useEffect(() => {
    if (!token) return;
    signInWithLink(token).then(
      () => navigate('/', { replace: true }),
      (e: unknown) => dispatch({ type: 'refused', reason: errorMessage(e) }),
    );
  }, [token]);
  return (
    <section class="login">
      <h1>{t('login.title')}</h1>
      <p role="status">
        {state.kind === 'signing-in'
          ? t('login.linkSigningIn')
          : state.kind === 'missing'
            ? t('login.linkMissing')
            : `${t('login.linkFailed')} ${state.reason}`}
      </p>
      {state.kind === 'failed' ? (
        <p>
          <a href="/login">{t('login.title')}</a>
        </p>
      ) : null}
    </section>
  );
}

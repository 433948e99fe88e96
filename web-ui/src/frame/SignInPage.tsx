import { useState, type FormEvent } from 'react';
import { errorWords } from '../api/problem';
import { useSessionNotice, useSignIn } from '../session/session';

/**
 * Sign-in with an API key. The key goes to the gateway once and is cleared from the form; the
 * browser keeps only the session cookie, which this page cannot read.
 */
export function SignInPage() {
  const [key, setKey] = useState('');
  const signIn = useSignIn();
  const { notice } = useSessionNotice();

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate(key, { onSettled: () => setKey('') });
  }

  return (
    <section className="panel sign-in" aria-labelledby="sign-in-heading" data-testid="sign-in">
      <h1 id="sign-in-heading" className="sign-in__title">
        Sign in
      </h1>
      <p className="muted">Use an API key of your tenant, or an administrator's key. It is exchanged for a session and not kept.</p>
      {notice && !signIn.isError && (
        <p role="status" className="notice" data-testid="session-notice">
          {notice}
        </p>
      )}
      <form onSubmit={submit} className="sign-in__form">
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="spg_…"
        />
        <button type="submit" className="button--primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {signIn.isError && (
        <p role="alert" className="error" data-testid="sign-in-error">
          {errorWords(signIn.error)}
        </p>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { currentSession, signIn, signOut, type Session } from '../api/session';

export interface SessionPanelProps {
  readonly fetchImpl?: typeof fetch;
}

type State =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signedOut'; readonly error: string | null; readonly busy: boolean }
  | { readonly kind: 'signedIn'; readonly session: Session; readonly error: string | null };

/**
 * Sign-in with an API key and sign-out. The key goes to the gateway once and is cleared from the
 * form; the browser keeps only the session cookie, which this page cannot read.
 */
export function SessionPanel({ fetchImpl = fetch }: SessionPanelProps) {
  const [state, setState] = useState<State>({ kind: 'checking' });
  const [key, setKey] = useState('');

  useEffect(() => {
    let live = true;
    currentSession(fetchImpl).then(
      (found) => live && setState(found ? { kind: 'signedIn', session: found, error: null } : { kind: 'signedOut', error: null, busy: false }),
      (e: unknown) => live && setState({ kind: 'signedOut', error: message(e), busy: false }),
    );
    return () => {
      live = false;
    };
  }, [fetchImpl]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setState({ kind: 'signedOut', error: null, busy: true });
    try {
      const session = await signIn(key, fetchImpl);
      setKey('');
      setState({ kind: 'signedIn', session, error: null });
    } catch (e) {
      setState({ kind: 'signedOut', error: message(e), busy: false });
    }
  }

  async function leave(session: Session) {
    try {
      await signOut(session, fetchImpl);
      setState({ kind: 'signedOut', error: null, busy: false });
    } catch (e) {
      setState({ kind: 'signedIn', session, error: message(e) });
    }
  }

  if (state.kind === 'checking') {
    return (
      <section className="panel session" aria-busy="true" data-testid="session">
        Checking your session…
      </section>
    );
  }
  if (state.kind === 'signedIn') {
    const { session } = state;
    return (
      <section className="panel session" data-testid="session">
        <p data-testid="signed-in-as">
          Signed in {session.admin ? 'as an administrator' : <>for tenant <code>{session.tenantId}</code></>} with{' '}
          {session.scopes.join(', ')}.
        </p>
        {state.error && (
          <p role="alert" className="error">
            {state.error}
          </p>
        )}
        <button type="button" onClick={() => leave(session)}>
          Sign out
        </button>
      </section>
    );
  }
  return (
    <section className="panel session" data-testid="session">
      <form onSubmit={submit} aria-label="Sign in">
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
        <button type="submit" disabled={state.busy}>
          {state.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {state.error && (
        <p role="alert" className="error" data-testid="sign-in-error">
          {state.error}
        </p>
      )}
    </section>
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong.';
}

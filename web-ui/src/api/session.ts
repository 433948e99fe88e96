/**
 * The console's session with the gateway (`/v1/session`): an API key is sent once, in
 * `Authorization`, and exchanged for an HttpOnly cookie the page never sees. The key is not kept
 * anywhere, not even in memory after sign-in. Writes carry the session's CSRF token, which lives
 * only in this page's memory and is asked for again after a reload.
 *
 * POST   /v1/session (Bearer key) -> 201 Session, the cookie set
 * GET    /v1/session (cookie)      -> 200 Session, or 401 problem when there is none
 * DELETE /v1/session (cookie, X-CSRF-Token) -> 204, the cookie removed
 */
import { MISSING_KEY, ProblemError, problemFrom } from './problem';

export { ProblemError } from './problem';

export interface Session {
  readonly tenantId: string | null;
  readonly admin: boolean;
  readonly scopes: readonly string[];
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export const SESSION_PATH = '/v1/session';
export const CSRF_HEADER = 'X-CSRF-Token';

function isSession(value: unknown): value is Session {
  const v = value as Session | null;
  return (
    typeof v === 'object' && v !== null && typeof v.csrfToken === 'string' && typeof v.admin === 'boolean' && Array.isArray(v.scopes)
  );
}

async function session(response: Response): Promise<Session> {
  const body: unknown = await response.json();
  if (!isSession(body)) throw new ProblemError(response.status, 'unexpected_answer', 'The gateway answered unexpectedly.');
  return body;
}

/** Exchanges the key for a session. */
export async function signIn(apiKey: string, fetchImpl: typeof fetch = fetch): Promise<Session> {
  const key = apiKey.trim();
  if (key === '') throw new ProblemError(401, 'missing_api_key', MISSING_KEY);
  const response = await fetchImpl(SESSION_PATH, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}` },
    credentials: 'same-origin',
  });
  if (response.status !== 201) throw await problemFrom(response);
  return session(response);
}

/** The session this browser already has, or null when it has none. */
export async function currentSession(fetchImpl: typeof fetch = fetch): Promise<Session | null> {
  const response = await fetchImpl(SESSION_PATH, { credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (response.status !== 200) throw await problemFrom(response);
  return session(response);
}

/** Ends the session; one that already ended counts as ended. */
export async function signOut(current: Session, fetchImpl: typeof fetch = fetch): Promise<void> {
  const response = await fetchImpl(SESSION_PATH, {
    method: 'DELETE',
    headers: { [CSRF_HEADER]: current.csrfToken },
    credentials: 'same-origin',
  });
  if (response.status !== 204 && response.status !== 401) throw await problemFrom(response);
}

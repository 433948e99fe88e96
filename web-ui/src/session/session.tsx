/**
 * The signed-in session as server state: `['session']` in the query cache holds the Session, or null
 * when there is none. Signing in fills it, signing out (or any 401) empties it and drops every other
 * cached answer, so the next person at this browser sees nothing of the last one's data.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { SESSION_ENDED } from '../api/problem';
import { currentSession, signIn, signOut, type Session } from '../api/session';
import { useEnvironment } from './environment';

export const SESSION_KEY = ['session'] as const;

interface SessionNotice {
  /** Why the person is back at the sign-in form, when it was not their choice. */
  readonly notice: string | null;
  readonly endSession: (notice: string | null) => void;
}

const NoticeContext = createContext<SessionNotice>({ notice: null, endSession: () => {} });

function forget(queryClient: QueryClient) {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, null);
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const endSession = useCallback(
    (why: string | null) => {
      setNotice(why);
      forget(queryClient);
    },
    [queryClient],
  );
  const value = useMemo(() => ({ notice, endSession }), [notice, endSession]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

export function useSession() {
  const { fetchImpl } = useEnvironment();
  return useQuery({ queryKey: SESSION_KEY, queryFn: () => currentSession(fetchImpl), staleTime: Infinity });
}

export function useSessionNotice(): SessionNotice {
  return useContext(NoticeContext);
}

/** Reports a 401 from any call: back to sign-in, saying why. */
export function useSessionEnded(): () => void {
  const { endSession } = useSessionNotice();
  return useCallback(() => endSession(SESSION_ENDED), [endSession]);
}

export function useSignIn() {
  const { fetchImpl } = useEnvironment();
  const queryClient = useQueryClient();
  const { endSession } = useSessionNotice();
  return useMutation({
    mutationFn: (apiKey: string) => signIn(apiKey, fetchImpl),
    onSuccess: (session) => {
      endSession(null);
      queryClient.setQueryData<Session | null>(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const { fetchImpl } = useEnvironment();
  const { endSession } = useSessionNotice();
  return useMutation({
    mutationFn: (session: Session) => signOut(session, fetchImpl),
    onSuccess: () => endSession(null),
  });
}

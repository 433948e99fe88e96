import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Session } from './session';
import { ApiClient } from './client';
import { useEnvironment } from '../session/environment';
import { useSessionEnded } from '../session/session';
import { tenantScope, useChosenTenant, type TenantScope } from '../session/tenant';

interface Api {
  readonly client: ApiClient;
  readonly session: Session;
  readonly scope: TenantScope;
}

const ApiContext = createContext<Api | null>(null);

/** Gives the signed-in pages one ApiClient, rebuilt when the session or the chosen tenant changes. */
export function ApiProvider({ session, children }: { readonly session: Session; readonly children: ReactNode }) {
  const { fetchImpl } = useEnvironment();
  const onSessionEnded = useSessionEnded();
  const [chosen] = useChosenTenant();
  const scope = useMemo(() => tenantScope(session, chosen), [session, chosen]);
  const client = useMemo(
    () => new ApiClient({ fetchImpl, csrfToken: session.csrfToken, actingTenantId: scope.actingTenantId, onSessionEnded }),
    [fetchImpl, session.csrfToken, scope.actingTenantId, onSessionEnded],
  );
  const value = useMemo(() => ({ client, session, scope }), [client, session, scope]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { App } from '../App';
import type { Session } from '../api/session';
import { EnvironmentProvider } from '../session/environment';
import { SessionProvider } from '../session/session';
import type { FakeEventStreams } from './fakeEventSource';
import { READY_UP, fakeFetch, jsonResponse, problemResponse, type Responder } from './fakeFetch';

export const TENANT_ID = 'c1161b5e-f5ee-4880-8881-277bb61f85ab';

export const TENANT_SESSION: Session = {
  tenantId: TENANT_ID,
  admin: false,
  scopes: ['tenant:read', 'tenant:write'],
  csrfToken: 'csrf-token-1',
  expiresAt: '2026-12-07T03:43:27Z',
};

export const ADMIN_SESSION: Session = { tenantId: null, admin: true, scopes: ['admin'], csrfToken: 'csrf-admin', expiresAt: '2026-12-07T03:43:27Z' };

export interface ConsoleOptions {
  /** Where the console opens. */
  readonly path?: string;
  /** The session the browser already has; null for none. */
  readonly session?: Session | null;
  readonly routes?: Record<string, Responder>;
  /** The browser's event streams; without them the console has none (as in jsdom) and polls. */
  readonly events?: FakeEventStreams;
}

/** Shows the router's location, so tests can read the URL the console is at. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

/** The whole console on a fake gateway, at a path, with a fresh cache that never retries. */
export function renderConsole({ path = '/', session = TENANT_SESSION, routes = {}, events }: ConsoleOptions = {}) {
  const leftFor: string[] = [];
  const gateway = fakeFetch({
    'GET /v1/session': () => (session ? jsonResponse(200, session) : problemResponse(401, 'session_expired')),
    '/health/ready': () => jsonResponse(200, READY_UP),
    '/health/live': () => jsonResponse(200, { status: 'UP' }),
    'GET /v1/applications': () => jsonResponse(200, { items: [{ id: 'demo', applicationId: 'amzn1.sp.solution.demo', owner: 'operator', draft: false }] }),
    ...routes,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <EnvironmentProvider value={{ fetchImpl: gateway.impl, leaveFor: (url) => leftFor.push(url), openEvents: events?.open ?? (() => null) }}>
          <SessionProvider>
            <App />
            <LocationProbe />
          </SessionProvider>
        </EnvironmentProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  const location = () => view.getByTestId('location').textContent ?? '';
  return { ...view, gateway, leftFor, location, queryClient };
}

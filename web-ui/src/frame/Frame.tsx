import { NavLink, Outlet } from 'react-router';
import { useApi } from '../api/ApiProvider';
import { errorWords } from '../api/problem';
import type { Session } from '../api/session';
import { useTenant, useTenants } from '../api/tenants';
import { useSignOut } from '../session/session';
import { useChosenTenant, useTenantLink } from '../session/tenant';
import { TenantSwitcher } from './TenantSwitcher';

const PAGES = [
  { path: '/', label: 'Overview', end: true },
  { path: '/sellers', label: 'Sellers', end: false },
  { path: '/quotas', label: 'Quotas', end: false },
  { path: '/reports', label: 'Reports', end: false },
  { path: '/channels', label: 'Channels', end: false },
  { path: '/updates', label: 'Updates', end: false },
  { path: '/orders', label: 'Orders', end: false },
  { path: '/notifications', label: 'Notifications', end: false },
  { path: '/webhooks', label: 'Webhooks', end: false },
  { path: '/keys', label: 'API keys', end: false },
] as const;

/** The signed-in console: header with navigation, tenant and sign-out; the page below. */
export function Frame() {
  const { session } = useApi();
  const link = useTenantLink();
  const signOut = useSignOut();
  return (
    <>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__title">spgate console</span>
          <SignedInAs session={session} />
        </div>
        <nav aria-label="Console" className="nav">
          {PAGES.map((page) => (
            <NavLink key={page.path} to={link(page.path)} end={page.end} className="nav__link">
              {page.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar__tools">
          {session.admin && <TenantSwitcher />}
          <button type="button" className="button--on-dark" onClick={() => signOut.mutate(session)} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      {signOut.isError && (
        <p role="alert" className="error error--banner">
          {errorWords(signOut.error)}
        </p>
      )}
      <main className="content" id="main">
        <Outlet />
      </main>
    </>
  );
}

/**
 * Who is signed in, by name: a tenant's session its tenant's name (its id until the name is known),
 * an administrator "Admin" and the tenant chosen in the switcher.
 */
function SignedInAs({ session }: { readonly session: Session }) {
  const [chosen] = useChosenTenant();
  const own = useTenant(session.admin ? null : session.tenantId);
  const all = useTenants(session.admin);
  let who: string;
  if (session.admin) {
    const name = chosen === null ? null : (all.data?.items.find((t) => t.id === chosen)?.name ?? chosen);
    who = name === null ? 'Admin' : `Admin · ${name}`;
  } else {
    who = `Tenant ${own.data?.name ?? session.tenantId}`;
  }
  return (
    <span className="topbar__who" data-testid="signed-in-as">
      {who}
    </span>
  );
}

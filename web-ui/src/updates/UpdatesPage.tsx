import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider';
import { RequireTenant } from '../frame/RequireTenant';
import { useTenantLink } from '../session/tenant';
import { JobList } from './JobList';

/** Update jobs: each file of price and quantity changes sent to Amazon, followed live while it runs. */
export function UpdatesPage() {
  const { scope } = useApi();
  const link = useTenantLink();
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">Updates</h1>
        {scope.tenantId !== null && (
          <Link className="button-link" to={link('/updates/new')}>
            New update job
          </Link>
        )}
      </div>
      <RequireTenant>
        <JobList />
      </RequireTenant>
    </>
  );
}

import { HealthView } from '../components/HealthView';
import { RequireTenant } from '../frame/RequireTenant';
import { NextStep } from './NextStep';
import { OverviewFigures } from './OverviewFigures';

export function OverviewPage({ healthIntervalMs }: { readonly healthIntervalMs?: number }) {
  return (
    <>
      <h1 className="page-title">Overview</h1>
      <RequireTenant>
        <NextStep />
        <OverviewFigures />
      </RequireTenant>
      <HealthView {...(healthIntervalMs !== undefined && { intervalMs: healthIntervalMs })} />
    </>
  );
}

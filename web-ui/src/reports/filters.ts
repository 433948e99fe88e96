/** The reports page's choices live in its URL: the seller (`seller`) and the list's filters (`reportType`, `status`). */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { JOB_STATUSES, type JobStatus, type ReportFilters } from '../api/reports';

export const SELLER_PARAM = 'seller';
export const FILTER_NAMES = ['reportType', 'status'] as const;
export type ReportFilterName = typeof SELLER_PARAM | (typeof FILTER_NAMES)[number];

/** The list's query from the URL; a hand-edited unknown status shows every job rather than a refusal. */
export function reportFiltersFrom(params: URLSearchParams): ReportFilters {
  const sellerId = params.get(SELLER_PARAM)?.trim();
  const reportType = params.get('reportType')?.trim();
  const status = params.get('status')?.trim();
  return {
    ...(sellerId && { sellerId }),
    ...(reportType && { reportType }),
    ...(status && (JOB_STATUSES as readonly string[]).includes(status) && { status: status as JobStatus }),
  };
}

export function useReportFilters(): [ReportFilters, (name: ReportFilterName, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => reportFiltersFrom(params), [params]);
  const setFilter = useCallback(
    (name: ReportFilterName, value: string) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value.trim() === '') next.delete(name);
        else next.set(name, value.trim());
        return next;
      }),
    [setParams],
  );
  return [filters, setFilter];
}

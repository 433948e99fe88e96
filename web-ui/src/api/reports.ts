/**
 * Reports (issue 19): the types spgate knows (`/v1/report-types`), report jobs a seller asked Amazon
 * for (`/v1/reports`), schedules that ask every period (`/v1/report-schedules`), the reports Amazon
 * makes by itself (settlements), and the links their documents download from.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import type { ApiClient } from './client';
import { ProblemError } from './problem';
import type { Page } from './sellers';

export interface ReportType {
  readonly reportType: string;
  readonly label: string;
  /** What the document holds: tsv converts to NDJSON and CSV, others download as they are. */
  readonly format: string;
  /** Listings reports: Amazon builds them from current data whatever the range. */
  readonly datesIgnored: boolean;
  /** Amazon cancels a second request of the type for a seller within this many minutes (0: no such rule). */
  readonly minMinutesBetweenRequests: number;
  /** False for reports only Amazon makes (settlements). */
  readonly requestable: boolean;
}

export const JOB_STATUSES = ['REQUESTED', 'IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The statuses a job can still leave: the gateway keeps asking Amazon about it. */
export const OPEN_STATUSES: readonly JobStatus[] = ['REQUESTED', 'IN_QUEUE', 'IN_PROGRESS'];
/** Amazon cancels a report only while it waits; one not sent yet is cancelled by the gateway. */
export const CANCELLABLE_STATUSES: readonly JobStatus[] = ['REQUESTED', 'IN_QUEUE'];

export function isOpen(status: JobStatus | undefined): boolean {
  return status !== undefined && OPEN_STATUSES.includes(status);
}

export interface ReportJob {
  readonly id: string;
  readonly sellerId: string;
  readonly scheduleId?: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly dataStartTime: string | null;
  readonly dataEndTime: string | null;
  readonly reportOptions: Record<string, string>;
  readonly status: JobStatus;
  readonly reportId: string | null;
  readonly reportDocumentId: string | null;
  readonly reused: boolean;
  readonly polls: number;
  readonly rowCount?: number;
  /** While the job is open: when the gateway asks Amazon again. */
  readonly nextCheckAt?: string;
  readonly problem?: { readonly code: string; readonly detail: string };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ReportRequest {
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  /** An ISO duration: a DONE report of the same kind made within it is served instead of a new one. */
  readonly reuseWithin?: string;
}

export interface ReportSchedule {
  readonly id: string;
  readonly sellerId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly reportOptions: Record<string, string>;
  /** ISO duration, e.g. PT24H. */
  readonly period: string;
  readonly nextRunAt: string;
  readonly lastJobId: string | null;
  readonly latestDone: ReportJob | null;
  readonly createdAt: string;
}

export interface NewSchedule {
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly period: string;
}

/** A report as Amazon lists it (`getReports`), including those it makes by itself. */
export interface AmazonReport {
  readonly reportId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly processingStatus: string;
  readonly reportDocumentId: string | null;
  readonly createdTime: string;
  readonly dataStartTime: string | null;
  readonly dataEndTime: string | null;
}

export interface ReportFilters {
  readonly sellerId?: string;
  readonly reportType?: string;
  readonly status?: JobStatus;
}

export type DocumentFormat = 'tsv' | 'ndjson' | 'csv' | 'raw';

export const SETTLEMENT_REPORT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE';
export const REPORT_PAGE_SIZE = 50;
/** How often an open job's page asks the gateway; the gateway itself asks Amazon less often. */
export const JOB_POLL_MS = 2_000;
/** How often the list asks again while a job in it is open. */
export const LIST_POLL_MS = 5_000;

/** Whether a type's documents are tab-separated (so NDJSON and CSV exist); unknown types are taken to be, as the gateway does. */
export function tabSeparated(types: readonly ReportType[] | undefined, reportType: string): boolean {
  return (types?.find((t) => t.reportType === reportType)?.format ?? 'tsv') === 'tsv';
}

/** The download link of a job's document; the session cookie authorises it, `tenantId` names an administrator's tenant. */
export function jobDocumentHref(client: ApiClient, jobId: string, format: DocumentFormat): string {
  return client.url(`/v1/reports/${encodeURIComponent(jobId)}/document`, { format });
}

/** The download link of a document made outside spgate (settlements), by its id. */
export function sellerDocumentHref(client: ApiClient, sellerId: string, documentId: string, reportType: string, format: DocumentFormat): string {
  return client.url(`/v1/sellers/${encodeURIComponent(sellerId)}/report-documents/${encodeURIComponent(documentId)}`, { format, reportType });
}

function useReportsKey() {
  const { scope } = useApi();
  return ['reports', scope.actingTenantId] as const;
}

export function useReportTypes() {
  const { client } = useApi();
  return useQuery({
    queryKey: ['report-types'],
    queryFn: ({ signal }) => client.get<{ items: readonly ReportType[] }>('/v1/report-types', { signal }),
    staleTime: Infinity,
  });
}

/** Report jobs newest first, 50 at a time; asked again every few seconds while a loaded job is open. */
export function useReportJobs(filters: ReportFilters) {
  const { client } = useApi();
  const key = useReportsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<ReportJob>>('/v1/reports', { query: { ...filters, limit: REPORT_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((job) => isOpen(job.status))) ? LIST_POLL_MS : false,
  });
}

/** One job, asked for every 2 s while it is open and no more once it ended. */
export function useReportJob(jobId: string) {
  const { client } = useApi();
  const key = useReportsKey();
  return useQuery({
    queryKey: [...key, 'one', jobId],
    queryFn: ({ signal }) => client.get<ReportJob>(`/v1/reports/${encodeURIComponent(jobId)}`, { signal }),
    refetchInterval: (query) => (isOpen(query.state.data?.status) ? JOB_POLL_MS : false),
  });
}

/**
 * Why Amazon could not make a FATAL report: the gateway answers the document's URL with a 422 whose
 * detail is Amazon's explanation. Asked for only when `asked`.
 */
export function useFatalExplanation(jobId: string, asked: boolean) {
  const { client } = useApi();
  const key = useReportsKey();
  return useQuery({
    queryKey: [...key, 'explanation', jobId],
    queryFn: async ({ signal }) => {
      try {
        await client.get<unknown>(`/v1/reports/${encodeURIComponent(jobId)}/document`, { signal });
      } catch (error) {
        if (error instanceof ProblemError && error.status === 422) return error.message;
        throw error;
      }
      return 'Amazon sent a document rather than an explanation.';
    },
    enabled: asked,
    staleTime: Infinity,
  });
}

export function useRequestReport(sellerId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useReportsKey();
  return useMutation({
    mutationFn: (request: ReportRequest) => client.post<ReportJob>(`/v1/sellers/${encodeURIComponent(sellerId)}/reports`, request),
    onSuccess: (job) => {
      queryClient.setQueryData([...key, 'one', job.id], job);
      return queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useCancelReport(jobId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useReportsKey();
  return useMutation({
    mutationFn: () => client.post<ReportJob>(`/v1/reports/${encodeURIComponent(jobId)}/cancel`, undefined),
    onSuccess: (job) => {
      queryClient.setQueryData([...key, 'one', job.id], job);
      return queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

export function useReportSchedules(sellerId: string) {
  const { client } = useApi();
  const key = useReportsKey();
  return useQuery({
    queryKey: [...key, 'schedules', sellerId],
    queryFn: ({ signal }) => client.get<Page<ReportSchedule>>('/v1/report-schedules', { query: { sellerId }, signal }),
  });
}

export function useCreateSchedule(sellerId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useReportsKey();
  return useMutation({
    mutationFn: (schedule: NewSchedule) =>
      client.post<ReportSchedule>(`/v1/sellers/${encodeURIComponent(sellerId)}/report-schedules`, schedule),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'schedules', sellerId] }),
  });
}

export function useDeleteSchedule(sellerId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useReportsKey();
  return useMutation({
    mutationFn: (scheduleId: string) => client.delete(`/v1/report-schedules/${encodeURIComponent(scheduleId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'schedules', sellerId] }),
  });
}

/** The seller's reports of `reportType` as Amazon lists them, a page (nextToken) at a time; Amazon lists slowly, so no polling. */
export function useAmazonReports(sellerId: string, reportType: string) {
  const { client } = useApi();
  const key = useReportsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'amazon', sellerId, reportType],
    queryFn: ({ pageParam, signal }) =>
      client.get<{ items: readonly AmazonReport[]; nextToken?: string }>(`/v1/sellers/${encodeURIComponent(sellerId)}/amazon-reports`, {
        // Amazon takes the token alone: with it, the other filters are those of the first page.
        query: pageParam === undefined ? { reportTypes: reportType } : { nextToken: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextToken,
    staleTime: 60_000,
  });
}

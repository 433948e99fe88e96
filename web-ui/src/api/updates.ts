/**
 * Updates (issue 20): a file of price and quantity changes sent to `POST /v1/updates` (first as a dry
 * run that plans and refuses, then for real under an Idempotency-Key), and the jobs that fan the
 * changes out to Amazon (`/v1/jobs`), followed live through their server-sent events.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useEnvironment } from '../session/environment';
import { useApi } from './ApiProvider';
import type { Money } from './channels';
import type { Page } from './sellers';

export interface UpdateRejection {
  /** 0-based index of the item in the file (the CSV's header not counted). */
  readonly index: number;
  readonly code: string;
  readonly detail: string;
}

export interface PlanSeller {
  readonly sellerId: string;
  readonly sellingPartnerId: string;
  readonly items: number;
  readonly skus: number;
  /** Listings Items patches one SKU at a time, or one JSON listings feed for many. */
  readonly path: 'patches' | 'feed';
  readonly patches: number;
  readonly feeds: number;
  readonly estimatedSeconds: number;
}

export interface UpdatePlan {
  readonly estimatedSeconds: number;
  readonly estimatedCompletionAt: string;
  readonly sellers: readonly PlanSeller[];
}

/** The dry run's answer: what would be sent and how, and what would be refused; nothing is stored. */
export interface DryRun {
  readonly accepted: number;
  readonly rejectedCount: number;
  /** The first 1,000 refusals at most; rejectedCount is the full number. */
  readonly rejected: readonly UpdateRejection[];
  readonly plan: UpdatePlan;
}

/** The answer to a real upload (202): the job made of the accepted items. */
export interface UpdateAccepted {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly accepted: number;
  readonly rejected: readonly UpdateRejection[];
  readonly rejectedCount?: number;
}

export const JOB_STATUSES = ['queued', 'running', 'done', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ITEM_STATUSES = ['pending', 'sent', 'accepted', 'applied', 'rejected', 'superseded', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** Items with a final result; the others still move. */
export const FINAL_ITEM_STATUSES: readonly ItemStatus[] = ['accepted', 'applied', 'rejected', 'superseded', 'cancelled'];

export type JobCounts = Readonly<Record<ItemStatus, number>>;

export interface Job {
  readonly id: string;
  readonly status: JobStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly total: number;
  readonly rejectedAtIntake: number;
  readonly counts: JobCounts;
  /** 0..1: items with a final result over the total. */
  readonly progress: number;
  readonly estimatedCompletionAt: string | null;
}

export interface ItemIssue {
  readonly code: string;
  readonly message: string;
  readonly severity: string;
  readonly attributeNames: readonly string[];
}

export interface JobItem {
  readonly index: number;
  readonly channelId: string;
  readonly sellerId: string;
  readonly marketplaceId: string;
  readonly sku: string;
  readonly price: Money | null;
  readonly quantity: number | null;
  readonly listedQuantity: number | null;
  readonly handlingTime: number | null;
  readonly status: ItemStatus;
  readonly path: 'patch' | 'feed' | null;
  readonly feedId: string | null;
  readonly submissionId: string | null;
  readonly issues: readonly ItemIssue[];
  readonly updatedAt: string;
  readonly sentAt: string | null;
  readonly resultAt: string | null;
}

/** The columns of an update file in CSV, in the contract's order. */
export const UPDATE_CSV_COLUMNS = ['channelId', 'sellerId', 'marketplaceId', 'sku', 'price', 'currency', 'quantity', 'handlingTime'] as const;

export const JOB_PAGE_SIZE = 50;
export const ITEM_PAGE_SIZE = 200;
/** How often a job is asked for when its event stream is not available. */
export const JOB_POLL_MS = 2_000;
/** How often an open job's items are asked for again (while few pages are loaded). */
export const ITEMS_POLL_MS = 5_000;
/** Beyond this many loaded pages, items are asked for again only on request (each refresh asks for every page). */
export const ITEMS_POLL_MAX_PAGES = 3;

export function isOpen(status: JobStatus | undefined): boolean {
  return status === 'queued' || status === 'running';
}

/** Cancel makes pending items cancelled; once none is pending there is nothing to cancel. */
export function isCancellable(job: Job): boolean {
  return isOpen(job.status) && job.counts.pending > 0;
}

const jobPath = (jobId: string) => `/v1/jobs/${encodeURIComponent(jobId)}`;
const csv = (file: File) => ({ file, contentType: 'text/csv' });

function jobsKey(actingTenantId: string | null) {
  return ['jobs', actingTenantId] as const;
}

function useJobsKey() {
  const { scope } = useApi();
  return jobsKey(scope.actingTenantId);
}

/** A newer view of a job goes into its own query and into every loaded list page that shows it. */
function putJob(queryClient: QueryClient, key: readonly unknown[], job: Job) {
  queryClient.setQueryData([...key, 'one', job.id], job);
  queryClient.setQueriesData<InfiniteData<Page<Job>>>({ queryKey: [...key, 'list'] }, (data) =>
    data === undefined
      ? data
      : { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((j) => (j.id === job.id ? job : j)) })) },
  );
}

/** The dry run: the file sent as it is with `?dryRun=true` and no key; answers the plan and the refusals. */
export function useDryRun() {
  const { client } = useApi();
  return useMutation({
    mutationFn: (file: File) => client.upload<DryRun>('/v1/updates', csv(file), { query: { dryRun: 'true' } }),
  });
}

export interface Submission {
  readonly file: File;
  /** Made once per confirmed upload and kept, so a retried confirm is the same upload to the gateway. */
  readonly idempotencyKey: string;
}

/** The upload itself: the same file under its Idempotency-Key; the gateway answers the job (202). */
export function useSubmitUpdate() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useJobsKey();
  return useMutation({
    mutationFn: ({ file, idempotencyKey }: Submission) =>
      client.upload<UpdateAccepted>('/v1/updates', csv(file), { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

export interface JobFilters {
  readonly status?: JobStatus;
}

/** Jobs newest first, 50 at a time; asked for every 2 s while `poll` (an open job not followed by its events). */
export function useJobs(filters: JobFilters, poll: boolean) {
  const { client } = useApi();
  const key = useJobsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'list', filters],
    queryFn: ({ pageParam, signal }) => client.get<Page<Job>>('/v1/jobs', { query: { ...filters, limit: JOB_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: poll ? JOB_POLL_MS : false,
  });
}

/** One job; asked for every 2 s while it is open and `poll` (its events are not available). */
export function useJob(jobId: string, poll: boolean) {
  const { client } = useApi();
  const key = useJobsKey();
  return useQuery({
    queryKey: [...key, 'one', jobId],
    queryFn: ({ signal }) => client.get<Job>(jobPath(jobId), { signal }),
    refetchInterval: (query) => (poll && isOpen(query.state.data?.status) ? JOB_POLL_MS : false),
  });
}

/** A job's items by index, filtered by status, a page at a time; asked again every 5 s while `open` and few pages are loaded. */
export function useJobItems(jobId: string, status: ItemStatus | undefined, open: boolean) {
  const { client } = useApi();
  const key = useJobsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'items', jobId, status ?? null],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<JobItem>>(`${jobPath(jobId)}/items`, { query: { status, limit: ITEM_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (open && (query.state.data?.pages.length ?? 0) <= ITEMS_POLL_MAX_PAGES ? ITEMS_POLL_MS : false),
  });
}

/** Asks the job's items again (after it ended, or on request). */
export function useRefreshJobItems(jobId: string) {
  const queryClient = useQueryClient();
  const { scope } = useApi();
  const actingTenantId = scope.actingTenantId;
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: [...jobsKey(actingTenantId), 'items', jobId] }),
    [queryClient, actingTenantId, jobId],
  );
}

/** Cancels the job's unsent items (sent ones keep going); answers the job. */
export function useCancelJob(jobId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useJobsKey();
  return useMutation({
    mutationFn: () => client.post<Job>(`${jobPath(jobId)}/cancel`, undefined),
    onSuccess: (job) => {
      putJob(queryClient, key, job);
      return queryClient.invalidateQueries({ queryKey: [...key, 'items', jobId] });
    },
  });
}

/** The URL of a job's event stream; `tenantId` goes in the query, as EventSource sends no headers of ours. */
export function useJobEventsUrl(jobId: string): string {
  const { client } = useApi();
  return client.url(`${jobPath(jobId)}/events`);
}

/**
 * Follows a job through `GET /v1/jobs/{id}/events` while `follow`: each `progress` and the final `done`
 * event carry the job, which goes into the cache (its query and the lists). The stream is closed once
 * done, when no longer followed, or at the first error (the browser would otherwise reconnect forever
 * to a gateway that refuses it); `onFailed` then tells the page to poll instead.
 */
export function useJobEvents(jobId: string, follow: boolean, onFailed: () => void) {
  const { scope } = useApi();
  const { openEvents } = useEnvironment();
  const queryClient = useQueryClient();
  const url = useJobEventsUrl(jobId);
  const failed = useRef(onFailed);
  failed.current = onFailed;
  const actingTenantId = scope.actingTenantId;

  useEffect(() => {
    if (!follow) return;
    const key = jobsKey(actingTenantId);
    const stream = openEvents(url);
    if (stream === null) {
      failed.current();
      return;
    }
    let closed = false;
    const close = () => {
      closed = true;
      stream.close();
    };
    const take = (event: MessageEvent<string>) => {
      if (closed) return;
      try {
        putJob(queryClient, key, JSON.parse(event.data) as Job);
      } catch {
        // an event the page cannot read changes nothing; the next one will
      }
    };
    stream.addEventListener('progress', take);
    stream.addEventListener('done', (event) => {
      take(event);
      close();
      // Lists filtered by status no longer hold the job as it is now.
      void queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    });
    stream.addEventListener('error', () => {
      if (closed) return;
      close();
      failed.current();
    });
    return close;
  }, [jobId, follow, url, openEvents, queryClient, actingTenantId]);
}

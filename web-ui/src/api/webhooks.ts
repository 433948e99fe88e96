/**
 * Webhooks (issue 21): the tenant's endpoints (`/v1/webhooks`), which receive its events signed with
 * a secret shown once at creation; a test event sent on request; and every delivery attempt, newest first.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import { EVENT_TYPES, type EventType } from './events';
import type { Page } from './sellers';

/** What an endpoint may subscribe to: every type but the test event, which goes only where it is sent. */
export const SUBSCRIBABLE_TYPES: readonly EventType[] = EVENT_TYPES.filter((type) => type !== 'test');
/** An endpoint's subscription to every type (but the test event). */
export const ALL_TYPES = '*';

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly description: string | null;
  /** Some of SUBSCRIBABLE_TYPES, or ["*"]. */
  readonly eventTypes: readonly string[];
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  /** When its current run of failed attempts began; absent while it answers. */
  readonly failingSince?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The create answer: the endpoint and its signing secret, which the gateway never shows again. */
export interface CreatedEndpoint extends WebhookEndpoint {
  readonly secret: string;
}

export interface NewEndpoint {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description?: string;
}

export interface EndpointChange {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string | null;
  readonly enabled?: boolean;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One attempt at delivering an event to an endpoint. */
export interface WebhookAttempt {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  /** 1 for the first attempt at this delivery. */
  readonly attempt: number;
  readonly attemptedAt: string;
  /** The receiver's status; absent when there was no answer. */
  readonly statusCode?: number;
  /** Why there was no answer (timeout, refused, TLS). */
  readonly error?: string;
  readonly durationMs: number;
  readonly responseSnippet?: string;
  /** Where the delivery stands now. */
  readonly deliveryStatus: DeliveryStatus;
  /** While pending: when it is tried next. */
  readonly nextAttemptAt?: string;
}

export const ATTEMPT_PAGE_SIZE = 20;
/** How often an enabled endpoint's attempts are asked for again while the page is open. */
export const ATTEMPTS_POLL_MS = 3_000;

const endpointPath = (endpointId: string) => `/v1/webhooks/${encodeURIComponent(endpointId)}`;

/** Whether an attempt reached the endpoint and it answered 2xx. */
export function isDelivered(attempt: WebhookAttempt): boolean {
  return attempt.statusCode !== undefined && attempt.statusCode >= 200 && attempt.statusCode < 300;
}

function useWebhooksKey() {
  const { scope } = useApi();
  return ['webhooks', scope.actingTenantId] as const;
}

export function useWebhooks() {
  const { client } = useApi();
  const key = useWebhooksKey();
  return useQuery({
    queryKey: [...key, 'list'],
    queryFn: ({ signal }) => client.get<{ items: readonly WebhookEndpoint[] }>('/v1/webhooks', { signal }),
  });
}

export function useCreateWebhook() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useWebhooksKey();
  return useMutation({
    mutationFn: (endpoint: NewEndpoint) => client.post<CreatedEndpoint>('/v1/webhooks', endpoint),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

/** Changes an endpoint (its URL, types, description; enabled or not). */
export function useUpdateWebhook(endpointId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useWebhooksKey();
  return useMutation({
    mutationFn: (change: EndpointChange) => client.patch<WebhookEndpoint>(endpointPath(endpointId), change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'list'] }),
  });
}

export function useDeleteWebhook(endpointId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useWebhooksKey();
  return useMutation({
    mutationFn: () => client.delete(endpointPath(endpointId)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: [...key, 'attempts', endpointId] });
      return queryClient.invalidateQueries({ queryKey: [...key, 'list'] });
    },
  });
}

/** Sends the endpoint a `test` event (202 with its id); its attempts are asked for again. */
export function useSendTestEvent(endpointId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useWebhooksKey();
  return useMutation({
    mutationFn: () => client.post<{ eventId: string }>(`${endpointPath(endpointId)}/test`, undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...key, 'attempts', endpointId] }),
  });
}

/** The endpoint's delivery attempts, newest first, a page at a time; asked for again every 3 s while `poll` and one page is loaded. */
export function useWebhookAttempts(endpointId: string, poll: boolean) {
  const { client } = useApi();
  const key = useWebhooksKey();
  return useInfiniteQuery({
    queryKey: [...key, 'attempts', endpointId],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<WebhookAttempt>>(`${endpointPath(endpointId)}/deliveries`, { query: { limit: ATTEMPT_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (poll && (query.state.data?.pages.length ?? 0) <= 1 ? ATTEMPTS_POLL_MS : false),
  });
}

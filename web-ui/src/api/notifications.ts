/**
 * Amazon's notifications (issue 21): whether each seller's order notifications can be trusted
 * (`/v1/notifications/health`; polling finds what they miss), and the messages that kept failing
 * (`/v1/notifications/dead-letters`), which can be taken through the intake again (replay).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import type { Page } from './sellers';

export const NOTIFICATION_HEALTHS = ['unknown', 'healthy', 'unhealthy'] as const;
export type NotificationHealth = (typeof NOTIFICATION_HEALTHS)[number];

/** One seller's order sync: its notifications' health and its polling. */
export interface SellerOrderSync {
  readonly sellerId: string;
  readonly sellingPartnerId: string;
  readonly notifications: NotificationHealth;
  /** Since when the health is what it is. */
  readonly since: string;
  readonly lastNotificationAt: string | null;
  /** Changes the last poll found that no notification announced. */
  readonly missedChanges: number;
  readonly checkpoint: string | null;
  readonly lastPollAt: string | null;
  readonly nextPollAt: string;
  readonly lastError: string | null;
}

export interface DeadLetter {
  readonly id: string;
  readonly notificationId: string | null;
  readonly type: string | null;
  readonly error: string;
  readonly receiveCount: number;
  readonly failedAt: string;
  readonly replayedAt: string | null;
  /** The message as it came off the queue. */
  readonly body: string;
}

export type ReplayOutcome = 'applied' | 'duplicate' | 'ignored';

export interface Replayed {
  readonly id: string;
  readonly outcome: ReplayOutcome;
}

export const DEAD_LETTER_PAGE_SIZE = 50;
/** How often the health is asked for again while the page is open. */
export const HEALTH_POLL_MS = 5_000;

function useNotificationsKey() {
  const { scope } = useApi();
  return ['notifications', scope.actingTenantId] as const;
}

/** Every seller's notification health and polling, asked for again every 5 s. */
export function useNotificationsHealth() {
  const { client } = useApi();
  const key = useNotificationsKey();
  return useQuery({
    queryKey: [...key, 'health'],
    queryFn: ({ signal }) => client.get<{ items: readonly SellerOrderSync[] }>('/v1/notifications/health', { signal }),
    refetchInterval: HEALTH_POLL_MS,
  });
}

/** Dead letters newest first, 50 at a time; those already replayed only when asked for. */
export function useDeadLetters(replayed: boolean) {
  const { client } = useApi();
  const key = useNotificationsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'dead-letters', replayed],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<DeadLetter>>('/v1/notifications/dead-letters', {
        query: { replayed: replayed ? 'true' : undefined, limit: DEAD_LETTER_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Takes a dead letter through the intake again; a 409 says it is unreadable or still fails. */
export function useReplayDeadLetter() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useNotificationsKey();
  return useMutation({
    mutationFn: (letterId: string) => client.post<Replayed>(`/v1/notifications/dead-letters/${encodeURIComponent(letterId)}/replay`, undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

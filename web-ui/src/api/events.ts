/**
 * The tenant's event stream (`GET /v1/events?after=&type=&resourceType=&resourceId=&limit=`): every state change spgate kept
 * (orders created, changed and shipped, jobs finished, reports ready, …), oldest first, the same
 * events its webhooks deliver. The answer's `next` cursor is on every page, also an empty one.
 */
import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import type { ApiClient } from './client';

export const EVENT_TYPES = [
  'order.created',
  'order.changed',
  'order.shipped',
  'job.finished',
  'report.ready',
  'seller.reauthorization_required',
  'listing.status_changed',
  'offer.changed',
  'webhook_endpoint.disabled',
  'test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface SpgateEvent {
  /** A string: compare it, never do sums with it. */
  readonly id: string;
  readonly type: EventType;
  /** What changed: `order`, `update_job`, `report_job`, `webhook_endpoint`, … */
  readonly resourceType: string;
  readonly resourceId: string;
  readonly createdAt: string;
  /** What the type says about the change; an order's events carry the order as stored. */
  readonly data: Record<string, unknown>;
}

export interface EventPage {
  readonly items: readonly SpgateEvent[];
  /** Where to read on from (`after`); on every page. */
  readonly next: string;
  readonly hasMore: boolean;
}

export const EVENT_PAGE_SIZE = 500;
/** How many pages of one resource's events are read at most (10,000 events: far more than an order ever has). */
export const EVENT_SCAN_PAGES = 20;

export interface ResourceEvents {
  readonly events: readonly SpgateEvent[];
  /** How many events were read. */
  readonly scanned: number;
  /** False when the search stopped at EVENT_SCAN_PAGES pages with more left: later events may be missing. */
  readonly complete: boolean;
}

/**
 * One resource's events of the given types (`GET /v1/events?resourceType=&resourceId=&type=`), read
 * page by page, at most EVENT_SCAN_PAGES pages.
 */
export async function resourceEvents(
  client: ApiClient,
  resource: { readonly type: string; readonly id: string },
  types: readonly EventType[],
  signal: AbortSignal,
): Promise<ResourceEvents> {
  const found: SpgateEvent[] = [];
  let after: string | undefined;
  let scanned = 0;
  for (let page = 0; page < EVENT_SCAN_PAGES; page++) {
    const answer = await client.get<EventPage>('/v1/events', {
      query: { type: types.join(','), resourceType: resource.type, resourceId: resource.id, limit: EVENT_PAGE_SIZE, after },
      signal,
    });
    scanned += answer.items.length;
    found.push(...answer.items);
    if (!answer.hasMore) return { events: found, scanned, complete: true };
    after = answer.next;
  }
  return { events: found, scanned, complete: false };
}

/** A resource's events; asked again when `version` changes (the resource changed, so it has a new event). */
export function useResourceEvents(resourceType: string, resourceId: string, types: readonly EventType[], version: number | undefined) {
  const { client, scope } = useApi();
  return useQuery({
    queryKey: ['events', scope.actingTenantId, resourceType, resourceId, types, version ?? null],
    queryFn: ({ signal }) => resourceEvents(client, { type: resourceType, id: resourceId }, types, signal),
    enabled: version !== undefined,
    staleTime: Infinity,
  });
}

/** Sellers (`/v1/sellers`) and the calls that connect, re-authorize, disable and delete them. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import { useEnvironment } from '../session/environment';

export type SellerStatus = 'active' | 'reauth_required' | 'disabled';
export type Region = 'na' | 'eu' | 'fe';

export interface Seller {
  readonly id: string;
  readonly tenantId: string;
  readonly sellingPartnerId: string;
  readonly application: string;
  readonly region: Region;
  readonly marketplaceIds: readonly string[];
  readonly status: SellerStatus;
  readonly token: { readonly lastRefreshAt: string | null; readonly expiresAt: string | null; readonly lastError: string | null };
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

/** The server-side filters of the sellers list; each is also a search param of the sellers page. */
export interface SellerFilters {
  readonly q?: string;
  readonly status?: SellerStatus;
  readonly region?: Region;
  readonly marketplaceId?: string;
  readonly application?: string;
}

export const SELLER_PAGE_SIZE = 100;

export interface Authorization {
  readonly consentUrl: string;
  readonly state: string;
  readonly expiresAt: string;
}

/** Where Seller Central sends the browser back to: this console's connected page. */
export function returnUrl(): string {
  return `${window.location.origin}/connected`;
}

function useSellerKey() {
  const { scope } = useApi();
  return ['sellers', scope.actingTenantId] as const;
}

/** Sellers page by page (cursor), as the table scrolls; the previous result stays while a new filter loads. */
export function useSellers(filters: SellerFilters, pageSize = SELLER_PAGE_SIZE) {
  const { client } = useApi();
  const key = useSellerKey();
  return useInfiniteQuery({
    queryKey: [...key, 'list', filters, pageSize],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<Seller>>('/v1/sellers', { query: { limit: pageSize, cursor: pageParam, ...filters }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useSeller(sellerId: string | null) {
  const { client } = useApi();
  const key = useSellerKey();
  return useQuery({
    queryKey: [...key, 'one', sellerId],
    queryFn: ({ signal }) => client.get<Seller>(`/v1/sellers/${encodeURIComponent(sellerId ?? '')}`, { signal }),
    enabled: sellerId !== null,
  });
}

function useInvalidateSellers() {
  const queryClient = useQueryClient();
  const key = useSellerKey();
  return () => queryClient.invalidateQueries({ queryKey: key });
}

export function useSetSellerStatus(sellerId: string) {
  const { client } = useApi();
  const invalidate = useInvalidateSellers();
  return useMutation({
    mutationFn: (status: 'active' | 'disabled') => client.patch<Seller>(`/v1/sellers/${sellerId}`, { status }),
    onSuccess: invalidate,
  });
}

export function useDeleteSeller(sellerId: string) {
  const { client } = useApi();
  const invalidate = useInvalidateSellers();
  return useMutation({ mutationFn: () => client.delete(`/v1/sellers/${sellerId}`), onSuccess: invalidate });
}

/** Asks for a consent link and leaves for it: the seller's browser comes back to /connected. */
function useConsent<T>(ask: (variables: T) => Promise<Authorization>) {
  const { leaveFor } = useEnvironment();
  return useMutation({ mutationFn: ask, onSuccess: (authorization) => leaveFor(authorization.consentUrl) });
}

export function useReauthorize(sellerId: string) {
  const { client } = useApi();
  return useConsent(() => client.post<Authorization>(`/v1/sellers/${sellerId}/authorizations`, { returnUrl: returnUrl() }));
}

export function useConnectSeller() {
  const { client } = useApi();
  return useConsent((choice: { readonly application: string; readonly marketplaceId: string }) =>
    client.post<Authorization>('/v1/sellers/authorizations', { ...choice, returnUrl: returnUrl() }),
  );
}

import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider';
import {
  useDeadLetters,
  useNotificationsHealth,
  useReplayDeadLetter,
  type DeadLetter,
  type NotificationHealth,
  type Replayed,
  type SellerOrderSync,
} from '../api/notifications';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { VirtualTable } from '../components/VirtualTable';
import { formatDateTime, plural, type Tone } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { useTenantLink } from '../session/tenant';

const HEALTH_WORDS: Record<NotificationHealth, string> = { unknown: 'unknown', healthy: 'healthy', unhealthy: 'unhealthy' };
const HEALTH_TONES: Record<NotificationHealth, Tone> = { unknown: 'neutral', healthy: 'ok', unhealthy: 'bad' };

const REPLAY_WORDS: Record<Replayed['outcome'], string> = {
  applied: 'it took effect',
  duplicate: 'it had taken effect already (same notification id)',
  ignored: 'it asks nothing of spgate',
};

/** Amazon's notifications: whether each seller's can be trusted, and those that kept failing, with Replay. */
export function NotificationsPage() {
  const { scope } = useApi();
  return (
    <>
      <h1 className="page-title">Notifications</h1>
      <RequireTenant>
        <HealthPanel />
      </RequireTenant>
      {/* An administrator acting for no tenant sees the dead letters that name no seller spgate knows. */}
      <DeadLetterPanel operator={scope.tenantId === null} />
    </>
  );
}

export function HealthBadge({ health, testId }: { readonly health: NotificationHealth; readonly testId?: string }) {
  return (
    <span className={`badge badge--small tone--${HEALTH_TONES[health]}`} data-testid={testId} data-status={health}>
      {HEALTH_WORDS[health]}
    </span>
  );
}

const column = createColumnHelper<SellerOrderSync>();

function useHealthColumns() {
  const link = useTenantLink();
  return useMemo(
    () => [
      column.accessor('sellingPartnerId', {
        header: 'Seller',
        cell: (info) => <Link to={link(`/sellers/${info.row.original.sellerId}`)}>{info.getValue()}</Link>,
      }),
      column.accessor('notifications', {
        header: 'Notifications',
        cell: (info) => (
          <>
            <HealthBadge health={info.getValue()} testId={`sync-health-${info.row.original.sellerId}`} />{' '}
            <span className="muted small">since {formatDateTime(info.row.original.since)}</span>
          </>
        ),
      }),
      column.accessor('lastNotificationAt', { header: 'Last notification', cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor('missedChanges', {
        header: 'Missed changes',
        cell: (info) => <span className={info.getValue() > 0 ? 'tone-text--bad' : undefined}>{info.getValue().toLocaleString('en')}</span>,
      }),
      column.accessor('lastPollAt', { header: 'Last poll', cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor('nextPollAt', { header: 'Next poll', cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor('lastError', { header: 'Last error', cell: (info) => <span className="cell--error">{info.getValue() ?? '—'}</span> }),
    ],
    [link],
  );
}

/** Each seller's order notifications: unhealthy when polling found changes they did not announce (the seller is then polled more often). */
function HealthPanel() {
  const health = useNotificationsHealth();
  const columns = useHealthColumns();
  const items = health.data?.items ?? [];
  const unhealthy = items.filter((sync) => sync.notifications === 'unhealthy').length;
  return (
    <section className="panel" aria-labelledby="notification-health-heading">
      <h2 id="notification-health-heading">Order notifications per seller</h2>
      <p className="muted small">
        Unhealthy: polling found order changes that no notification announced. Such a seller is polled more often until its
        notifications arrive again and a poll finds nothing they missed.
      </p>
      {health.isPending ? (
        <Loading>Loading each seller's notifications…</Loading>
      ) : health.isError && items.length === 0 ? (
        <ErrorNotice error={health.error} onRetry={() => health.refetch()} />
      ) : (
        <>
          {health.isError && <ErrorNotice error={health.error} onRetry={() => health.refetch()} />}
          <p role="status" data-testid="health-summary" data-unhealthy={unhealthy}>
            {items.length === 0
              ? 'No seller has an order sync yet.'
              : unhealthy === 0
                ? `The notifications of all ${plural(items.length, 'seller')} can be trusted or are not known yet.`
                : `${plural(unhealthy, 'seller')} of ${items.length.toLocaleString('en')} with unhealthy notifications.`}
          </p>
          {items.length > 0 && (
            <VirtualTable
              label="Notifications per seller"
              rows={items}
              columns={columns}
              rowId={(sync) => sync.sellerId}
              rowTestId={(sync) => `sync-row-${sync.sellerId}`}
              rowHeight={44}
              hasMore={false}
              loadingMore={false}
              loadMore={() => {}}
              testId="health-table"
            />
          )}
        </>
      )}
    </section>
  );
}

/** Notifications that kept failing, newest first, with their error; Replay takes one through the intake again. */
function DeadLetterPanel({ operator }: { readonly operator: boolean }) {
  const [withReplayed, setWithReplayed] = useState(false);
  const letters = useDeadLetters(withReplayed);
  const replay = useReplayDeadLetter();
  const [outcome, setOutcome] = useState<{ readonly letter: DeadLetter; readonly replayed: Replayed } | null>(null);
  const loaded = letters.data?.pages.flatMap((page) => page.items) ?? [];

  function replayLetter(letter: DeadLetter) {
    setOutcome(null);
    replay.mutate(letter.id, { onSuccess: (replayed) => setOutcome({ letter, replayed }) });
  }

  return (
    <section className="panel" aria-labelledby="dead-letters-heading">
      <h2 id="dead-letters-heading">Dead letters</h2>
      <p className="muted small">
        {operator
          ? 'Notifications that name no seller spgate knows, and kept failing.'
          : 'Notifications that kept failing: each with its error. Replay takes one through the intake again, as if just received; it acts once by its notification id.'}
      </p>
      <div className="field field--check">
        <input id="dead-letters-replayed" type="checkbox" checked={withReplayed} onChange={(e) => setWithReplayed(e.target.checked)} />
        <label htmlFor="dead-letters-replayed">Show those replayed already</label>
      </div>
      {outcome && (
        <p className="notice" role="status" data-testid="replay-outcome" data-outcome={outcome.replayed.outcome}>
          Replayed {outcome.letter.type ?? 'the notification'} {outcome.letter.notificationId ?? outcome.letter.id}: {REPLAY_WORDS[outcome.replayed.outcome]}.
        </p>
      )}
      {replay.isError && <ErrorNotice error={replay.error} />}
      {letters.isPending ? (
        <Loading>Loading dead letters…</Loading>
      ) : letters.isError && loaded.length === 0 ? (
        <ErrorNotice error={letters.error} onRetry={() => letters.refetch()} />
      ) : (
        <>
          {letters.isError && <ErrorNotice error={letters.error} onRetry={() => letters.refetch()} />}
          {loaded.length === 0 && !letters.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="dead-letters-empty">{withReplayed ? 'No dead letters.' : 'No dead letter waits for a replay.'}</span>
            </EmptyState>
          ) : (
            <>
              <div className="table-scroller table-scroller--auto" role="region" aria-label="List of dead letters" tabIndex={0}>
                <table className={`data-table data-table--sticky-first${letters.isPlaceholderData ? ' data-table--stale' : ''}`} data-testid="dead-letters-table">
                  <thead>
                    <tr>
                      <th scope="col">Failed</th>
                      <th scope="col">Type</th>
                      <th scope="col">Notification id</th>
                      <th scope="col">Received</th>
                      <th scope="col">Error</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {loaded.map((letter) => (
                      <tr key={letter.id} data-testid={`dead-letter-${letter.id}`}>
                        <th scope="row">{formatDateTime(letter.failedAt)}</th>
                        <td>{letter.type ?? '—'}</td>
                        <td>{letter.notificationId ? <code>{letter.notificationId}</code> : '—'}</td>
                        <td>{plural(letter.receiveCount, 'time')}</td>
                        <td>
                          <span className="cell--error">{letter.error}</span>
                          <details>
                            <summary>Message</summary>
                            <pre className="snippet">{letter.body}</pre>
                          </details>
                        </td>
                        <td>
                          {letter.replayedAt ? (
                            <span className="muted">replayed {formatDateTime(letter.replayedAt)}</span>
                          ) : (
                            <button
                              type="button"
                              onClick={() => replayLetter(letter)}
                              disabled={replay.isPending}
                              aria-label={`Replay ${letter.notificationId ?? letter.id}`}
                            >
                              {replay.isPending && replay.variables === letter.id ? 'Replaying…' : 'Replay'}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {letters.hasNextPage && (
                <button type="button" onClick={() => void letters.fetchNextPage()} disabled={letters.isFetchingNextPage}>
                  {letters.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

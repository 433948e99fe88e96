import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { deadLetter, sync } from '../testing/orders';
import { ADMIN_SESSION, renderConsole } from '../testing/renderConsole';

const DEAD_LETTERS = '/v1/notifications/dead-letters';
const NO_LETTERS = { [`GET ${DEAD_LETTERS}`]: () => jsonResponse(200, { items: [] }) };

describe('notifications page', () => {
  it('shows each seller’s notification health with its badge, last notification and missed changes', async () => {
    const healthy = sync(1);
    const unhealthy = sync(2, { notifications: 'unhealthy', missedChanges: 3, lastNotificationAt: null, lastError: 'searchOrders answered 429' });
    renderConsole({
      path: '/notifications',
      routes: { ...NO_LETTERS, 'GET /v1/notifications/health': () => jsonResponse(200, { items: [healthy, unhealthy] }) },
    });
    expect((await screen.findByTestId(`sync-health-${unhealthy.sellerId}`)).dataset.status).toBe('unhealthy');
    expect(screen.getByTestId(`sync-health-${healthy.sellerId}`).dataset.status).toBe('healthy');
    expect(screen.getByTestId('health-summary').textContent).toBe('1 seller of 2 with unhealthy notifications.');
    const row = within(screen.getByTestId(`sync-row-${unhealthy.sellerId}`));
    expect(row.getByRole('link', { name: unhealthy.sellingPartnerId }).getAttribute('href')).toBe(`/sellers/${unhealthy.sellerId}`);
    const cells = row.getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toContain('never');
    expect(cells).toContain('3');
    expect(cells).toContain('searchOrders answered 429');
    expect(await screen.findByTestId('dead-letters-empty')).toBeTruthy();
  });

  it('replays a dead letter with the CSRF token, says what became of it, and asks for the list again', async () => {
    const letter = deadLetter(1);
    let listed = [letter];
    const console = renderConsole({
      path: '/notifications',
      routes: {
        'GET /v1/notifications/health': () => jsonResponse(200, { items: [] }),
        [`GET ${DEAD_LETTERS}`]: () => jsonResponse(200, { items: listed }),
        [`POST ${DEAD_LETTERS}/${letter.id}/replay`]: () => {
          listed = [];
          return jsonResponse(200, { id: letter.id, outcome: 'applied' });
        },
      },
    });
    const row = within(await screen.findByTestId(`dead-letter-${letter.id}`));
    expect(row.getByText('getOrder answered 500')).toBeTruthy();
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toContain('5 times');
    fireEvent.click(row.getByRole('button', { name: 'Replay notif-1' }));

    const outcome = await screen.findByTestId('replay-outcome');
    expect(outcome.dataset.outcome).toBe('applied');
    expect(outcome.textContent).toBe('Replayed ORDER_CHANGE notif-1: it took effect.');
    const sent = console.gateway.to(`${DEAD_LETTERS}/${letter.id}/replay`, 'POST');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(await screen.findByTestId('dead-letters-empty')).toBeTruthy();
    expect(console.gateway.to(DEAD_LETTERS, 'GET').length).toBe(2);
  });

  it('shows why a replay was refused (409 problem+json) and keeps the letter', async () => {
    const letter = deadLetter(1);
    renderConsole({
      path: '/notifications',
      routes: {
        'GET /v1/notifications/health': () => jsonResponse(200, { items: [] }),
        [`GET ${DEAD_LETTERS}`]: () => jsonResponse(200, { items: [letter] }),
        [`POST ${DEAD_LETTERS}/${letter.id}/replay`]: () =>
          problemResponse(409, 'dead_letter_replay_failed', 'The notification still does not take effect: getOrder answered 500'),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Replay notif-1' }));
    expect((await screen.findByTestId('error-notice')).textContent).toContain('The notification still does not take effect: getOrder answered 500');
    expect(screen.getByTestId(`dead-letter-${letter.id}`)).toBeTruthy();
    expect(screen.queryByTestId('replay-outcome')).toBeNull();
  });

  it('lists the replayed ones too when asked, without a Replay button', async () => {
    const replayed = deadLetter(2, { replayedAt: '2026-12-06T11:00:00Z' });
    const console = renderConsole({
      path: '/notifications',
      routes: {
        'GET /v1/notifications/health': () => jsonResponse(200, { items: [] }),
        [`GET ${DEAD_LETTERS}`]: (_, url) => jsonResponse(200, { items: url.searchParams.get('replayed') === 'true' ? [replayed] : [] }),
      },
    });
    await screen.findByTestId('dead-letters-empty');
    fireEvent.click(screen.getByLabelText('Show those replayed already'));
    const row = within(await screen.findByTestId(`dead-letter-${replayed.id}`));
    expect(row.queryByRole('button', { name: /^Replay/ })).toBeNull();
    expect(row.getByText(/^replayed /)).toBeTruthy();
    expect(console.gateway.to(DEAD_LETTERS).at(-1)?.url.search).toBe('?replayed=true&limit=50');
  });

  it('shows an administrator acting for no tenant the dead letters no tenant owns, without tenantId', async () => {
    const console = renderConsole({
      path: '/notifications',
      session: ADMIN_SESSION,
      routes: { 'GET /v1/tenants': () => jsonResponse(200, { items: [] }), [`GET ${DEAD_LETTERS}`]: () => jsonResponse(200, { items: [deadLetter(3)] }) },
    });
    await screen.findByTestId(`dead-letter-${deadLetter(3).id}`);
    expect(screen.getByTestId('pick-tenant')).toBeTruthy();
    await waitFor(() => expect(console.gateway.to(DEAD_LETTERS)[0]?.url.searchParams.has('tenantId')).toBe(false));
    expect(console.gateway.to('/v1/notifications/health')).toHaveLength(0);
  });
});

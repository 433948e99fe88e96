import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebhookAttempt, WebhookEndpoint } from '../api/webhooks';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { attempt, endpoint } from '../testing/webhooks';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const SECRET = 'whsec_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function gateway(endpoints: () => readonly WebhookEndpoint[], attempts: () => readonly WebhookAttempt[] = () => []) {
  return {
    'GET /v1/webhooks': () => jsonResponse(200, { items: endpoints() }),
    ...Object.fromEntries(endpoints().map((e) => [`GET /v1/webhooks/${e.id}/deliveries`, () => jsonResponse(200, { items: attempts() })])),
  };
}

describe('webhooks page', () => {
  it('adds an endpoint for chosen event types and shows its signing secret once, with Copy', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const added = endpoint(1, { url: 'https://hooks.example.com/in', eventTypes: ['order.created', 'order.shipped'], description: 'OMS' });
    let listed: WebhookEndpoint[] = [];
    const console = renderConsole({
      path: '/webhooks',
      routes: {
        'GET /v1/webhooks': () => jsonResponse(200, { items: listed }),
        [`GET /v1/webhooks/${added.id}/deliveries`]: () => jsonResponse(200, { items: [] }),
        'POST /v1/webhooks': () => {
          listed = [added];
          return jsonResponse(201, { ...added, secret: SECRET });
        },
      },
    });
    expect(await screen.findByTestId('webhooks-empty')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: ' https://hooks.example.com/in ' } });
    fireEvent.change(screen.getByLabelText('Description (optional)'), { target: { value: 'OMS' } });
    fireEvent.click(screen.getByLabelText('All event types, also those added later'));
    fireEvent.click(screen.getByLabelText(/^order\.shipped/));
    fireEvent.click(screen.getByLabelText(/^order\.created/));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));

    const dialog = within(await screen.findByRole('dialog', { name: 'Webhook endpoint added' }));
    expect((dialog.getByLabelText('Signing secret') as HTMLInputElement).value).toBe(SECRET);
    expect(dialog.getByRole('note').textContent).toContain('you will not see it again');
    const sent = console.gateway.to('/v1/webhooks', 'POST');
    expect(sent[0]?.body).toEqual({ url: 'https://hooks.example.com/in', eventTypes: ['order.created', 'order.shipped'], description: 'OMS' });
    expect(sent[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');

    fireEvent.click(dialog.getByRole('button', { name: 'Copy' }));
    expect(await dialog.findByText('Copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    fireEvent.click(dialog.getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Gone for good: the list shows the endpoint, never its secret.
    const panel = await screen.findByTestId(`webhook-${added.id}`);
    expect(panel.textContent).toContain('order.created, order.shipped');
    expect(document.body.textContent).not.toContain(SECRET);
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
  });

  it('checks the form first, and shows the gateway’s refusal of a URL', async () => {
    const console = renderConsole({
      path: '/webhooks',
      routes: {
        ...gateway(() => []),
        'POST /v1/webhooks': () => problemResponse(400, 'webhook_url_refused', 'hooks.internal resolves to a private address (10.0.0.7).'),
      },
    });
    await screen.findByTestId('webhooks-empty');
    fireEvent.click(screen.getByLabelText('All event types, also those added later'));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect((await screen.findByTestId('new-webhook-url-error')).textContent).toBe('Enter the URL that receives the events.');
    expect(screen.getByTestId('new-webhook-types-error').textContent).toBe('Choose at least one event type, or all of them.');
    expect(console.gateway.to('/v1/webhooks', 'POST')).toHaveLength(0);

    fireEvent.click(screen.getByLabelText('All event types, also those added later'));
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'https://hooks.internal/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect((await screen.findByTestId('error-notice')).textContent).toBe('hooks.internal resolves to a private address (10.0.0.7).');
    expect(console.gateway.to('/v1/webhooks', 'POST')[0]?.body).toEqual({ url: 'https://hooks.internal/x', eventTypes: ['*'] });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sends a test event and shows its delivery once the endpoint was tried', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const hook = endpoint(1);
    let attempts: WebhookAttempt[] = [attempt(1, { eventType: 'order.created', statusCode: 500, deliveryStatus: 'pending', nextAttemptAt: '2026-12-06T10:02:00Z' })];
    const console = renderConsole({
      path: '/webhooks',
      routes: {
        ...gateway(() => [hook], () => attempts),
        [`POST /v1/webhooks/${hook.id}/test`]: () => jsonResponse(202, { eventId: '777' }),
      },
    });
    const first = within(await screen.findByTestId('delivery-1'));
    expect(first.getByText('HTTP 500')).toBeTruthy();
    expect(first.getByText('retrying')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send test event' }));
    expect((await screen.findByTestId(`webhook-test-sent-${hook.id}`)).textContent).toContain('Test event 777 sent');
    expect(console.gateway.to(`/v1/webhooks/${hook.id}/test`, 'POST')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');

    // The gateway delivers it in its own time; the page asks every few seconds.
    attempts = [attempt(2, { eventId: '777', eventType: 'test', statusCode: 200, durationMs: 12 }), ...attempts];
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    const row = await screen.findByTestId('delivery-2');
    expect(row.dataset.eventId).toBe('777');
    expect(row.dataset.statusCode).toBe('200');
    expect(within(row).getByText('delivered')).toBeTruthy();
    expect(within(row).getByText('12 ms')).toBeTruthy();
  });

  it('disables, enables and deletes an endpoint (after a confirmation)', async () => {
    let hook = endpoint(1, { description: 'OMS' });
    let listed = [hook];
    const console = renderConsole({
      path: '/webhooks',
      routes: {
        'GET /v1/webhooks': () => jsonResponse(200, { items: listed }),
        [`GET /v1/webhooks/${hook.id}/deliveries`]: () => jsonResponse(200, { items: [] }),
        [`PATCH /v1/webhooks/${hook.id}`]: (init) => {
          hook = { ...hook, enabled: (JSON.parse(String(init?.body)) as { enabled: boolean }).enabled };
          listed = [hook];
          return jsonResponse(200, hook);
        },
        [`DELETE /v1/webhooks/${hook.id}`]: () => {
          listed = [];
          return new Response(null, { status: 204 });
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(screen.getByTestId(`webhook-state-${hook.id}`).dataset.enabled).toBe('false'));
    expect(console.gateway.to(`/v1/webhooks/${hook.id}`, 'PATCH')[0]?.body).toEqual({ enabled: false });
    expect((screen.getByRole('button', { name: 'Send test event' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await waitFor(() => expect(screen.getByTestId(`webhook-state-${hook.id}`).dataset.enabled).toBe('true'));

    fireEvent.click(screen.getByRole('button', { name: 'Delete OMS' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Delete this webhook endpoint?' }));
    expect(console.gateway.to(`/v1/webhooks/${hook.id}`, 'DELETE')).toHaveLength(0);
    fireEvent.click(dialog.getByRole('button', { name: 'Delete endpoint' }));
    expect(await screen.findByTestId('webhooks-empty')).toBeTruthy();
    expect(console.gateway.to(`/v1/webhooks/${hook.id}`, 'DELETE')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });

  it('edits an endpoint’s URL and event types', async () => {
    const hook = endpoint(1, { eventTypes: ['order.created'] });
    const console = renderConsole({
      path: '/webhooks',
      routes: { ...gateway(() => [hook]), [`PATCH /v1/webhooks/${hook.id}`]: () => jsonResponse(200, hook) },
    });
    fireEvent.click(await screen.findByRole('button', { name: `Edit ${hook.url}` }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Edit webhook endpoint' }));
    expect((dialog.getByLabelText(/^order\.created/) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(dialog.getByLabelText('URL'), { target: { value: 'https://hooks.example.com/v2' } });
    fireEvent.click(dialog.getByLabelText(/^report\.ready/));
    fireEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(console.gateway.to(`/v1/webhooks/${hook.id}`, 'PATCH')[0]?.body).toEqual({
      url: 'https://hooks.example.com/v2',
      eventTypes: ['order.created', 'report.ready'],
      description: null,
    });
  });
});

import type { WebhookAttempt, WebhookEndpoint } from '../api/webhooks';

/** An endpoint as the gateway lists it; `n` makes ids distinct. */
export function endpoint(n: number, overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: `70000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    url: `https://hooks.example.com/spgate/${n}`,
    description: null,
    eventTypes: ['*'],
    enabled: true,
    disabledReason: null,
    createdAt: '2026-12-06T10:00:00Z',
    updatedAt: '2026-12-06T10:00:00Z',
    ...overrides,
  };
}

export function attempt(n: number, overrides: Partial<WebhookAttempt> = {}): WebhookAttempt {
  return {
    id: String(n),
    eventId: String(100 + n),
    eventType: 'test',
    attempt: 1,
    attemptedAt: '2026-12-06T10:01:00Z',
    statusCode: 200,
    durationMs: 42,
    deliveryStatus: 'delivered',
    ...overrides,
  };
}

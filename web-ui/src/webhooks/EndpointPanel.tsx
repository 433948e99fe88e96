import { useState, type FormEvent } from 'react';
import {
  ALL_TYPES,
  isDelivered,
  useDeleteWebhook,
  useSendTestEvent,
  useUpdateWebhook,
  useWebhookAttempts,
  type WebhookAttempt,
  type WebhookEndpoint,
} from '../api/webhooks';
import { ConfirmMutation } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime } from '../format';
import { endpointTexts, EndpointFields, readEndpoint, type EndpointErrors, type EndpointTexts } from './EndpointFields';
import { DELIVERY_STATUS_TONES, DELIVERY_STATUS_WORDS } from './words';

/** One endpoint: where it is and what it gets, enabled or not (and why), its actions, and its recent delivery attempts. */
export function EndpointPanel({ endpoint }: { readonly endpoint: WebhookEndpoint }) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateWebhook(endpoint.id);
  const remove = useDeleteWebhook(endpoint.id);
  const test = useSendTestEvent(endpoint.id);
  const name = endpoint.description ?? endpoint.url;
  const headingId = `webhook-${endpoint.id}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid={`webhook-${endpoint.id}`}>
      <div className="panel__head">
        <h2 id={headingId} className="code--wrap">
          {endpoint.url}
        </h2>
        <span
          className={`badge badge--small tone--${endpoint.enabled ? (endpoint.failingSince ? 'warn' : 'ok') : 'neutral'}`}
          data-testid={`webhook-state-${endpoint.id}`}
          data-enabled={endpoint.enabled}
        >
          {endpoint.enabled ? (endpoint.failingSince ? 'failing' : 'enabled') : 'disabled'}
        </span>
      </div>
      <dl className="details">
        {endpoint.description && (
          <>
            <dt>Description</dt>
            <dd>{endpoint.description}</dd>
          </>
        )}
        <dt>Event types</dt>
        <dd>
          {endpoint.eventTypes.includes(ALL_TYPES) ? 'all' : endpoint.eventTypes.map((type, i) => <span key={type}>{i > 0 && ', '}<code>{type}</code></span>)}
        </dd>
        {endpoint.failingSince && (
          <>
            <dt>Failing since</dt>
            <dd className="tone-text--bad">{formatDateTime(endpoint.failingSince)}</dd>
          </>
        )}
        {!endpoint.enabled && endpoint.disabledReason && (
          <>
            <dt>Disabled because</dt>
            <dd>{endpoint.disabledReason}</dd>
          </>
        )}
        <dt>Added</dt>
        <dd>{formatDateTime(endpoint.createdAt)}</dd>
      </dl>
      <div className="actions__buttons">
        <button type="button" className="button--primary" onClick={() => test.mutate()} disabled={!endpoint.enabled || test.isPending}>
          {test.isPending ? 'Sending…' : 'Send test event'}
        </button>
        <button type="button" onClick={() => update.mutate({ enabled: !endpoint.enabled })} disabled={update.isPending}>
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${name}`}>
          Edit…
        </button>
        <button type="button" className="button--danger" onClick={() => setDeleting(true)} aria-label={`Delete ${name}`}>
          Delete…
        </button>
      </div>
      {test.isSuccess && (
        <p className="muted" role="status" data-testid={`webhook-test-sent-${endpoint.id}`}>
          Test event {test.data.eventId} sent; its delivery shows below in a moment.
        </p>
      )}
      {test.isError && <ErrorNotice error={test.error} />}
      {update.isError && !editing && <ErrorNotice error={update.error} />}
      <Attempts endpoint={endpoint} />
      {editing && (
        <EditEndpointDialog
          endpoint={endpoint}
          onClose={() => {
            update.reset();
            setEditing(false);
          }}
          update={update}
        />
      )}
      {deleting && (
        <ConfirmMutation
          title="Delete this webhook endpoint?"
          message={
            <p>
              <code className="code--wrap">{endpoint.url}</code> gets no more events, and its delivery history goes with it. Events stay in{' '}
              <code>GET /v1/events</code>.
            </p>
          }
          confirmLabel="Delete endpoint"
          mutation={remove}
          variables={undefined}
          onClose={() => setDeleting(false)}
        />
      )}
    </section>
  );
}

function EditEndpointDialog({ endpoint, onClose, update }: { readonly endpoint: WebhookEndpoint; readonly onClose: () => void; readonly update: ReturnType<typeof useUpdateWebhook> }) {
  const [texts, setTexts] = useState<EndpointTexts>(() => endpointTexts(endpoint));
  const [errors, setErrors] = useState<EndpointErrors>({});
  function save(event: FormEvent) {
    event.preventDefault();
    const read = readEndpoint(texts);
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    update.mutate({ url: read.endpoint.url, eventTypes: read.endpoint.eventTypes, description: read.endpoint.description ?? null }, { onSuccess: onClose });
  }
  return (
    <Dialog title="Edit webhook endpoint" onClose={onClose} testId="webhook-edit">
      <form className="form" onSubmit={save} noValidate aria-label="Edit webhook endpoint">
        <EndpointFields idPrefix={`edit-webhook-${endpoint.id}`} texts={texts} errors={errors} onChange={setTexts} />
        {update.isError && <ErrorNotice error={update.error} />}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What an attempt got: the receiver's status, or why there was none. */
function attemptResult(attempt: WebhookAttempt): string {
  if (attempt.statusCode !== undefined) return `HTTP ${attempt.statusCode}`;
  return attempt.error ?? 'no answer';
}

/** The endpoint's recent delivery attempts, newest first, followed every few seconds while it is enabled. */
function Attempts({ endpoint }: { readonly endpoint: WebhookEndpoint }) {
  const attempts = useWebhookAttempts(endpoint.id, endpoint.enabled);
  const loaded = attempts.data?.pages.flatMap((page) => page.items) ?? [];
  const headingId = `webhook-${endpoint.id}-deliveries`;
  return (
    <div aria-labelledby={headingId} role="group">
      <h3 id={headingId}>Recent deliveries</h3>
      {attempts.isPending ? (
        <Loading>Loading deliveries…</Loading>
      ) : attempts.isError && loaded.length === 0 ? (
        <ErrorNotice error={attempts.error} onRetry={() => attempts.refetch()} />
      ) : loaded.length === 0 ? (
        <p className="muted" data-testid={`deliveries-empty-${endpoint.id}`}>
          Nothing sent yet. Send a test event to try the endpoint.
        </p>
      ) : (
        <>
          {attempts.isError && <ErrorNotice error={attempts.error} onRetry={() => attempts.refetch()} />}
          <div className="table-scroller table-scroller--auto" role="region" aria-label={`Deliveries to ${endpoint.url}`} tabIndex={0}>
            <table className="data-table data-table--sticky-first" data-testid={`deliveries-${endpoint.id}`}>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Result</th>
                  <th scope="col">Took</th>
                  <th scope="col">Delivery</th>
                </tr>
              </thead>
              <tbody>
                {loaded.map((attempt) => (
                  <tr
                    key={attempt.id}
                    data-testid={`delivery-${attempt.id}`}
                    data-event-id={attempt.eventId}
                    data-event-type={attempt.eventType}
                    data-status-code={attempt.statusCode}
                  >
                    <th scope="row">
                      <code>{attempt.eventType}</code> <span className="muted small">#{attempt.eventId}</span>
                    </th>
                    <td>{attempt.attempt}</td>
                    <td>{formatDateTime(attempt.attemptedAt)}</td>
                    <td>
                      <span className={isDelivered(attempt) ? 'tone-text--ok' : 'tone-text--bad'}>{attemptResult(attempt)}</span>
                      {attempt.responseSnippet && <div className="muted small code--wrap">{attempt.responseSnippet}</div>}
                    </td>
                    <td>{attempt.durationMs.toLocaleString('en')} ms</td>
                    <td>
                      <span className={`badge badge--small tone--${DELIVERY_STATUS_TONES[attempt.deliveryStatus]}`}>
                        {DELIVERY_STATUS_WORDS[attempt.deliveryStatus]}
                      </span>
                      {attempt.nextAttemptAt && <span className="muted small"> next {formatDateTime(attempt.nextAttemptAt)}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {attempts.hasNextPage && (
            <button type="button" onClick={() => void attempts.fetchNextPage()} disabled={attempts.isFetchingNextPage}>
              {attempts.isFetchingNextPage ? 'Loading…' : 'Older deliveries'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

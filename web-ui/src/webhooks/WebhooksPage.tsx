import { useState, type FormEvent } from 'react';
import { useCreateWebhook, useWebhooks, type CreatedEndpoint } from '../api/webhooks';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { SecretDialog } from '../components/SecretDialog';
import { RequireTenant } from '../frame/RequireTenant';
import { EMPTY_ENDPOINT, EndpointFields, readEndpoint, type EndpointErrors, type EndpointTexts } from './EndpointFields';
import { EndpointPanel } from './EndpointPanel';

export function WebhooksPage() {
  return (
    <>
      <h1 className="page-title">Webhooks</h1>
      <RequireTenant>
        <Webhooks />
      </RequireTenant>
    </>
  );
}

/** The tenant's webhook endpoints, each with its recent deliveries; a new one's signing secret is shown once. */
function Webhooks() {
  const endpoints = useWebhooks();
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  return (
    <>
      <section className="panel">
        <CreateWebhookForm onCreated={setCreated} />
      </section>
      {endpoints.isPending ? (
        <Loading>Loading webhook endpoints…</Loading>
      ) : endpoints.isError ? (
        <ErrorNotice error={endpoints.error} onRetry={() => endpoints.refetch()} />
      ) : endpoints.data.items.length === 0 ? (
        <section className="panel" aria-label="Webhook endpoints">
          <EmptyState>
            <span data-testid="webhooks-empty">No webhook endpoints yet: add one above and spgate sends it the tenant's events.</span>
          </EmptyState>
        </section>
      ) : (
        endpoints.data.items.map((endpoint) => <EndpointPanel key={endpoint.id} endpoint={endpoint} />)
      )}
      {created && (
        <SecretDialog
          title="Webhook endpoint added"
          label="Signing secret"
          noun="secret"
          secret={created.secret}
          warning={
            <>
              Copy this signing secret now: <strong>you will not see it again.</strong> The receiver checks each delivery's{' '}
              <code>Spgate-Signature</code> with it (HMAC-SHA256 of the time and the body).
            </>
          }
          onClose={() => setCreated(null)}
          testId="webhook-secret"
          valueTestId="webhook-secret-value"
          inputId="webhook-secret-value"
        >
          <p className="muted small">
            For <code className="code--wrap">{created.url}</code>
          </p>
        </SecretDialog>
      )}
    </>
  );
}

function CreateWebhookForm({ onCreated }: { readonly onCreated: (created: CreatedEndpoint) => void }) {
  const create = useCreateWebhook();
  const [texts, setTexts] = useState<EndpointTexts>(EMPTY_ENDPOINT);
  const [errors, setErrors] = useState<EndpointErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const read = readEndpoint(texts);
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    create.mutate(read.endpoint, {
      onSuccess: (created) => {
        setTexts(EMPTY_ENDPOINT);
        onCreated(created);
      },
    });
  }

  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-labelledby="create-webhook-heading">
      <h2 id="create-webhook-heading">Add an endpoint</h2>
      <p className="muted small field--wide">
        spgate sends each event to it at least once (compare the event id to drop a repeat), signed, and retries a failed delivery for up
        to 3 days.
      </p>
      <EndpointFields idPrefix="new-webhook" texts={texts} errors={errors} onChange={setTexts} />
      <button type="submit" className="button--primary" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add endpoint'}
      </button>
      {create.isError && (
        <div className="field--wide">
          <ErrorNotice error={create.error} />
        </div>
      )}
    </form>
  );
}

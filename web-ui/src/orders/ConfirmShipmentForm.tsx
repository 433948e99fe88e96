import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { newIdempotencyKey } from '../api/idempotency';
import { CARRIER_CODES, leftToShip, OTHER_CARRIER, useConfirmShipment, type Order, type Shipment, type ShipmentRequest } from '../api/orders';
import { ErrorNotice } from '../components/QueryState';
import { EMPTY_SHIPMENT, quantityText, readShipment, type ShipmentErrors, type ShipmentTexts } from './shipment';

export interface ConfirmShipmentFormProps {
  readonly order: Order;
  readonly onConfirmed: (shipment: Shipment) => void;
}

const NO_ERRORS: ShipmentErrors = { fields: {}, quantities: {} };

/**
 * Confirms a shipment of a merchant-fulfilled order: carrier (one Amazon lists, or Other and its name),
 * tracking number, ship date, and the units of each item (what is left by default). Each submission has
 * its Idempotency-Key, kept while the same shipment is sent again (a retry after a lost answer or a busy
 * gateway), so Amazon is told once; a changed form is another shipment with a new key.
 */
export function ConfirmShipmentForm({ order, onConfirmed }: ConfirmShipmentFormProps) {
  const [texts, setTexts] = useState<ShipmentTexts>(EMPTY_SHIPMENT);
  const [errors, setErrors] = useState<ShipmentErrors>(NO_ERRORS);
  const submission = useRef<{ readonly body: string; readonly key: string } | null>(null);
  const confirm = useConfirmShipment(order.id);

  function send(request: ShipmentRequest) {
    const body = JSON.stringify(request);
    let kept = submission.current;
    if (kept === null || kept.body !== body) {
      kept = { body, key: newIdempotencyKey() };
      submission.current = kept;
    }
    confirm.mutate(
      { request, idempotencyKey: kept.key },
      {
        onSuccess: (shipment) => {
          submission.current = null;
          setTexts(EMPTY_SHIPMENT);
          onConfirmed(shipment);
        },
      },
    );
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const read = readShipment(texts, order, new Date());
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors(NO_ERRORS);
    send(read.request);
  }

  const set = (field: Exclude<keyof ShipmentTexts, 'quantities'>) => (value: string) => setTexts((t) => ({ ...t, [field]: value }));
  const other = texts.carrierCode === OTHER_CARRIER;

  return (
    <form className="form form--inline" onSubmit={submit} noValidate aria-labelledby="confirm-shipment-heading" data-testid="confirm-shipment">
      <h2 id="confirm-shipment-heading">Confirm a shipment</h2>
      <Field id="shipment-carrier" label="Carrier" error={errors.fields.carrierCode}>
        {(describedBy) => (
          <select
            id="shipment-carrier"
            value={texts.carrierCode}
            onChange={(e) => set('carrierCode')(e.target.value)}
            aria-invalid={errors.fields.carrierCode !== undefined}
            aria-describedby={describedBy}
          >
            <option value="">choose…</option>
            {CARRIER_CODES.map((code) => (
              <option key={code} value={code}>
                {code === OTHER_CARRIER ? 'Other (name it)' : code}
              </option>
            ))}
          </select>
        )}
      </Field>
      {other && (
        <Field id="shipment-carrier-name" label="Carrier name" error={errors.fields.carrierName} help="Amazon does not list this carrier; its name goes with the tracking.">
          {(describedBy) => (
            <input
              id="shipment-carrier-name"
              value={texts.carrierName}
              onChange={(e) => set('carrierName')(e.target.value)}
              aria-invalid={errors.fields.carrierName !== undefined}
              aria-describedby={describedBy}
              autoComplete="off"
            />
          )}
        </Field>
      )}
      <Field id="shipment-tracking" label="Tracking number" error={errors.fields.trackingNumber}>
        {(describedBy) => (
          <input
            id="shipment-tracking"
            value={texts.trackingNumber}
            onChange={(e) => set('trackingNumber')(e.target.value)}
            aria-invalid={errors.fields.trackingNumber !== undefined}
            aria-describedby={describedBy}
            autoComplete="off"
            spellCheck={false}
          />
        )}
      </Field>
      <Field id="shipment-method" label="Shipping method (optional)" error={errors.fields.shippingMethod}>
        {(describedBy) => (
          <input
            id="shipment-method"
            value={texts.shippingMethod}
            onChange={(e) => set('shippingMethod')(e.target.value)}
            aria-invalid={errors.fields.shippingMethod !== undefined}
            aria-describedby={describedBy}
            autoComplete="off"
          />
        )}
      </Field>
      <Field id="shipment-date" label="Ship date" error={errors.fields.shipDate} help="Empty: now.">
        {(describedBy) => (
          <input
            id="shipment-date"
            type="datetime-local"
            value={texts.shipDate}
            onChange={(e) => set('shipDate')(e.target.value)}
            aria-invalid={errors.fields.shipDate !== undefined}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <fieldset className="field field--wide" aria-describedby={errors.fields.items !== undefined ? 'shipment-items-error' : undefined}>
        <legend>Units to ship</legend>
        <div className="filters">
        {order.items.map((item) => {
          const id = `shipment-qty-${item.orderItemId}`;
          const left = leftToShip(item);
          const error = errors.quantities[item.orderItemId];
          return (
            <div className="field" key={item.orderItemId}>
              <label htmlFor={id}>
                {item.sku ?? item.orderItemId} ({left} of {item.quantity} left)
              </label>
              <input
                id={id}
                inputMode="numeric"
                size={6}
                value={quantityText(texts, item)}
                disabled={left === 0}
                onChange={(e) => setTexts((t) => ({ ...t, quantities: { ...t.quantities, [item.orderItemId]: e.target.value } }))}
                aria-invalid={error !== undefined}
                aria-describedby={error !== undefined ? `${id}-error` : undefined}
                autoComplete="off"
              />
              {error !== undefined && (
                <span id={`${id}-error`} className="field__error" data-testid={`${id}-error`}>
                  {error}
                </span>
              )}
            </div>
          );
        })}
        </div>
        {errors.fields.items !== undefined && (
          <span id="shipment-items-error" className="field__error" data-testid="shipment-items-error">
            {errors.fields.items}
          </span>
        )}
      </fieldset>
      <button type="submit" className="button--primary" disabled={confirm.isPending}>
        {confirm.isPending ? 'Confirming…' : 'Confirm shipment'}
      </button>
      {confirm.isError && (
        <div className="field--wide">
          <ErrorNotice error={confirm.error} onRetry={() => submit()} />
        </div>
      )}
    </form>
  );
}

interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly error: string | undefined;
  readonly help?: string;
  /** The control, given the ids that describe it. */
  readonly children: (describedBy: string | undefined) => ReactNode;
}

function Field({ id, label, error, help, children }: FieldProps) {
  const describedBy = [error !== undefined ? `${id}-error` : null, help !== undefined ? `${id}-help` : null].filter((x) => x !== null).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      {help !== undefined && (
        <span id={`${id}-help`} className="muted small">
          {help}
        </span>
      )}
      {error !== undefined && (
        <span id={`${id}-error`} className="field__error" data-testid={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { usePutMapping, type Mapping } from '../api/channels';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/QueryState';
import { GUARDRAIL_FIELDS, decimalsOf, guardrailTexts, readGuardrails, type GuardrailErrors, type GuardrailField, type GuardrailTexts } from './guardrails';

export interface EditGuardrailsDialogProps {
  readonly mapping: Mapping;
  readonly currency: string;
  readonly onClose: () => void;
}

const LABELS: Record<GuardrailField, (currency: string) => string> = {
  minPrice: (currency) => `Lowest price (${currency})`,
  maxPrice: (currency) => `Highest price (${currency})`,
  maxChangePercent: () => 'Largest change from the last price (%)',
  stockBuffer: () => 'Stock buffer (units kept back)',
  maxQuantity: () => 'Most units listed',
};

const HELP: Record<GuardrailField, string> = {
  minPrice: 'Lower prices are refused. Empty: no lower bound.',
  maxPrice: 'Higher prices are refused. Empty: no upper bound.',
  maxChangePercent: 'A price further from the last one is refused. Empty: any change.',
  stockBuffer: 'Subtracted from the quantity sent before listing it.',
  maxQuantity: 'The listed quantity never exceeds it. Empty: no cap.',
};

/** One mapping's guardrails, checked as the gateway checks them, then PUT (the mapping's other fields kept). */
export function EditGuardrailsDialog({ mapping, currency, onClose }: EditGuardrailsDialogProps) {
  const [texts, setTexts] = useState<GuardrailTexts>(() => guardrailTexts(mapping.guardrails));
  const [errors, setErrors] = useState<GuardrailErrors>({});
  const put = usePutMapping(mapping.channelId);

  function save(event: FormEvent) {
    event.preventDefault();
    const read = readGuardrails(texts, currency);
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    put.mutate(
      {
        sku: mapping.sku,
        change: {
          asin: mapping.asin,
          fulfillment: mapping.fulfillment,
          conflictStrategy: mapping.conflictStrategy,
          productType: mapping.productType,
          guardrails: read.guardrails,
        },
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog title={`Guardrails of ${mapping.sku}`} onClose={onClose} testId="guardrails-dialog">
      <form className="form" onSubmit={save} noValidate aria-label={`Guardrails of ${mapping.sku}`}>
        <p className="muted small">
          {mapping.fulfillment} · ASIN <code>{mapping.asin}</code>
          {decimalsOf(currency) === 0 && ` · ${currency} prices have no decimals`}
          {mapping.fulfillment === 'FBA' && ' · Amazon owns the quantity of an FBA SKU: only prices are sent'}
        </p>
        {GUARDRAIL_FIELDS.map((field) => {
          const id = `guardrail-${field}`;
          const error = errors[field];
          return (
            <div className="field field--full" key={field}>
              <label htmlFor={id}>{LABELS[field](currency)}</label>
              <input
                id={id}
                inputMode={field === 'minPrice' || field === 'maxPrice' || field === 'maxChangePercent' ? 'decimal' : 'numeric'}
                value={texts[field]}
                onChange={(e) => setTexts({ ...texts, [field]: e.target.value })}
                aria-invalid={error !== undefined}
                aria-describedby={error !== undefined ? `${id}-error ${id}-help` : `${id}-help`}
                autoComplete="off"
              />
              <span id={`${id}-help`} className="muted small">
                {HELP[field]}
              </span>
              {error !== undefined && (
                <span id={`${id}-error`} className="field__error" data-testid={`${id}-error`}>
                  {error}
                </span>
              )}
            </div>
          );
        })}
        {put.isError && <ErrorNotice error={put.error} />}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={put.isPending}>
            {put.isPending ? 'Saving…' : 'Save guardrails'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

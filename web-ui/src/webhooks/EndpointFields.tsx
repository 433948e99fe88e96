import type { EventType } from '../api/events';
import { ALL_TYPES, SUBSCRIBABLE_TYPES, type NewEndpoint, type WebhookEndpoint } from '../api/webhooks';
import { EVENT_TYPE_WORDS } from './words';

/** An endpoint as typed in its form (create, or edit). */
export interface EndpointTexts {
  readonly url: string;
  readonly description: string;
  /** Every type ("*"), or the types chosen. */
  readonly all: boolean;
  readonly types: readonly EventType[];
}

export interface EndpointErrors {
  readonly url?: string;
  readonly types?: string;
}

export const EMPTY_ENDPOINT: EndpointTexts = { url: '', description: '', all: true, types: [] };

export function endpointTexts(endpoint: WebhookEndpoint): EndpointTexts {
  const all = endpoint.eventTypes.includes(ALL_TYPES);
  return {
    url: endpoint.url,
    description: endpoint.description ?? '',
    all,
    types: all ? [] : SUBSCRIBABLE_TYPES.filter((type) => endpoint.eventTypes.includes(type)),
  };
}

/** The endpoint the texts say, or what is wrong; the gateway checks the rest (its host resolves, to no private address). */
export function readEndpoint(texts: EndpointTexts): { readonly endpoint: NewEndpoint } | { readonly errors: EndpointErrors } {
  const url = texts.url.trim();
  const errors: { url?: string; types?: string } = {};
  if (url === '') errors.url = 'Enter the URL that receives the events.';
  else if (!/^https?:\/\/[^/\s]+/i.test(url)) errors.url = 'An https:// URL (http:// only where the operator allows it).';
  if (!texts.all && texts.types.length === 0) errors.types = 'Choose at least one event type, or all of them.';
  if (errors.url !== undefined || errors.types !== undefined) return { errors };
  const description = texts.description.trim();
  return { endpoint: { url, eventTypes: texts.all ? [ALL_TYPES] : [...texts.types], ...(description !== '' && { description }) } };
}

export interface EndpointFieldsProps {
  /** Makes the fields' ids unique on the page. */
  readonly idPrefix: string;
  readonly texts: EndpointTexts;
  readonly errors: EndpointErrors;
  readonly onChange: (texts: EndpointTexts) => void;
}

/** URL, description and event types of an endpoint. */
export function EndpointFields({ idPrefix, texts, errors, onChange }: EndpointFieldsProps) {
  const toggle = (type: EventType, on: boolean) =>
    onChange({ ...texts, types: on ? SUBSCRIBABLE_TYPES.filter((t) => t === type || texts.types.includes(t)) : texts.types.filter((t) => t !== type) });
  return (
    <>
      <div className="field field--wide">
        <label htmlFor={`${idPrefix}-url`}>URL</label>
        <input
          id={`${idPrefix}-url`}
          type="url"
          value={texts.url}
          onChange={(e) => onChange({ ...texts, url: e.target.value })}
          placeholder="https://example.com/spgate-events"
          aria-invalid={errors.url !== undefined}
          aria-describedby={errors.url !== undefined ? `${idPrefix}-url-error` : undefined}
          autoComplete="off"
          spellCheck={false}
          maxLength={2048}
        />
        {errors.url !== undefined && (
          <span id={`${idPrefix}-url-error`} className="field__error" data-testid={`${idPrefix}-url-error`}>
            {errors.url}
          </span>
        )}
      </div>
      <div className="field field--wide">
        <label htmlFor={`${idPrefix}-description`}>Description (optional)</label>
        <input
          id={`${idPrefix}-description`}
          value={texts.description}
          onChange={(e) => onChange({ ...texts, description: e.target.value })}
          maxLength={500}
          autoComplete="off"
        />
      </div>
      <fieldset className="field field--wide" aria-describedby={errors.types !== undefined ? `${idPrefix}-types-error` : undefined}>
        <legend>Event types</legend>
        <div className="field field--check">
          <input id={`${idPrefix}-all`} type="checkbox" checked={texts.all} onChange={(e) => onChange({ ...texts, all: e.target.checked })} />
          <label htmlFor={`${idPrefix}-all`}>All event types, also those added later</label>
        </div>
        {!texts.all &&
          SUBSCRIBABLE_TYPES.map((type) => (
            <div className="field field--check" key={type}>
              <input
                id={`${idPrefix}-type-${type}`}
                type="checkbox"
                checked={texts.types.includes(type)}
                onChange={(e) => toggle(type, e.target.checked)}
              />
              <label htmlFor={`${idPrefix}-type-${type}`}>
                <code>{type}</code>: {EVENT_TYPE_WORDS[type]}
              </label>
            </div>
          ))}
        {errors.types !== undefined && (
          <span id={`${idPrefix}-types-error`} className="field__error" data-testid={`${idPrefix}-types-error`}>
            {errors.types}
          </span>
        )}
      </fieldset>
    </>
  );
}

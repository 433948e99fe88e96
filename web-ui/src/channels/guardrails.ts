/**
 * A mapping's guardrails as typed in the edit form, checked as the gateway checks them (prices > 0 with
 * at most 2 decimals, none for JPY; minPrice ≤ maxPrice; maxChangePercent in (0, 1000]; stockBuffer and
 * maxQuantity whole numbers ≥ 0), so a mistake is said next to its field before anything is sent.
 */
import type { Guardrails } from '../api/channels';

export const GUARDRAIL_FIELDS = ['minPrice', 'maxPrice', 'maxChangePercent', 'stockBuffer', 'maxQuantity'] as const;
export type GuardrailField = (typeof GUARDRAIL_FIELDS)[number];
export type GuardrailTexts = Record<GuardrailField, string>;
export type GuardrailErrors = Partial<Record<GuardrailField, string>>;

/** Currencies whose prices have no decimals at Amazon. */
const NO_DECIMALS = new Set(['JPY']);

export function decimalsOf(currency: string): number {
  return NO_DECIMALS.has(currency) ? 0 : 2;
}

export function guardrailTexts(guardrails: Guardrails): GuardrailTexts {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    minPrice: text(guardrails.minPrice),
    maxPrice: text(guardrails.maxPrice),
    maxChangePercent: text(guardrails.maxChangePercent),
    stockBuffer: String(guardrails.stockBuffer),
    maxQuantity: text(guardrails.maxQuantity),
  };
}

type Read<T> = { readonly value: T } | { readonly error: string };

function readPrice(text: string, currency: string): Read<number | null> {
  const t = text.trim();
  if (t === '') return { value: null };
  const decimals = decimalsOf(currency);
  const shape = decimals === 0 ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  if (!shape.test(t)) {
    return { error: decimals === 0 ? `A whole amount of ${currency}, without decimals.` : `An amount in ${currency} with at most 2 decimals, e.g. 19.99.` };
  }
  const value = Number(t);
  return value > 0 ? { value } : { error: 'More than 0.' };
}

function readWhole(text: string, empty: number | null): Read<number | null> {
  const t = text.trim();
  if (t === '') return { value: empty };
  return /^\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? { value: Number(t) } : { error: 'A whole number, 0 or more.' };
}

function readPercent(text: string): Read<number | null> {
  const t = text.trim();
  if (t === '') return { value: null };
  const value = Number(t);
  return /^\d+(\.\d+)?$/.test(t) && value > 0 && value <= 1000 ? { value } : { error: 'A percentage above 0 and at most 1000.' };
}

/** The guardrails the texts say, or what is wrong with each field that is wrong. */
export function readGuardrails(texts: GuardrailTexts, currency: string): { readonly guardrails: Guardrails } | { readonly errors: GuardrailErrors } {
  const read = {
    minPrice: readPrice(texts.minPrice, currency),
    maxPrice: readPrice(texts.maxPrice, currency),
    maxChangePercent: readPercent(texts.maxChangePercent),
    stockBuffer: readWhole(texts.stockBuffer, 0),
    maxQuantity: readWhole(texts.maxQuantity, null),
  };
  const errors: GuardrailErrors = {};
  for (const field of GUARDRAIL_FIELDS) {
    const r = read[field];
    if ('error' in r) errors[field] = r.error;
  }
  const min = 'value' in read.minPrice ? read.minPrice.value : null;
  const max = 'value' in read.maxPrice ? read.maxPrice.value : null;
  if (min !== null && max !== null && min > max) errors.maxPrice = 'The maximum price must not be below the minimum price.';
  if (Object.keys(errors).length > 0) return { errors };
  const value = <T,>(r: Read<T>) => (r as { readonly value: T }).value;
  return {
    guardrails: {
      minPrice: min,
      maxPrice: max,
      maxChangePercent: value(read.maxChangePercent),
      stockBuffer: value(read.stockBuffer) ?? 0,
      maxQuantity: value(read.maxQuantity),
    },
  };
}

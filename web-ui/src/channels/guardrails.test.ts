import { describe, expect, it } from 'vitest';
import { guardrailTexts, readGuardrails, type GuardrailTexts } from './guardrails';

const EMPTY: GuardrailTexts = { minPrice: '', maxPrice: '', maxChangePercent: '', stockBuffer: '', maxQuantity: '' };

describe('guardrails as typed', () => {
  it('reads empty fields as no bound, and the stock buffer as 0', () => {
    expect(readGuardrails(EMPTY, 'USD')).toEqual({ guardrails: { minPrice: null, maxPrice: null, maxChangePercent: null, stockBuffer: 0, maxQuantity: null } });
  });

  it('reads what the gateway accepts', () => {
    expect(readGuardrails({ minPrice: ' 9.5 ', maxPrice: '10', maxChangePercent: '1000', stockBuffer: '3', maxQuantity: '0' }, 'EUR')).toEqual({
      guardrails: { minPrice: 9.5, maxPrice: 10, maxChangePercent: 1000, stockBuffer: 3, maxQuantity: 0 },
    });
  });

  it('refuses a minimum above the maximum, on the maximum', () => {
    expect(readGuardrails({ ...EMPTY, minPrice: '20', maxPrice: '19.99' }, 'USD')).toEqual({
      errors: { maxPrice: 'The maximum price must not be below the minimum price.' },
    });
    expect('guardrails' in readGuardrails({ ...EMPTY, minPrice: '20', maxPrice: '20' }, 'USD')).toBe(true);
  });

  it('refuses prices that are not positive with at most 2 decimals, and decimals in yen', () => {
    const errors = (texts: Partial<GuardrailTexts>, currency = 'USD') => {
      const read = readGuardrails({ ...EMPTY, ...texts }, currency);
      return 'errors' in read ? read.errors : {};
    };
    expect(errors({ minPrice: '0' }).minPrice).toBe('More than 0.');
    expect(errors({ minPrice: '1.999' }).minPrice).toContain('at most 2 decimals');
    expect(errors({ minPrice: '-1' }).minPrice).toContain('at most 2 decimals');
    expect(errors({ maxPrice: '1500.5' }, 'JPY').maxPrice).toBe('A whole amount of JPY, without decimals.');
    expect(errors({ maxPrice: '1500' }, 'JPY')).toEqual({});
    expect(errors({ maxChangePercent: '0' }).maxChangePercent).toBe('A percentage above 0 and at most 1000.');
    expect(errors({ maxChangePercent: '1000.1' }).maxChangePercent).toBe('A percentage above 0 and at most 1000.');
    expect(errors({ stockBuffer: '-1', maxQuantity: '1.5' })).toEqual({ stockBuffer: 'A whole number, 0 or more.', maxQuantity: 'A whole number, 0 or more.' });
  });

  it('shows a mapping’s guardrails as texts, no bound as an empty field', () => {
    expect(guardrailTexts({ minPrice: 10, maxPrice: null, maxChangePercent: 12.5, stockBuffer: 0, maxQuantity: 100 })).toEqual({
      minPrice: '10',
      maxPrice: '',
      maxChangePercent: '12.5',
      stockBuffer: '0',
      maxQuantity: '100',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { formatClock, formatRate, plural, statusLabel, statusTone } from './format';

describe('format', () => {
  it('maps statuses to tones', () => {
    expect(statusTone('UP')).toBe('ok');
    expect(statusTone('DOWN')).toBe('bad');
    expect(statusTone('UNREACHABLE')).toBe('bad');
    expect(statusTone('UNKNOWN')).toBe('warn');
    expect(statusTone('NOT_CONFIGURED')).toBe('neutral');
    expect(statusTone('CHECKING')).toBe('neutral');
  });

  it('labels statuses for people', () => {
    expect(statusLabel('UP')).toBe('UP');
    expect(statusLabel('DOWN')).toBe('DOWN');
    expect(statusLabel('NOT_CONFIGURED')).toBe('not configured');
    expect(statusLabel('CHECKING')).toBe('CHECKING…');
  });

  it('formats local wall-clock time with zero padding', () => {
    expect(formatClock(new Date(2025, 0, 2, 3, 4, 5))).toBe('03:04:05');
    expect(formatClock(new Date(2025, 0, 2, 23, 59, 59))).toBe('23:59:59');
  });

  it('says counts with their noun in the right number', () => {
    expect(plural(1, 'call')).toBe('1 call');
    expect(plural(0, 'call')).toBe('0 calls');
    expect(plural(1200, 'call')).toBe('1,200 calls');
    expect(plural(2, 'refresh', 'refreshes')).toBe('2 refreshes');
  });

  it('shows rates with 3 significant digits, and small ones also as the interval between calls', () => {
    expect(formatRate(0.0167)).toBe('0.0167/s · one every 60 s');
    expect(formatRate(1 / 60)).toBe('0.0167/s · one every 60 s');
    expect(formatRate(0.5)).toBe('0.5/s · one every 2 s');
    expect(formatRate(0.2222)).toBe('0.222/s · one every 4.5 s');
    expect(formatRate(0.00556)).toBe('0.00556/s · one every 180 s');
    expect(formatRate(1)).toBe('1/s');
    expect(formatRate(2.22222)).toBe('2.22/s');
    expect(formatRate(20)).toBe('20/s');
    expect(formatRate(0)).toBe('0/s');
  });
});

import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatMoney, formatRate, percentOf, plural, statusLabel, statusTone } from './format';

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

  it('says durations to the second, then the minute, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(180)).toBe('3 min');
    expect(formatDuration(7_500)).toBe('2 h 5 min');
    expect(formatDuration(7_200)).toBe('2 h');
  });

  it('rounds progress down, so 100% means all of it', () => {
    expect(percentOf(0)).toBe(0);
    expect(percentOf(0.426)).toBe(42);
    expect(percentOf(0.999)).toBe(99);
    expect(percentOf(1)).toBe(100);
    expect(percentOf(Number.NaN)).toBe(0);
  });

  it('writes amounts in their currency', () => {
    expect(formatMoney(19.9, 'USD')).toBe('$19.90');
    expect(formatMoney('1500', 'JPY')).toBe('¥1,500');
    expect(formatMoney(12, 'XX1')).toBe('12 XX1');
  });
});

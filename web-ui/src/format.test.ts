import { describe, expect, it } from 'vitest';
import { formatClock, statusLabel, statusTone } from './format';

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
});

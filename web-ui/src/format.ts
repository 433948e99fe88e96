/** Presentation helpers, kept pure so they are unit-testable without a DOM. */

export type Tone = 'ok' | 'bad' | 'warn' | 'neutral';

/** Colour family for a console or check status word. */
export function statusTone(status: string): Tone {
  switch (status) {
    case 'UP':
      return 'ok';
    case 'DOWN':
    case 'UNREACHABLE':
      return 'bad';
    case 'UNKNOWN':
    case 'DEGRADED':
      return 'warn';
    default:
      return 'neutral';
  }
}

/** Human label for a status word: NOT_CONFIGURED -> "not configured"; UP/DOWN stay as they are. */
export function statusLabel(status: string): string {
  switch (status) {
    case 'UP':
    case 'DEGRADED':
    case 'DOWN':
    case 'UNREACHABLE':
    case 'UNKNOWN':
      return status;
    case 'CHECKING':
      return 'CHECKING…';
    default:
      return status.toLowerCase().replace(/_/g, ' ');
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time HH:MM:SS. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Local date and time, to the minute: "2026-12-06 16:05"; "never" for null. */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const count = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A count with its noun in the right number: "1 call", "1,200 calls". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

const threeDigits = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const twoDigits = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });

/**
 * A rate per second with 3 significant digits, and below 1/s also as the interval between calls,
 * which is how Amazon's small rates are meant: 0.0167 -> "0.0167/s · one every 60 s". The interval
 * has 2 significant digits, so a rate Amazon rounded (1/60 as 0.0167) reads as the plan it stands for.
 */
export function formatRate(perSecond: number): string {
  const rate = `${threeDigits.format(perSecond)}/s`;
  if (!(perSecond > 0 && perSecond < 1)) return rate;
  return `${rate} · one every ${twoDigits.format(1 / perSecond)} s`;
}

/** A duration for people, to the second below a minute, else to the minute: "45 s", "3 min", "2 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A share 0..1 as whole percent, rounded down, so 100% shows only once all of it is there. */
export function percentOf(share: number): number {
  if (!(share > 0)) return 0;
  return share >= 1 ? 100 : Math.min(99, Math.floor(share * 100));
}

/** An amount in its currency ("$19.99", "¥1,500"); an unknown currency code follows the amount. */
export function formatMoney(amount: number | string, currency: string): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

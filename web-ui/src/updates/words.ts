import type { ItemStatus, JobStatus, PlanSeller } from '../api/updates';
import type { Tone } from '../format';

export const JOB_STATUS_WORDS: Record<JobStatus, string> = {
  queued: 'queued',
  running: 'running',
  done: 'done',
  cancelled: 'cancelled',
};

export const JOB_STATUS_TONES: Record<JobStatus, Tone> = {
  queued: 'warn',
  running: 'warn',
  done: 'ok',
  cancelled: 'neutral',
};

export const ITEM_STATUS_WORDS: Record<ItemStatus, string> = {
  pending: 'pending',
  sent: 'sent',
  accepted: 'accepted',
  applied: 'applied',
  rejected: 'rejected',
  superseded: 'superseded',
  cancelled: 'cancelled',
};

/** What each item status means, for the counts' titles and the filter's help. */
export const ITEM_STATUS_MEANING: Record<ItemStatus, string> = {
  pending: 'not sent to Amazon yet',
  sent: "sent; Amazon's answer awaited",
  accepted: 'Amazon accepted the patch',
  applied: 'Amazon processed the feed without an issue for it',
  rejected: 'Amazon refused it (see its issues)',
  superseded: 'a newer change of the same SKU replaced it',
  cancelled: 'cancelled before it was sent',
};

export const ITEM_STATUS_TONES: Record<ItemStatus, Tone> = {
  pending: 'neutral',
  sent: 'warn',
  accepted: 'ok',
  applied: 'ok',
  rejected: 'bad',
  superseded: 'neutral',
  cancelled: 'neutral',
};

/** Why the gateway refused a line of an update file, by its code. */
export const REJECTION_WORDS: Record<string, string> = {
  invalid_item: 'The line is not a valid item.',
  channel_unknown: 'No channel of this tenant has this id (seller and marketplace).',
  mapping_missing: 'The SKU has no mapping in this channel: import its mapping first.',
  currency_mismatch: "The currency is not the marketplace's.",
  price_invalid: 'The price is not a positive amount with at most 2 decimals (none for JPY).',
  price_below_min: "The price is below the mapping's minimum.",
  price_above_max: "The price is above the mapping's maximum.",
  price_change_too_large: "The price moves further from the last price than the mapping's largest change allows.",
  quantity_invalid: 'The quantity is not a whole number of 0 or more.',
  handling_time_invalid: 'The handling time is not a whole number of days from 0 to 30.',
  fba_quantity_owned_by_amazon: "Amazon owns an FBA SKU's quantity: send only its price.",
  nothing_to_update: 'The line has no price, quantity or handling time.',
};

export function planPathWords(seller: PlanSeller): string {
  return seller.path === 'feed' ? 'JSON listings feed' : 'Listings Items patches';
}

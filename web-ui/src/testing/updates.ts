import type { DryRun, Job, JobCounts, JobItem } from '../api/updates';

const NO_COUNTS: JobCounts = { pending: 0, sent: 0, accepted: 0, applied: 0, rejected: 0, superseded: 0, cancelled: 0 };

/** A job as the gateway answers it, its total and progress following the counts; `n` makes ids distinct. */
export function job(n: number, counts: Partial<JobCounts> = {}, overrides: Partial<Job> = {}): Job {
  const all = { ...NO_COUNTS, ...counts };
  const total = Object.values(all).reduce((sum, c) => sum + c, 0);
  const open = all.pending + all.sent;
  return {
    id: `30000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    status: open > 0 ? 'running' : 'done',
    createdAt: '2026-12-06T15:00:00Z',
    updatedAt: '2026-12-06T15:00:05Z',
    finishedAt: open > 0 ? null : '2026-12-06T15:01:00Z',
    total,
    rejectedAtIntake: 0,
    counts: all,
    progress: total === 0 ? 1 : (total - open) / total,
    estimatedCompletionAt: open > 0 ? '2026-12-06T15:02:00Z' : null,
    ...overrides,
  };
}

export function jobItem(index: number, overrides: Partial<JobItem> = {}): JobItem {
  return {
    index,
    channelId: '00000000-0000-4000-8000-000000000005.ATVPDKIKX0DER',
    sellerId: '00000000-0000-4000-8000-000000000005',
    marketplaceId: 'ATVPDKIKX0DER',
    sku: `SKU-${index}`,
    price: { amount: 19.99, currency: 'USD' },
    quantity: 5,
    listedQuantity: 3,
    handlingTime: null,
    status: 'accepted',
    path: 'patch',
    feedId: null,
    submissionId: `sub-${index}`,
    issues: [],
    updatedAt: '2026-12-06T15:00:05Z',
    sentAt: '2026-12-06T15:00:02Z',
    resultAt: '2026-12-06T15:00:05Z',
    ...overrides,
  };
}

export const DRY_RUN: DryRun = {
  accepted: 19,
  rejectedCount: 1,
  rejected: [{ index: 19, code: 'mapping_missing', detail: "SKU 'NOPE-1' has no mapping in channel 0000….ATVPDKIKX0DER." }],
  plan: {
    estimatedSeconds: 95,
    estimatedCompletionAt: '2026-12-06T15:01:35Z',
    sellers: [
      {
        sellerId: '00000000-0000-4000-8000-000000000005',
        sellingPartnerId: 'A005SELLER',
        items: 19,
        skus: 19,
        path: 'patches',
        patches: 19,
        feeds: 0,
        estimatedSeconds: 95,
      },
    ],
  },
};

import type { ReportJob, ReportSchedule, ReportType } from '../api/reports';

export const REPORT_TYPES: readonly ReportType[] = [
  { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', label: 'All listings', format: 'tsv', datesIgnored: true, minMinutesBetweenRequests: 0, requestable: true },
  {
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    label: 'All orders, by order date',
    format: 'tsv',
    datesIgnored: false,
    minMinutesBetweenRequests: 0,
    requestable: true,
  },
  { reportType: 'GET_AFN_INVENTORY_DATA', label: 'FBA inventory (near real time)', format: 'tsv', datesIgnored: true, minMinutesBetweenRequests: 30, requestable: true },
  { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', label: 'Settlement (made by Amazon)', format: 'tsv', datesIgnored: false, minMinutesBetweenRequests: 0, requestable: false },
  { reportType: 'GET_SALES_AND_TRAFFIC_REPORT', label: 'Sales and traffic (JSON)', format: 'json', datesIgnored: false, minMinutesBetweenRequests: 0, requestable: true },
];

/** A report job as the gateway answers it; `n` makes ids distinct. */
export function reportJob(n: number, overrides: Partial<ReportJob> = {}): ReportJob {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `10000000-0000-4000-8000-${hex}`,
    sellerId: '00000000-0000-4000-8000-000000000005',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    dataStartTime: null,
    dataEndTime: null,
    reportOptions: {},
    status: 'DONE',
    reportId: `5000${n}`,
    reportDocumentId: `amzn1.spdoc.1.4.na.doc-${n}`,
    reused: false,
    polls: 3,
    createdAt: '2026-12-06T15:00:00Z',
    updatedAt: '2026-12-06T15:00:12Z',
    ...overrides,
  };
}

export function reportSchedule(n: number, overrides: Partial<ReportSchedule> = {}): ReportSchedule {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `20000000-0000-4000-8000-${hex}`,
    sellerId: '00000000-0000-4000-8000-000000000005',
    reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    reportOptions: {},
    period: 'PT24H',
    nextRunAt: '2026-12-07T15:00:00Z',
    lastJobId: null,
    latestDone: null,
    createdAt: '2026-12-06T15:00:00Z',
    ...overrides,
  };
}

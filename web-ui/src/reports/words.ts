/** Report words shared by the reports pages. */
import type { ReportType } from '../api/reports';
import { plural } from '../format';

/** Why a job ended (or waits) as it did, by the gateway's problem code; others show the detail alone. */
export const JOB_PROBLEM_WORDS: Record<string, string> = {
  report_no_data: 'Amazon found no data for this report.',
  report_too_frequent: 'Amazon cancelled it: the type was requested again too soon.',
  cancelled_by_caller: 'Cancelled on request.',
  report_fatal: 'Amazon could not make this report.',
  report_expired: 'Amazon keeps reports for 90 days; this one is gone.',
  report_not_found: 'Amazon does not know this report (anymore).',
  report_given_up: 'The gateway gave up after trying for a day.',
  amazon_refused: 'Amazon refused the request.',
  seller_reauth_required: "Waiting for the seller's re-authorization.",
};

/** "All listings" for a type the gateway knows, else Amazon's name for it. */
export function typeLabel(types: readonly ReportType[] | undefined, reportType: string): string {
  return types?.find((t) => t.reportType === reportType)?.label ?? reportType;
}

/** What Amazon's rules for a type mean for a request, in words. */
export function typeNotes(type: ReportType | undefined): string[] {
  if (!type) return [];
  const notes: string[] = [];
  if (type.datesIgnored) notes.push('Amazon ignores the dates: it builds this report from current data.');
  if (type.minMinutesBetweenRequests > 0) {
    notes.push(`Amazon allows it at most once per ${plural(type.minMinutesBetweenRequests, 'minute')} per seller.`);
  }
  if (type.format !== 'tsv') notes.push(`Its document is ${type.format.toUpperCase()}, downloaded as it is.`);
  return notes;
}

export const PERIODS = [
  { value: 'PT6H', words: 'every 6 hours' },
  { value: 'PT12H', words: 'every 12 hours' },
  { value: 'PT24H', words: 'every 24 hours' },
  { value: 'P7D', words: 'every 7 days' },
] as const;

/** PT24H as "every 24 hours"; a period set through the API that the console does not offer stays as it is. */
export function periodWords(period: string): string {
  return PERIODS.find((p) => p.value === period)?.words ?? `every ${period}`;
}

/**
 * The gateway's refusals are problem+json (`{type, title, status, detail, code}`); the console shows
 * them as a ProblemError whose message is meant for a person, by code where we know better words
 * than the gateway's detail.
 */

/** The gateway refused, with a problem+json answer; `message` says it in words for a person. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const MISSING_KEY = 'Enter an API key.';
export const SESSION_ENDED = 'Your session has ended. Sign in again.';

/** Problem codes in words a person understands; others keep the gateway's detail. */
const WORDS: Record<string, string> = {
  missing_api_key: MISSING_KEY,
  invalid_api_key: 'This API key is unknown or was revoked.',
  session_expired: SESSION_ENDED,
  csrf_token_invalid: 'The page lost its session token. Reload it and try again.',
  insufficient_scope: 'Your key is not allowed to do this.',
  seller_reauth_required:
    "Amazon no longer accepts this seller's authorization, so it cannot be enabled. Re-authorize it first.",
  seller_exists: 'This selling account is already connected.',
  seller_disabled: 'This seller is disabled. Enable it first.',
  application_not_shared: 'This application is not available to this tenant.',
  tenant_name_taken: 'A tenant with this name already exists.',
  report_type_not_requestable: 'Amazon makes reports of this type by itself; they cannot be requested. Find them under "Made by Amazon".',
  report_not_cancellable: 'Amazon cancels a report only while it waits in its queue; this one is past that.',
  report_being_created: 'The gateway is sending this request to Amazon right now. Try cancelling again in a few seconds.',
  idempotency_key_reused:
    'This upload was already sent with another file under the same key. Choose the file again to start a new upload.',
  idempotency_key_required: 'The upload lacked its Idempotency-Key. Reload the page and try again.',
  too_many_items: 'The file has more than 100,000 lines. Split it into smaller files.',
  idempotency_key_in_use: 'The same request is being handled right now. Wait a moment and look again.',
  order_fulfilled_by_amazon: 'Amazon ships this order (FBA): only merchant-fulfilled orders are confirmed by the seller.',
  order_fully_shipped: 'Every item of this order is shipped already.',
  webhook_endpoint_disabled: 'This endpoint is disabled. Enable it to send it events.',
  postgres_busy: 'The gateway is busy. Try again in a moment.',
  postgres_timeout: 'The gateway is busy. Try again in a moment.',
  internal_error: 'The gateway failed to handle the request. Try again; if it keeps failing, check its log.',
};

export function wordsFor(code: string, fallback: string): string {
  return Object.prototype.hasOwnProperty.call(WORDS, code) ? (WORDS[code] as string) : fallback;
}

/** Reads a refusal into a ProblemError; bodies that are not problem+json fall back to the status. */
export async function problemFrom(response: Response): Promise<ProblemError> {
  let code = 'http_' + response.status;
  let detail = response.status === 404 ? 'Not found.' : `The gateway answered ${response.status}.`;
  try {
    const body = (await response.json()) as { code?: unknown; detail?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.detail === 'string') detail = body.detail;
  } catch {
    // not problem+json: the status says enough
  }
  return new ProblemError(response.status, code, wordsFor(code, detail));
}

/** Words for any error a query or mutation may end with. */
export function errorWords(error: unknown): string {
  if (error instanceof ProblemError) return error.message;
  if (error instanceof TypeError) return 'The gateway did not answer. Check that it is running and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

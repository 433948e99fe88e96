/**
 * The one way the console talks to /v1 after sign-in: same-origin credentials (the session cookie),
 * the CSRF token on every write, `tenantId` when an administrator acts for a tenant, and refusals
 * turned into ProblemError. A 401 means the session is gone (expired, signed out elsewhere, or its
 * key revoked), which `onSessionEnded` reports once per answer.
 */
import { CSRF_HEADER } from './session';
import { ProblemError, SESSION_ENDED, problemFrom } from './problem';

export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  readonly query?: Query;
  readonly body?: unknown;
  /** False for calls that name no tenant's data (tenants, admin keys): they never get `tenantId`. */
  readonly tenantScoped?: boolean;
  readonly signal?: AbortSignal;
  /** Headers of the call itself (an upload's Idempotency-Key); the wrapper's own win over them. */
  readonly headers?: Record<string, string>;
}

/** A file sent as it is: the browser reads the Blob from disk as it sends, the page never holds its text. */
export interface FileBody {
  readonly file: Blob;
  readonly contentType: string;
}

export interface ApiClientOptions {
  readonly fetchImpl: typeof fetch;
  readonly csrfToken: string;
  /** The tenant an administrator acts for; null for a tenant's own session or an admin acting for none. */
  readonly actingTenantId: string | null;
  readonly onSessionEnded: (error: ProblemError) => void;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get actingTenantId(): string | null {
    return this.options.actingTenantId;
  }

  get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  delete(path: string, options: RequestOptions = {}): Promise<void> {
    return this.request<void>('DELETE', path, options);
  }

  /** POSTs a file as the body (CSV, NDJSON) with its content type, never JSON-encoded nor read into a string. */
  upload<T>(path: string, body: FileBody, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, options, body);
  }

  /** Path and query as sent, so tests and links can show the exact call. */
  url(path: string, query: Query = {}, tenantScoped = true): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
    }
    if (tenantScoped && this.options.actingTenantId !== null) params.set('tenantId', this.options.actingTenantId);
    const search = params.toString();
    return search === '' ? path : `${path}?${search}`;
  }

  private async request<T>(method: string, path: string, options: RequestOptions, file?: FileBody): Promise<T> {
    const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
    if (WRITES.has(method)) headers[CSRF_HEADER] = this.options.csrfToken;
    if (file !== undefined) headers['Content-Type'] = file.contentType;
    else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const body = file !== undefined ? file.file : options.body !== undefined ? JSON.stringify(options.body) : undefined;
    const response = await this.options.fetchImpl(this.url(path, options.query, options.tenantScoped ?? true), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body }),
      ...(options.signal !== undefined && { signal: options.signal }),
    });
    if (!response.ok) {
      const problem = await problemFrom(response);
      if (problem.status !== 401) throw problem;
      // Whatever the code (expired, signed out elsewhere, key revoked), to this page the session is over.
      const ended = new ProblemError(401, 'session_expired', SESSION_ENDED);
      this.options.onSessionEnded(ended);
      throw ended;
    }
    // 204, or a 202 that only says "asked": no body to read.
    const text = await response.text();
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

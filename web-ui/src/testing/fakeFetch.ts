/**
 * A scripted stand-in for window.fetch: each route ("METHOD /path" or "/path" for any method) maps
 * to a responder called per request; every request is recorded with its query, headers and body.
 */
export type Responder = (init: RequestInit | undefined, url: URL) => Promise<Response> | Response;

export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  /** A file sent as the body (an upload), as the page handed it to fetch. */
  readonly file: Blob | undefined;
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problemResponse(status: number, code: string, detail = `The gateway refused (${code}).`): Response {
  return new Response(JSON.stringify({ type: `urn:spgate:problem:${code}`, title: 'Refused', status, detail, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export const READY_UP = {
  status: 'UP',
  checks: { postgres: 'UP', migrations: 'UP', verticles: 'UP', redis: 'NOT_CONFIGURED' },
};

export const READY_DEGRADED = {
  status: 'DEGRADED',
  checks: { postgres: 'UP', migrations: 'UP', verticles: 'UP', redis: 'DEGRADED' },
};

export const READY_DOWN = {
  status: 'DOWN',
  checks: { postgres: 'DOWN', migrations: 'UP', verticles: 'UP', redis: 'NOT_CONFIGURED' },
};

export function fakeFetch(routes: Record<string, Responder>) {
  const calls: string[] = [];
  const requests: RecordedRequest[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, 'http://console.test');
    const method = init?.method ?? 'GET';
    calls.push(url.pathname);
    requests.push({
      method,
      url,
      headers: { ...((init?.headers ?? {}) as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      file: init?.body instanceof Blob ? init.body : undefined,
    });
    const responder = routes[`${method} ${url.pathname}`] ?? routes[url.pathname];
    if (!responder) return new Response('not found', { status: 404 });
    return responder(init, url);
  }) as typeof fetch;
  /** The requests to a path, optionally of one method. */
  const to = (pathname: string, method?: string) =>
    requests.filter((r) => r.url.pathname === pathname && (method === undefined || r.method === method));
  return { impl, calls, requests, to };
}

/** A promise whose settlement the test controls. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects like fetch does when its signal aborts. */
export function hangUntilAborted(init: RequestInit | undefined): Promise<Response> {
  return new Promise((_, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}

/** A scripted stand-in for window.fetch: each path maps to a responder called per request. */
export type Responder = (init: RequestInit | undefined) => Promise<Response> | Response;

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
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
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
    calls.push(path);
    const responder = routes[path];
    if (!responder) return new Response('not found', { status: 404 });
    return responder(init);
  }) as typeof fetch;
  return { impl, calls };
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

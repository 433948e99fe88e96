import { createContext, useContext, type ReactNode } from 'react';

/** The part of the browser's EventSource the console uses: named events in, close. */
export interface EventStream {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** What the console needs from the browser, replaceable in tests. */
export interface ConsoleEnvironment {
  readonly fetchImpl: typeof fetch;
  /** Leaves the console for another site (Seller Central's consent page). */
  readonly leaveFor: (url: string) => void;
  /**
   * Opens a server-sent event stream (same origin, so the session cookie goes with it); null where the
   * browser has no EventSource, and the page then asks by polling instead.
   */
  readonly openEvents: (url: string) => EventStream | null;
}

const BROWSER: ConsoleEnvironment = {
  fetchImpl: (input, init) => fetch(input, init),
  leaveFor: (url) => window.location.assign(url),
  openEvents: (url) => (typeof EventSource === 'function' ? (new EventSource(url) as EventStream) : null),
};

const EnvironmentContext = createContext<ConsoleEnvironment>(BROWSER);

export function EnvironmentProvider({ value, children }: { readonly value?: Partial<ConsoleEnvironment>; readonly children: ReactNode }) {
  return <EnvironmentContext.Provider value={{ ...BROWSER, ...value }}>{children}</EnvironmentContext.Provider>;
}

export function useEnvironment(): ConsoleEnvironment {
  return useContext(EnvironmentContext);
}

import { createContext, useContext, type ReactNode } from 'react';

/** What the console needs from the browser, replaceable in tests. */
export interface ConsoleEnvironment {
  readonly fetchImpl: typeof fetch;
  /** Leaves the console for another site (Seller Central's consent page). */
  readonly leaveFor: (url: string) => void;
}

const BROWSER: ConsoleEnvironment = {
  fetchImpl: (input, init) => fetch(input, init),
  leaveFor: (url) => window.location.assign(url),
};

const EnvironmentContext = createContext<ConsoleEnvironment>(BROWSER);

export function EnvironmentProvider({ value, children }: { readonly value?: Partial<ConsoleEnvironment>; readonly children: ReactNode }) {
  return <EnvironmentContext.Provider value={{ ...BROWSER, ...value }}>{children}</EnvironmentContext.Provider>;
}

export function useEnvironment(): ConsoleEnvironment {
  return useContext(EnvironmentContext);
}

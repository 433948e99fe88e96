import type { ReactNode } from 'react';

/** The frame of pages seen without a session: sign-in and the seller's return from Seller Central. */
export function PublicFrame({ children }: { readonly children: ReactNode }) {
  return (
    <>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__title">spgate console</span>
          <span className="topbar__who">Selling Partner API gateway</span>
        </div>
      </header>
      <main className="content content--narrow" id="main">
        {children}
      </main>
    </>
  );
}

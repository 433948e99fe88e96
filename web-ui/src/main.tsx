import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { ProblemError } from './api/problem';
import { SessionProvider } from './session/session';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root element');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network blip or 5xx may.
      retry: (failures, error) => failures < 2 && !(error instanceof ProblemError && error.status < 500),
      refetchOnWindowFocus: true,
    },
  },
});

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { ToastProvider } from '../src/components/Toasts';
import { ApiProvider } from '../src/lib/api/ApiProvider';
import { createApiClient } from '../src/lib/api/client';
import type { Session } from '../src/lib/api/auth';
import type { RetryPolicy } from '../src/lib/api/retry';
import { API } from './server';

export const noWaitRetry: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 1,
  maxRetryAfterMs: 1,
  sleep: () => Promise.resolve(),
  random: () => 0.5,
};

export function signedInSession(token = 'test-access-token'): Session {
  return { accessToken: async () => token, renew: async () => null, lost: () => {} };
}

/** Pages as a signed-in person sees them: the real API client (against msw), queries, toasts and routes. */
export function renderPages(routes: RouteObject[], path: string, retry: RetryPolicy = noWaitRetry) {
  const api = createApiClient({ baseUrl: API, session: signedInSession(), retry });
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <ApiProvider client={api}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </QueryClientProvider>
    </ApiProvider>,
  );
  return { ...view, router };
}

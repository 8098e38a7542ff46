import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { ToastProvider } from '../components/Toasts';
import { AuthSetup, createSession, createUserManager } from '../features/auth';
import { ApiProvider } from '../lib/api/ApiProvider';
import { createApiClient } from '../lib/api/client';
import type { AppConfig } from '../lib/config';
import { createRouter } from './router';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      // The API client already retries what is worth retrying (network errors, 503 with Retry-After).
      queries: { retry: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}

/** The composition root: configuration in, sign-in, API client, server state and routes wired once. */
export function App({ config }: { config: AppConfig }) {
  const [wiring] = useState(() => {
    const userManager = createUserManager(config);
    const session = createSession(userManager);
    return {
      userManager,
      api: createApiClient({ baseUrl: config.apiBaseUrl, session }),
      queryClient: createQueryClient(),
      router: createRouter(),
    };
  });
  return (
    <AuthSetup
      config={config}
      userManager={wiring.userManager}
      onSignedIn={(returnTo) => void wiring.router.navigate(returnTo, { replace: true })}
    >
      <ApiProvider client={wiring.api}>
        <QueryClientProvider client={wiring.queryClient}>
          <ToastProvider>
            <RouterProvider router={wiring.router} />
          </ToastProvider>
        </QueryClientProvider>
      </ApiProvider>
    </AuthSetup>
  );
}

import { render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { User, type INavigator } from 'oidc-client-ts';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { server } from '../../../test/server';
import type { AppConfig } from '../../lib/config';
import { AuthSetup } from './AuthSetup';
import { LandingPage } from './LandingPage';
import { RequireAuth } from './RequireAuth';
import { createUserManager } from './userManager';

const AUTHORITY = 'http://id.test/hexatask';
const config: AppConfig = {
  apiBaseUrl: 'http://api.test/api',
  region: 'local',
  auth: { authority: AUTHORITY, clientId: 'hexatask-local', scopes: 'openid hexatask/api', managedLoginDomain: null },
};

/** The provider's discovery and token endpoints; the browser's trips to its pages are recorded, not taken. */
function provider() {
  const tokenRequests: URLSearchParams[] = [];
  server.use(
    http.get(`${AUTHORITY}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer: AUTHORITY,
        authorization_endpoint: `${AUTHORITY}/authorize`,
        token_endpoint: `${AUTHORITY}/token`,
        jwks_uri: `${AUTHORITY}/jwks`,
        end_session_endpoint: `${AUTHORITY}/endsession`,
      }),
    ),
    http.post(`${AUTHORITY}/token`, async ({ request }) => {
      tokenRequests.push(new URLSearchParams(await request.text()));
      return HttpResponse.json({
        access_token: 'the-access-token',
        id_token: idToken({ iss: AUTHORITY, sub: 'alice', aud: 'hexatask-local', token_use: 'id' }),
        refresh_token: 'the-refresh-token',
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'openid hexatask/api',
      });
    }),
  );
  return tokenRequests;
}

function idToken(claims: Record<string, unknown>): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iat: now, exp: now + 3600, ...claims })}.signature`;
}

function recordingNavigator() {
  const visited: string[] = [];
  const navigator: INavigator = {
    prepare: async () => ({
      navigate: async ({ url }) => {
        visited.push(url);
        return new Promise<never>(() => {});
      },
      close: () => {},
    }),
    callback: async () => {},
  };
  return { navigator, visited };
}

function renderApp(path: string, navigator: INavigator) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <LandingPage /> },
      {
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: [{ path: '/tasks', element: <h1>Your tasks</h1> }],
      },
    ],
    { initialEntries: [path] },
  );
  render(
    <AuthSetup config={config} userManager={createUserManager(config, navigator)} onSignedIn={(to) => void router.navigate(to, { replace: true })}>
      <RouterProvider router={router} />
    </AuthSetup>,
  );
  return router;
}

describe('protected routes', () => {
  it('send a signed-out person to the provider (code flow, PKCE S256) and bring them back to the same route', async () => {
    const tokenRequests = provider();
    const first = recordingNavigator();
    renderApp('/tasks?status=DONE&q=milk', first.navigator);

    await waitFor(() => expect(first.visited).toHaveLength(1));
    const authorize = new URL(first.visited[0]!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${AUTHORITY}/authorize`);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(screen.queryByRole('heading', { name: 'Your tasks' })).not.toBeInTheDocument();

    // The provider sends the browser back to the app's root with a code; the app lands on the route asked for.
    const state = authorize.searchParams.get('state')!;
    window.history.replaceState(null, '', `/?code=the-code&state=${state}`);
    const router = renderApp(`/?code=the-code&state=${state}`, recordingNavigator().navigator);

    expect(await screen.findByRole('heading', { name: 'Your tasks' })).toBeInTheDocument();
    expect(router.state.location.pathname + router.state.location.search).toBe('/tasks?status=DONE&q=milk');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.get('grant_type')).toBe('authorization_code');
    expect(tokenRequests[0]!.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);

    // Tokens are kept for the tab only.
    const stored = Object.keys(window.sessionStorage).map((key) => window.sessionStorage.getItem(key)).join();
    expect(stored).toContain('the-access-token');
    expect(Object.keys(window.localStorage)).toEqual([]);
    window.history.replaceState(null, '', '/');
  });

  it('show the landing page without a session, and do not send anyone away from it', async () => {
    provider();
    const { navigator, visited } = recordingNavigator();
    renderApp('/', navigator);

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create an account' })).toBeInTheDocument();
    expect(visited).toEqual([]);
  });

  it('renew an expired session with its refresh token, without a trip to the provider', async () => {
    const tokenRequests = provider();
    const expired = new User({
      access_token: 'the-old-access-token',
      refresh_token: 'the-refresh-token',
      token_type: 'Bearer',
      scope: 'openid hexatask/api',
      profile: { sub: 'alice', iss: AUTHORITY, aud: 'hexatask-local', exp: 0, iat: 0 },
      expires_at: Math.floor(Date.now() / 1000) - 60,
    });
    window.sessionStorage.setItem(`oidc.user:${AUTHORITY}:hexatask-local`, expired.toStorageString());
    const { navigator, visited } = recordingNavigator();
    renderApp('/tasks', navigator);

    expect(await screen.findByRole('heading', { name: 'Your tasks' })).toBeInTheDocument();
    expect(visited).toEqual([]);
    expect(tokenRequests.map((request) => request.get('grant_type'))).toEqual(['refresh_token']);
    expect(tokenRequests[0]!.get('refresh_token')).toBe('the-refresh-token');
  });
});

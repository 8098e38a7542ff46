import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../../../test/server';
import type { AppConfig } from '../../lib/config';
import { managedLogoutUrl, signUpUrl } from './userManager';

const COGNITO = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool';
const DOMAIN = 'https://hexatask-dev-123.auth.eu-west-1.amazoncognito.com';
const cognito: AppConfig = {
  apiBaseUrl: 'https://api.example.com',
  region: 'eu-west-1',
  auth: { authority: COGNITO, clientId: 'client-1', scopes: 'openid email hexatask/api', managedLoginDomain: DOMAIN },
};
const local: AppConfig = { ...cognito, auth: { ...cognito.auth, managedLoginDomain: null } };

describe('Cognito managed login', () => {
  it('signs up on the managed sign-up page with the same PKCE request as a sign-in', async () => {
    server.use(
      http.get(`${COGNITO}/.well-known/openid-configuration`, () =>
        HttpResponse.json({
          issuer: COGNITO,
          authorization_endpoint: `${DOMAIN}/oauth2/authorize`,
          token_endpoint: `${DOMAIN}/oauth2/token`,
          jwks_uri: `${COGNITO}/.well-known/jwks.json`,
        }),
      ),
    );
    const url = new URL((await signUpUrl(cognito, '/tasks'))!);

    expect(`${url.origin}${url.pathname}`).toBe(`${DOMAIN}/signup`);
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('redirect_uri')).toBe(`${window.location.origin}/`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    // The request is remembered for the callback, in sessionStorage.
    expect(Object.keys(window.sessionStorage).some((key) => key.includes(url.searchParams.get('state')!))).toBe(true);
  });

  it('signs out on the managed-login domain, back to the app', () => {
    const url = new URL(managedLogoutUrl(cognito)!);
    expect(`${url.origin}${url.pathname}`).toBe(`${DOMAIN}/logout`);
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('logout_uri')).toBe(`${window.location.origin}/`);
  });

  it('is not used on the local stack, which signs up on its sign-in page and has an end_session_endpoint', async () => {
    expect(await signUpUrl(local, '/tasks')).toBeNull();
    expect(managedLogoutUrl(local)).toBeNull();
  });
});

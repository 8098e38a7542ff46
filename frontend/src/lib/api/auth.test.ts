import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API, server } from '../../../test/server';
import { noWaitRetry } from '../../../test/render';
import { createApiClient } from './client';
import { SessionExpiredError } from './errors';

const me = { sub: 's', username: 'alice', email: null, displayName: null, timeZone: 'UTC' };

function unauthorizedUnless(token: string) {
  const seen: (string | null)[] = [];
  server.use(
    http.get(`${API}/me`, ({ request }) => {
      seen.push(request.headers.get('Authorization'));
      return request.headers.get('Authorization') === `Bearer ${token}`
        ? HttpResponse.json(me)
        : new HttpResponse(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
    }),
  );
  return seen;
}

describe('the access token on every request', () => {
  it('sends the access token as a bearer token', async () => {
    const seen = unauthorizedUnless('access-1');
    const session = { accessToken: async () => 'access-1', renew: vi.fn(async () => null), lost: vi.fn() };
    const api = createApiClient({ baseUrl: API, session, retry: noWaitRetry });

    expect((await api.GET('/me')).data).toEqual(me);
    expect(seen).toEqual(['Bearer access-1']);
    expect(session.renew).not.toHaveBeenCalled();
  });

  it('renews once after a 401 and retries with the new token', async () => {
    const seen = unauthorizedUnless('access-2');
    const session = { accessToken: async () => 'access-1', renew: vi.fn(async () => 'access-2'), lost: vi.fn() };
    const api = createApiClient({ baseUrl: API, session, retry: noWaitRetry });

    expect((await api.GET('/me')).data).toEqual(me);
    expect(seen).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(session.renew).toHaveBeenCalledTimes(1);
    expect(session.lost).not.toHaveBeenCalled();
  });

  it('sends the person to sign in when the renewal fails', async () => {
    const seen = unauthorizedUnless('never');
    const session = { accessToken: async () => 'access-1', renew: vi.fn(async () => null), lost: vi.fn() };
    const api = createApiClient({ baseUrl: API, session, retry: noWaitRetry });

    await expect(api.GET('/me')).rejects.toBeInstanceOf(SessionExpiredError);
    expect(seen).toEqual(['Bearer access-1']);
    expect(session.lost).toHaveBeenCalledTimes(1);
  });

  it('sends the person to sign in when even the renewed token is refused', async () => {
    unauthorizedUnless('never');
    const session = { accessToken: async () => 'access-1', renew: vi.fn(async () => 'access-2'), lost: vi.fn() };
    const api = createApiClient({ baseUrl: API, session, retry: noWaitRetry });

    await expect(api.GET('/me')).rejects.toBeInstanceOf(SessionExpiredError);
    expect(session.renew).toHaveBeenCalledTimes(1);
    expect(session.lost).toHaveBeenCalledTimes(1);
  });
});

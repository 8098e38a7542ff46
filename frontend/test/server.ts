import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The network's edge for the tests: every request the app makes must meet a handler of the test. */
export const API = 'http://api.test/api';

/** Who is signed in, unless a test says otherwise. */
export const defaultMe = { sub: 'sub-alice', username: 'alice', email: 'alice@example.com', displayName: null, timeZone: 'UTC' };

export const server = setupServer(http.get(`${API}/me`, () => HttpResponse.json(defaultMe)));

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// What every scenario gets: the running stack, fresh user names, the API as a given user (real tokens from the
// local sign-in server, real HTTP), sign-in through the real login page, and a watch on the browser console.
import { test as base, expect, type APIRequestContext, type Page, request as playwrightRequest } from '@playwright/test';
import type { StackInfo } from './stack.ts';

export { expect };

export interface Api {
  readonly username: string;
  readonly token: string;
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  patch(path: string, body: unknown, etag: string): Promise<ApiAnswer>;
  delete(path: string, etag?: string): Promise<ApiAnswer>;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

export interface Task {
  id: string;
  title: string;
  description?: string | null;
  status: 'TODO' | 'IN_PROGRESS' | 'DONE';
  priority: 'LOW' | 'MEDIUM' | 'HIGH';
  dueDate?: string | null;
  tags: string[];
  version: number;
}

export interface ConsoleWatch {
  /** Console errors that this test expects (an API answer it provokes, say); anything else fails the test. */
  allow(pattern: RegExp): void;
  /** Every console line, page error and dialog so far. */
  readonly lines: readonly string[];
  /** Watches a page of another browser context too. */
  watch(page: Page): void;
}

interface Fixtures {
  stack: StackInfo;
  /** A user name no other test uses: user('alice') gives alice-<unique>. */
  user(name: string): string;
  /** The API as that user, with an access token from the local sign-in server. */
  apiAs(username: string, stack?: StackInfo): Promise<Api>;
  /** Signs in at the real login page, starting from `path`, and returns once the app shows it. */
  signIn(page: Page, username: string, path?: string, stack?: StackInfo): Promise<void>;
  console: ConsoleWatch;
}

/** What Chromium logs for every resource that could not be fetched from an outside host (web fonts). */
const OUTSIDE_HOST = /^Failed to load resource: net::ERR_NAME_NOT_RESOLVED$/;

let users = 0;

export const test = base.extend<Fixtures>({
  stack: async ({}, use) => {
    const info = process.env.E2E_STACK;
    if (!info) throw new Error('E2E_STACK is not set: run the suite through playwright.config.ts');
    await use(JSON.parse(info) as StackInfo);
  },

  baseURL: async ({ stack }, use) => {
    await use(stack.origin);
  },

  user: async ({}, use, testInfo) => {
    const run = `${testInfo.workerIndex}${Date.now().toString(36)}`;
    await use((name) => `${name}-${run}-${++users}`);
  },

  apiAs: async ({ stack }, use) => {
    const contexts: APIRequestContext[] = [];
    await use(async (username, on = stack) => {
      const http = await playwrightRequest.newContext();
      contexts.push(http);
      return api(http, on, username, await accessToken(http, on, username));
    });
    await Promise.all(contexts.map((c) => c.dispose()));
  },

  signIn: async ({ stack }, use) => {
    await use(async (page, username, path = '/tasks', on = stack) => {
      await page.goto(`${on.origin}${path}`);
      await signInAtLoginPage(page, on, username);
      await expect(page).toHaveURL(`${on.origin}${path}`);
    });
  },

  console: [async ({ context }, use, testInfo) => {
    const lines: string[] = [];
    const allowed: RegExp[] = [];
    const unexpected: string[] = [];
    const watch = (page: Page) => {
      page.on('console', (message) => {
        const where = message.location().url;
        const line = `${message.type()}: ${message.text()}${where ? `  (${where})` : ''}`;
        lines.push(line);
        if (message.type() !== 'error') return;
        const outside = where !== '' && !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(where);
        if (outside && OUTSIDE_HOST.test(message.text())) return;
        if (allowed.some((pattern) => pattern.test(message.text()))) return;
        unexpected.push(line);
      });
      // The API gets the access token, never the ID token (AWS's API Gateway would refuse it too).
      page.on('request', (request) => {
        const bearer = request.headers().authorization?.match(/^Bearer ([\w-]+)\.([\w-]+)\./);
        if (!bearer) return;
        const claims = JSON.parse(Buffer.from(bearer[2]!, 'base64url').toString('utf8')) as { token_use?: string };
        if (claims.token_use !== 'access') {
          unexpected.push(`${request.method()} ${request.url()} sent a token with token_use=${claims.token_use}`);
        }
      });
      page.on('pageerror', (error) => {
        lines.push(`pageerror: ${error.message}`);
        unexpected.push(`uncaught: ${error.message}`);
      });
      page.on('dialog', (dialog) => {
        lines.push(`dialog (${dialog.type()}): ${dialog.message()}`);
        unexpected.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
        void dialog.dismiss();
      });
    };
    context.pages().forEach(watch);
    context.on('page', watch);
    await use({ allow: (pattern) => allowed.push(pattern), lines, watch });
    if (lines.length > 0 && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('browser-console.txt', { body: lines.join('\n'), contentType: 'text/plain' });
    }
    if (testInfo.status === testInfo.expectedStatus) {
      expect(unexpected, 'console errors, uncaught errors or dialogs in the browser').toEqual([]);
    }
  }, { auto: true }],
});

/** The login page of the local sign-in server (mock-oauth2-server): a user name and a submit button. */
export async function signInAtLoginPage(page: Page, stack: StackInfo, username: string): Promise<void> {
  // The sign-in page's own field, not a navigation event: when the app starts its redirect to sign-in twice (a
  // refused session is handled both by the API client and by the route guard), the first navigation is aborted and
  // page.waitForURL fails on it although the sign-in page does arrive.
  await page.locator('input[name=username]').waitFor({ timeout: 30_000 });
  await page.locator('input[name=username]').fill(username);
  await page.locator('[type=submit]').click();
  await page.waitForURL((url) => url.origin === new URL(stack.origin).origin && !url.searchParams.has('code'));
}

/** The resource-owner password grant, which the local server answers for any user name: the login page's token. */
export async function accessToken(http: APIRequestContext, stack: StackInfo, username: string): Promise<string> {
  const response = await http.post(stack.tokenEndpoint, {
    form: { grant_type: 'password', username, password: 'local', client_id: stack.clientId, scope: stack.scope },
    timeout: 30_000,
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).access_token as string;
}

function api(http: APIRequestContext, stack: StackInfo, username: string, token: string): Api {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await http.fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { data: body }),
    });
    const text = await response.text();
    return {
      status: response.status(),
      headers: response.headers(),
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
  return {
    username,
    token,
    get: (path) => call('GET', path),
    post: (path, body, headers) => call('POST', path, body, headers),
    patch: (path, body, etag) => call('PATCH', path, body, { 'If-Match': etag }),
    delete: (path, etag) => call('DELETE', path, undefined, etag ? { 'If-Match': etag } : {}),
  };
}

/** Every task of the user, all pages. */
export async function allTasks(api: Api, query = ''): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | undefined;
  do {
    const answer = await api.get(`/tasks?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    tasks.push(...(answer.body.items as Task[]));
    cursor = answer.body.nextCursor ?? undefined;
  } while (cursor);
  return tasks;
}

import { expect, test } from '../harness/fixtures.ts';
import { fillTaskForm, taskItem } from '../harness/app.ts';
import { ownStack } from '../harness/own-stack.ts';

// Tokens of 65 s: the app renews a minute before expiry, so every ~5 s here. (The API tolerates a minute of clock
// skew on top, so waiting for a token to be refused would take two minutes: the test watches the renewals instead.)
const LIFETIME = 65;
const own = ownStack('short-tokens', { HEXATASK_LOCAL_TOKEN_LIFETIME: String(LIFETIME) });

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

test('5. short-lived tokens are renewed with the refresh token while a form is edited, unnoticed', async ({
  page, user, signIn, apiAs,
}) => {
  const stack = own.info();
  const name = user('ruth');
  const api = await apiAs(name, stack);
  const renewals: string[] = [];
  const signInPages: string[] = [];
  page.on('request', (request) => {
    if (request.url() === stack.tokenEndpoint && /grant_type=refresh_token/.test(request.postData() ?? '')) {
      renewals.push(new Date().toISOString());
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && frame.url().startsWith(stack.issuer)) signInPages.push(frame.url());
  });

  await signIn(page, name, '/tasks/new', stack);
  expect(signInPages).toHaveLength(1);
  const first = await page.evaluate(() => JSON.parse(sessionStorage.getItem(
    Object.keys(sessionStorage).find((k) => k.startsWith('oidc.user:'))!)!).access_token as string);
  expect(claims(first).exp - claims(first).iat).toBe(LIFETIME);

  await fillTaskForm(page, { title: 'Typed slowly' });
  await expect.poll(() => renewals.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await fillTaskForm(page, { description: 'across two renewals' });
  await expect.poll(() => renewals.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await fillTaskForm(page, { tags: ['patient'] });

  const create = page.waitForRequest((r) => r.url() === `${stack.apiUrl}/tasks` && r.method() === 'POST');
  await page.getByRole('button', { name: 'Create task' }).click();
  const used = (await (await create).headerValue('authorization'))!.replace(/^Bearer /, '');
  await expect(taskItem(page, 'Typed slowly')).toBeVisible();

  expect(used).not.toBe(first);
  expect(claims(used)).toMatchObject({ token_use: 'access', username: name });
  expect(signInPages, 'no trip to the sign-in page').toHaveLength(1);
  const { body } = await api.get('/tasks');
  expect(body.items).toMatchObject([{ title: 'Typed slowly', description: 'across two renewals', tags: ['patient'] }]);
});

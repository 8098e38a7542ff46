import { expect, signInAtLoginPage, test } from '../harness/fixtures.ts';

test.describe('4. signed out', () => {
  // A fixed task id (no one's): test titles must be the same in every worker.
  for (const path of ['/tasks', '/tasks/new', '/tasks/0190f7a4-6b1e-7c3d-9a2b-4c5d6e7f8091', '/dashboard', '/profile']) {
    test(`a visit to ${path} goes to sign-in, and back there after it`, async ({ page, stack, user }) => {
      await page.goto(`${stack.origin}${path}`);
      await page.waitForURL((url) => url.href.startsWith(stack.issuer));
      await expect(page.locator('input[name=username]')).toBeVisible();

      await signInAtLoginPage(page, stack, user('carol'));
      await expect(page).toHaveURL(`${stack.origin}${path}`);
    });
  }

  test('the landing page needs no session and offers sign-in', async ({ page, stack }) => {
    await page.goto(`${stack.origin}/`);
    await expect(page.getByRole('heading', { name: 'Hexatask', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page).toHaveURL(`${stack.origin}/`);
  });

  test('the API without a token answers 401 with a problem document', async ({ stack, request }) => {
    for (const [method, path] of [['GET', '/tasks'], ['GET', '/me'], ['POST', '/tasks'], ['GET', '/tasks/summary']]) {
      const answer = await request.fetch(`${stack.apiUrl}${path}`, { method, data: method === 'POST' ? {} : undefined });
      expect(answer.status(), `${method} ${path}`).toBe(401);
      expect(answer.headers()['content-type']).toContain('application/problem+json');
      expect(answer.headers()['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  test('a session the API refuses is said so clearly and leads to sign-in, back to the same page', async ({
    page, stack, user, signIn, console,
  }) => {
    console.allow(/status of 401/);
    const dave = user('dave');
    await signIn(page, dave, '/dashboard');
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();

    // The stored session now holds a token the API refuses and nothing to renew it with.
    await page.evaluate(() => {
      for (const key of Object.keys(sessionStorage).filter((k) => k.startsWith('oidc.user:'))) {
        const user = JSON.parse(sessionStorage.getItem(key)!);
        user.access_token = 'not-a-token';
        delete user.refresh_token;
        sessionStorage.setItem(key, JSON.stringify(user));
      }
    });
    // The message may show only for the moment before the redirect: note in the tab's storage that it did.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        if (document.body?.innerText.includes('Your session has ended')) sessionStorage.setItem('e2e-told', 'yes');
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const refused = page.waitForResponse((r) => r.url().startsWith(stack.apiUrl) && r.status() === 401);
    await page.goto('/profile');
    await refused;

    await signInAtLoginPage(page, stack, dave);
    await expect(page).toHaveURL(`${stack.origin}/profile`);
    await expect(page.getByRole('heading', { name: 'Profile' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('e2e-told')), 'the app said the session ended').toBe('yes');
  });
});

import { expect, signInAtLoginPage, test } from '../harness/fixtures.ts';

test.describe('1. sign-in through the local provider', () => {
  test('a deep link signs in at the real login page and lands on the page that was asked for', async ({
    page, stack, user,
  }) => {
    const alice = user('alice');
    const asked = '/tasks?status=TODO&status=IN_PROGRESS&sort=priority';
    await page.goto(`${stack.origin}${asked}`);

    await signInAtLoginPage(page, stack, alice);

    await expect(page).toHaveURL(`${stack.origin}${asked}`);
    await expect(page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'To do' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'In progress' })).toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'Done' })).not.toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('priority');

    // No code or state left in the app's address, nor in the entry before it (the provider's own page).
    const callback = (url: string) => url.startsWith(stack.origin) && /[?&](code|state)=/.test(url);
    expect(callback(page.url())).toBe(false);
    await page.goBack();
    expect(callback(page.url()), page.url()).toBe(false);
  });

  test('tokens are kept for the tab only (sessionStorage), never in localStorage', async ({
    page, stack, user, signIn,
  }) => {
    const bob = user('bob');
    await signIn(page, bob, '/profile');
    await expect(page.getByText(bob).first()).toBeVisible();

    const storage = await page.evaluate(() => ({
      local: Object.entries(localStorage).map(([k, v]) => `${k}=${v}`).join('\n'),
      session: Object.entries(sessionStorage).map(([k, v]) => `${k}=${v}`).join('\n'),
    }));
    expect(storage.local).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT of any kind
    expect(storage.session).toMatch(/eyJ[\w-]+\.eyJ/);
    expect(storage.session).toContain(stack.issuer);
  });
});

import { expect, test } from '../harness/fixtures.ts';
import { createTaskInUi } from '../harness/app.ts';
import { cloudFrontHeaders } from '../harness/static-server.ts';

test.describe('12. security headers', () => {
  test('the app is served with the CloudFront headers and runs every screen without a CSP violation', async ({
    page, stack, user, signIn, console,
  }) => {
    // The browser reports each violation to the page as an event, besides its console line (which the console
    // watch fails on too): count them where the page sees them.
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { violations: string[] }).violations
          .push(`${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });
    const served = page.waitForResponse(`${stack.origin}/tasks`);
    const grace = user('grace');
    await signIn(page, grace, '/tasks');

    const expected = await cloudFrontHeaders(stack.origin, new URL(stack.issuer).origin);
    const headers = (await served).headers();
    for (const [name, value] of Object.entries(expected)) {
      expect(headers[name.toLowerCase()], name).toBe(value);
    }

    await createTaskInUi(page, { title: 'Headers hold', tags: ['csp'] });
    for (const [link, heading] of [['Dashboard', 'Dashboard'], ['Profile', 'Profile'], ['Tasks', 'Tasks']]) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    }
    await page.getByRole('link', { name: 'Headers hold' }).click();
    await expect(page.getByRole('heading', { name: 'Edit task' })).toBeVisible();

    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(console.lines.filter((line) => /Content Security Policy|Refused to/.test(line))).toEqual([]);
  });
});

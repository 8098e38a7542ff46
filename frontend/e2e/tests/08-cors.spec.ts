import { allTasks, expect, test } from '../harness/fixtures.ts';
import { createTaskInUi, taskItem } from '../harness/app.ts';
import { serveApp, type StaticSite } from '../harness/static-server.ts';
import { freePort } from '../harness/stack.ts';

test.describe('8. the app on another origin than the API, as CloudFront and API Gateway', () => {
  const sites: StaticSite[] = [];
  test.afterEach(async () => {
    await Promise.all(sites.splice(0).map((site) => site.close()));
  });

  test('an allowed origin signs in, lists and creates tasks across origins', async ({
    page, stack, user, signIn, apiAs,
  }) => {
    const site = await serveApp(stack, Number(new URL(process.env.E2E_SECOND_ORIGIN!).port));
    sites.push(site);
    expect(new URL(site.origin).origin).not.toBe(new URL(stack.apiUrl).origin);
    const erin = user('erin');
    const api = await apiAs(erin);
    const title = `Across origins ${erin}`;

    const crossOrigin = page.waitForResponse((r) => r.url().startsWith(`${stack.apiUrl}/tasks`)
      && r.request().method() === 'GET');
    await signIn(page, erin, '/tasks', { ...stack, origin: site.origin });
    const answer = await crossOrigin;
    expect(await answer.request().headerValue('origin')).toBe(site.origin);
    expect(answer.headers()['access-control-allow-origin']).toBe(site.origin);

    await createTaskInUi(page, { title });
    await expect(taskItem(page, title)).toBeVisible();
    expect((await allTasks(api)).map((t) => t.title)).toEqual([title]);
  });

  test('an origin the API does not allow is refused, and the app says so instead of hanging', async ({
    page, stack, user, signIn, request, console,
  }) => {
    console.allow(/blocked by CORS policy|net::ERR_FAILED/);
    const site = await serveApp(stack, await freePort());
    sites.push(site);

    const preflight = await request.fetch(`${stack.apiUrl}/tasks`, {
      method: 'OPTIONS',
      headers: { Origin: site.origin, 'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();

    await signIn(page, user('frank'), '/tasks', { ...stack, origin: site.origin });
    await expect(page.getByRole('alert')).toContainText(/cannot be reached|could not|try again/i, { timeout: 30_000 });
    await expect(page.getByRole('button', { name: /try again|retry/i })).toBeVisible();
  });
});

import { allTasks, expect, test } from '../harness/fixtures.ts';
import { createTaskInUi, taskItem, taskList } from '../harness/app.ts';

test.describe('7. idempotency', () => {
  test('the create response is lost after the server made the task; the retry with the same key makes no second',
    async ({ page, stack, user, signIn, apiAs, console }) => {
      console.allow(/net::ERR_CONNECTION_RESET|net::ERR_FAILED/);
      const kim = user('kim');
      const api = await apiAs(kim);
      await signIn(page, kim, '/tasks');

      const creates: { key: string | null; status: number | 'dropped' }[] = [];
      await page.route(`${stack.apiUrl}/tasks`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const key = await route.request().headerValue('idempotency-key');
        const response = await route.fetch(); // the server has made the task by now
        if (creates.length === 0) {
          creates.push({ key, status: 'dropped' });
          expect(response.status()).toBe(201);
          return route.abort('connectionreset');
        }
        creates.push({ key, status: response.status() });
        return route.fulfill({ response });
      });

      await createTaskInUi(page, { title: 'Pay the rent' });

      expect(creates.length).toBeGreaterThanOrEqual(2);
      expect(creates[0]!.key).toMatch(/\S{8,}/);
      expect(new Set(creates.map((c) => c.key))).toEqual(new Set([creates[0]!.key]));
      expect(creates.slice(1).every((c) => c.status === 201)).toBe(true);
      expect((await allTasks(api)).map((t) => t.title)).toEqual(['Pay the rent']);
      await page.reload();
      await expect(taskItem(page, 'Pay the rent')).toHaveCount(1);
      await expect(taskList(page).getByRole('listitem').filter({ hasText: 'Pay the rent' })).toHaveCount(1);
    });

  test('a second create of the same title is a new action with a new key, and makes a second task', async ({
    page, stack, user, signIn, apiAs,
  }) => {
    const lee = user('lee');
    const api = await apiAs(lee);
    await signIn(page, lee, '/tasks');
    const keys: (string | null)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiUrl}/tasks`) {
        keys.push(request.headers()['idempotency-key'] ?? null);
      }
    });
    await createTaskInUi(page, { title: 'Call mum' });
    await page.getByRole('link', { name: 'New task' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Call mum');
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect(taskList(page).getByRole('listitem').filter({ hasText: 'Call mum' })).toHaveCount(2);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(await allTasks(api)).toHaveLength(2);
  });
});

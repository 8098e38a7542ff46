import type { Browser, Page } from '@playwright/test';
import { expect, test, type Api, type ConsoleWatch } from '../harness/fixtures.ts';
import { fillTaskForm, toast } from '../harness/app.ts';

type SignIn = (page: Page, username: string, path?: string) => Promise<void>;

/** The same task open in two browser contexts (two tabs' worth of separate sessions) of the same user. */
async function openTwice(browser: Browser, page: Page, signIn: SignIn, console: ConsoleWatch, api: Api, id: string) {
  const other = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  console.watch(other);
  for (const tab of [page, other]) {
    await signIn(tab, api.username, `/tasks/${id}`);
    await expect(tab.getByLabel('Title', { exact: true })).toHaveValue('Plan the trip');
  }
  return other;
}

test.describe('6. optimistic concurrency', () => {
  test('saving in the second tab after the first shows the conflict; "Keep mine" saves the second', async ({
    browser, page, user, signIn, apiAs, console,
  }) => {
    console.allow(/status of 412/);
    const api = await apiAs(user('ivan'));
    const { body: task } = await api.post('/tasks', { title: 'Plan the trip', description: 'Train or car?' });
    const second = await openTwice(browser, page, signIn, console, api, task.id);

    await fillTaskForm(page, { title: 'Plan the trip to Lyon' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(toast(page, 'Saved: Plan the trip to Lyon')).toBeVisible();

    await fillTaskForm(second, { description: 'Train, booked.', priority: 'High' });
    await second.getByRole('button', { name: 'Save changes' }).click();
    const conflict = second.getByRole('dialog', { name: 'This task was changed elsewhere' });
    await expect(conflict).toBeVisible();
    await expect(conflict.getByRole('row', { name: /Title/ })).toContainText('Plan the trip to Lyon');
    await expect(conflict.getByRole('row', { name: /Description/ })).toContainText('Train, booked.');

    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await expect(toast(second, /^Saved: /)).toBeVisible();
    const { body: saved } = await api.get(`/tasks/${task.id}`);
    expect(saved).toMatchObject({ title: 'Plan the trip', description: 'Train, booked.', priority: 'HIGH',
      version: 3 });
    await second.context().close();
  });

  test('"Take theirs" shows the saved version in the form and saves nothing', async ({
    browser, page, user, signIn, apiAs, console,
  }) => {
    console.allow(/status of 412/);
    const api = await apiAs(user('judy'));
    const { body: task } = await api.post('/tasks', { title: 'Plan the trip', description: 'Train or car?' });
    const second = await openTwice(browser, page, signIn, console, api, task.id);

    await fillTaskForm(page, { title: 'Plan the trip to Nantes', status: 'In progress' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(toast(page, 'Saved: Plan the trip to Nantes')).toBeVisible();

    await fillTaskForm(second, { description: 'Car.' });
    await second.getByRole('button', { name: 'Save changes' }).click();
    const conflict = second.getByRole('dialog', { name: 'This task was changed elsewhere' });
    await conflict.getByRole('button', { name: 'Take theirs' }).click();
    await expect(conflict).toBeHidden();
    await expect(second.getByLabel('Title', { exact: true })).toHaveValue('Plan the trip to Nantes');
    await expect(second.getByLabel('Description', { exact: true })).toHaveValue('Train or car?');
    await expect(second.getByLabel('Status', { exact: true })).toHaveValue('IN_PROGRESS');

    const { body: saved } = await api.get(`/tasks/${task.id}`);
    expect(saved).toMatchObject({ title: 'Plan the trip to Nantes', description: 'Train or car?', version: 2 });
    // And the form, now on the saved version, saves without a conflict.
    await fillTaskForm(second, { description: 'Car, after all.' });
    await second.getByRole('button', { name: 'Save changes' }).click();
    await expect(toast(second, 'Saved: Plan the trip to Nantes')).toBeVisible();
    expect((await api.get(`/tasks/${task.id}`)).body).toMatchObject({ description: 'Car, after all.', version: 3 });
    await second.context().close();
  });
});

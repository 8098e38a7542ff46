import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness/fixtures.ts';
import { fillTaskForm } from '../harness/app.ts';

/** Serious and critical violations of WCAG 2.1 A and AA on the page as it is now. */
async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('11. accessibility: no serious or critical violation on any screen, light or dark', async ({
  page, user, signIn, apiAs, console,
}) => {
  test.setTimeout(240_000);
  console.allow(/status of (404|412)/);
  const found: string[] = [];
  const check = async (screen: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      found.push(...(await seriousViolations(page, `${screen} (${colorScheme})`)));
    }
  };

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await check('landing');

  const name = user('pat');
  const api = await apiAs(name);
  await signIn(page, name, '/tasks');
  await expect(page.getByRole('heading', { name: 'No tasks yet' })).toBeVisible();
  await check('empty task list');

  const { body: task } = await api.post('/tasks', { title: 'Read a book', tags: ['home'], dueDate: '2020-01-01',
    priority: 'HIGH' });
  await api.post('/tasks', { title: 'Write a letter', status: 'DONE' });
  await page.reload();
  await expect(page.getByRole('link', { name: 'Read a book' })).toBeVisible();
  await check('task list');

  await page.getByRole('listitem', { name: 'Read a book' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Delete this task?' })).toBeVisible();
  await check('delete confirmation');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'New task' }).click();
  await fillTaskForm(page, { title: 'x'.repeat(201), tags: ['ok'] });
  await page.getByRole('button', { name: 'Create task' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await check('form with field errors');

  await page.goto(`/tasks/${task.id}`);
  await expect(page.getByRole('heading', { name: 'Edit task' })).toBeVisible();
  await check('edit form');
  const etag = (await api.get(`/tasks/${task.id}`)).headers.etag!;
  expect((await api.patch(`/tasks/${task.id}`, { title: 'Read two books' }, etag)).status).toBe(200);
  await fillTaskForm(page, { description: 'Changed here too' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('dialog', { name: 'This task was changed elsewhere' })).toBeVisible();
  await check('conflict view');

  for (const [path, heading] of [['/dashboard', 'Dashboard'], ['/profile', 'Profile'],
    [`/tasks/${crypto.randomUUID()}`, 'Task not found'], ['/no/such/page', 'Page not found']]) {
    await page.goto(path!);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await check(heading!);
  }
  expect(found).toEqual([]);
});

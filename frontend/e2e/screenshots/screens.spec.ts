// `npm run screenshots`: pictures of each screen at desktop and phone width, written to docs/screenshots/.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../harness/fixtures.ts';
import { fillTaskForm } from '../harness/app.ts';
import { REPO } from '../harness/stack.ts';

const OUT = join(REPO, 'docs', 'screenshots');
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false },
  phone: { viewport: { width: 375, height: 812 }, isMobile: true },
} as const;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

for (const [size, device] of Object.entries(SIZES)) {
  test(`screenshots at ${size} width`, async ({ browser, stack, apiAs, signIn, console }) => {
    test.setTimeout(240_000);
    console.allow(/status of 412/);
    const context = await browser.newContext({ ...device, deviceScaleFactor: 1, colorScheme: 'light' });
    const page = await context.newPage();
    console.watch(page);
    const shot = (name: string) => page.screenshot({ path: join(OUT, `${name}-${size}.png`), animations: 'disabled' });

    await page.goto(`${stack.origin}/`);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await shot('sign-in');

    const username = `alice-${size}`;
    const api = await apiAs(username);
    const tasks = [
      { title: 'Renew the passport', priority: 'HIGH', dueDate: day(-2), tags: ['admin'] },
      { title: 'Book train tickets to Lyon', priority: 'MEDIUM', dueDate: day(5), tags: ['travel'],
        status: 'IN_PROGRESS' },
      { title: 'Water the plants', priority: 'LOW', dueDate: day(1), tags: ['home'] },
      { title: 'Write the quarterly report', priority: 'HIGH', dueDate: day(9), tags: ['work'],
        description: 'Numbers from finance first.' },
      { title: 'Call the plumber', priority: 'MEDIUM', tags: ['home'], status: 'DONE' },
    ];
    const created = [];
    for (const task of tasks) created.push((await api.post('/tasks', task)).body);
    await signIn(page, username, '/tasks', { ...stack });
    await expect(page.getByRole('link', { name: 'Renew the passport' })).toBeVisible();
    await shot('task-list');

    await page.goto(`${stack.origin}/tasks/new`);
    await fillTaskForm(page, { title: 'x'.repeat(205), tags: ['Not OK!'] });
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect(page.getByLabel('Title', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await shot('form-errors');

    const task = created[1];
    await page.goto(`${stack.origin}/tasks/${task.id}`);
    await expect(page.getByRole('heading', { name: 'Edit task' })).toBeVisible();
    await api.patch(`/tasks/${task.id}`, { title: 'Book train tickets to Lyon and back' },
      (await api.get(`/tasks/${task.id}`)).headers.etag!);
    await fillTaskForm(page, { description: 'Window seats.' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('dialog', { name: 'This task was changed elsewhere' })).toBeVisible();
    await shot('conflict');

    for (const [path, heading, name] of [['/dashboard', 'Dashboard', 'dashboard'], ['/profile', 'Profile', 'profile']]) {
      await page.goto(`${stack.origin}${path}`);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      await settle(page);
      await shot(name!);
    }
    await context.close();
  });
}

/** Skeletons gone: nothing on the page still says it is loading. */
async function settle(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

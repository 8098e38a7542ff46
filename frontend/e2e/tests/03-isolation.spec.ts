import { expect, test } from '../harness/fixtures.ts';
import { taskItem } from '../harness/app.ts';

test.describe('3. two users', () => {
  test("bob never sees alice's tasks in any list, filter, search or summary; her task's URL is not found", async ({
    page, user, signIn, apiAs, console,
  }) => {
    console.allow(/status of 404/);
    const alice = await apiAs(user('alice'));
    const bob = user('bob');
    const created = await Promise.all([
      alice.post('/tasks', { title: 'Alice secret plan', tags: ['shared'], priority: 'HIGH', dueDate: '2020-01-01' }),
      alice.post('/tasks', { title: 'Alice shopping', tags: ['shared'], status: 'DONE' }),
    ]);
    created.forEach((answer) => expect(answer.status).toBe(201));
    const bobs = await apiAs(bob);
    expect((await bobs.post('/tasks', { title: 'Bob own task', tags: ['shared'] })).status).toBe(201);

    await signIn(page, bob, '/tasks');
    await expect(taskItem(page, 'Bob own task')).toBeVisible();
    const views = [
      '/tasks', '/tasks?q=Alice', '/tasks?tag=shared', '/tasks?status=DONE', '/tasks?overdue=true',
      '/tasks?sort=priority', '/tasks?dueBefore=2030-01-01', '/tasks?status=TODO&status=IN_PROGRESS&status=DONE',
    ];
    for (const view of views) {
      await page.goto(view);
      // Loaded: bob's own task or the empty state, and only then nothing of alice's.
      await expect(taskItem(page, 'Bob own task')
        .or(page.getByRole('heading', { name: 'No tasks match these filters' }))).toBeVisible();
      await expect(page.getByRole('main')).not.toContainText('Alice');
      const listed = await bobs.get(view);
      expect(listed.status).toBe(200);
      expect(JSON.stringify(listed.body)).not.toContain('Alice');
    }
    await page.goto('/tasks?tag=shared');
    await expect(taskItem(page, 'Bob own task')).toBeVisible();

    expect((await bobs.get('/tasks/summary')).body.total).toBe(1);
    await page.goto('/dashboard');
    const total = page.getByRole('term').filter({ hasText: 'Total' }).locator('xpath=following-sibling::dd[1]');
    await expect(total).toHaveText('1');

    await page.goto(`/tasks/${created[0]!.body.id}`);
    await expect(page.getByRole('heading', { name: 'Task not found' })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('Alice');
  });
});

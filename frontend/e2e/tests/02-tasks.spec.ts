import { allTasks, expect, test } from '../harness/fixtures.ts';
import { createTaskInUi, fillTaskForm, taskItem, taskList, toast } from '../harness/app.ts';

test.describe('2. tasks through the UI, in PostgreSQL', () => {
  test('create, edit, complete, reopen and delete; a reload shows the same; the API agrees at each step', async ({
    page, user, signIn, apiAs,
  }) => {
    const heidi = user('heidi');
    const api = await apiAs(heidi);
    await signIn(page, heidi, '/tasks');
    await expect(page.getByRole('heading', { name: 'No tasks yet' })).toBeVisible();

    // Create
    await createTaskInUi(page, {
      title: 'Water the plants', description: 'The ferns first,\nthen the cactus.', priority: 'High',
      dueDate: '2031-05-17', tags: ['home', 'garden'],
    });
    let [stored] = await allTasks(api);
    expect(stored).toMatchObject({
      title: 'Water the plants', description: 'The ferns first,\nthen the cactus.', priority: 'HIGH',
      status: 'TODO', dueDate: '2031-05-17',
    });
    expect([...stored!.tags].sort()).toEqual(['garden', 'home']);
    await page.reload();
    await expect(taskItem(page, 'Water the plants')).toContainText('High priority');

    // Edit
    await taskItem(page, 'Water the plants').getByRole('link', { name: 'Water the plants' }).click();
    await expect(page.getByRole('heading', { name: 'Edit task' })).toBeVisible();
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Water the plants');
    await fillTaskForm(page, { title: 'Water all the plants', status: 'In progress', priority: 'Low' });
    await page.getByRole('button', { name: 'Remove tag garden' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(toast(page, 'Saved: Water all the plants')).toBeVisible();
    await expect(taskItem(page, 'Water all the plants')).toBeVisible();
    [stored] = await allTasks(api);
    expect(stored).toMatchObject({ title: 'Water all the plants', status: 'IN_PROGRESS', priority: 'LOW',
      tags: ['home'], version: 2 });
    await page.reload();
    await expect(taskItem(page, 'Water all the plants')).toContainText('In progress');

    // Complete, reopen
    await taskItem(page, 'Water all the plants').getByRole('button', { name: 'Mark done' }).click();
    await expect(toast(page, 'Task marked done')).toBeVisible();
    await expect.poll(async () => (await allTasks(api))[0]?.status).toBe('DONE');
    await page.reload();
    await taskItem(page, 'Water all the plants').getByRole('button', { name: 'Reopen' }).click();
    await expect(toast(page, 'Task reopened')).toBeVisible();
    await expect.poll(async () => (await allTasks(api))[0]?.status).toBe('TODO');
    await page.reload();
    await expect(taskItem(page, 'Water all the plants').getByRole('button', { name: 'Mark done' })).toBeVisible();

    // A second task, then delete the first from the list (with confirmation) and the second from its page.
    await createTaskInUi(page, { title: 'Buy soil' });
    await taskItem(page, 'Water all the plants').getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this task?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(taskItem(page, 'Water all the plants')).toBeVisible();
    await taskItem(page, 'Water all the plants').getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(toast(page, 'Task deleted')).toBeVisible();
    await expect(taskItem(page, 'Water all the plants')).toHaveCount(0);
    expect((await allTasks(api)).map((t) => t.title)).toEqual(['Buy soil']);

    await taskItem(page, 'Buy soil').getByRole('link', { name: 'Buy soil' }).click();
    await page.getByRole('button', { name: 'Delete task' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('heading', { name: 'No tasks yet' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'No tasks yet' })).toBeVisible();
    await expect(taskList(page).getByRole('listitem')).toHaveCount(0);
    expect(await allTasks(api)).toEqual([]);
  });
});

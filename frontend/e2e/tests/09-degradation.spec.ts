import { execFileSync } from 'node:child_process';
import { allTasks, expect, test } from '../harness/fixtures.ts';
import { fillTaskForm, taskItem } from '../harness/app.ts';
import { ownStack } from '../harness/own-stack.ts';

const own = ownStack('degradation', {});

/** PostgreSQL's postmaster and every backend it forked (the pool's open connections are served by those). */
function postgresProcesses(postmaster: number): number[] {
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n').map((line) => Number(line.trim())).filter((pid) => pid > 0);
  return [postmaster, ...children];
}

test('9. the database paused mid-session: the app says it cannot reach the server, keeps the input, and recovers', async ({
  page, user, signIn, apiAs, console, request,
}) => {
  console.allow(/status of 503/);
  const stack = own.info();
  const name = user('quinn');
  const api = await apiAs(name, stack);
  await signIn(page, name, '/tasks/new', stack);
  await fillTaskForm(page, { title: 'Written during the outage', description: 'Every word kept.', tags: ['kept'] });

  const postmaster = own.stack().postgresPid();
  expect(postmaster, 'postmaster.pid names the running PostgreSQL').toBeDefined();
  const paused = postgresProcesses(postmaster!);
  paused.forEach((pid) => process.kill(pid, 'SIGSTOP'));
  try {
    const answered = page.waitForResponse((r) => r.url() === `${stack.apiUrl}/tasks` && r.status() === 503,
      { timeout: 60_000 });
    await page.getByRole('button', { name: 'Create task' }).click();
    await answered;
    await expect(page.getByRole('status').filter({ hasText: /Reconnecting/ })).toBeVisible();
    expect((await request.get(`${stack.apiUrl}/health`, { timeout: 30_000 })).status()).toBe(503);
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue('Written during the outage');
    await expect(page.getByLabel('Description', { exact: true })).toHaveValue('Every word kept.');
  } finally {
    paused.forEach((pid) => process.kill(pid, 'SIGCONT'));
  }

  // Back: the app's own retry gets through, with no click from the person.
  await expect(taskItem(page, 'Written during the outage')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: /Reconnecting/ })).toBeHidden();
  expect((await allTasks(api)).map((t) => t.title)).toEqual(['Written during the outage']);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { allTasks, expect, test } from '../harness/fixtures.ts';
import { createTaskInUi, fillTaskForm, taskList } from '../harness/app.ts';
import { REPO } from '../harness/stack.ts';

const BLNS: string[] = JSON.parse(readFileSync(join(REPO,
  'application/src/test/resources/dev/hexatask/application/fixtures/blns.json'), 'utf8'));
const SCRIPT = /<script|javascript:|onerror|onload|<svg|<img/i;
const RIGHT_TO_LEFT = /[\u0590-\u08ff\u202b\u202e\u2067]/;
const ONE_LINE_TEXT = (s: string) => s.trim() !== '' && !/[\u0000-\u001f\u007f-\u009f]/.test(s) && s.trim().length <= 200;

/** A fixed sample: every right-to-left string, 25 script injections, and every eighth of the rest. */
function naughtySample(): string[] {
  const candidates = BLNS.filter(ONE_LINE_TEXT);
  const rtl = candidates.filter((s) => RIGHT_TO_LEFT.test(s));
  const script = candidates.filter((s) => SCRIPT.test(s) && !RIGHT_TO_LEFT.test(s)).filter((_, i) => i % 8 === 0);
  const rest = candidates.filter((s) => !SCRIPT.test(s) && !RIGHT_TO_LEFT.test(s)).filter((_, i) => i % 8 === 0);
  return [...rtl, ...script.slice(0, 25), ...rest];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Case {
  what: string;
  label: string;
  tamper: (body: Record<string, unknown>) => void;
}

/**
 * The form holds valid values (the app's own checks would stop the bad ones); the request on its way out is changed
 * so that the real server refuses one field, and the app must put the server's message next to that field.
 */
const CASES: Case[] = [
  { what: 'a blank title', label: 'Title', tamper: (b) => { b.title = '   '; } },
  { what: 'a title of 201 characters', label: 'Title', tamper: (b) => { b.title = 'x'.repeat(201); } },
  { what: 'a title on two lines', label: 'Title', tamper: (b) => { b.title = 'two\nlines'; } },
  { what: 'a description of 10,001 characters', label: 'Description',
    tamper: (b) => { b.description = 'd'.repeat(10_001); } },
  { what: 'a control character in the description', label: 'Description',
    tamper: (b) => { b.description = 'bell \u0007'; } },
  { what: 'a date that does not exist', label: 'Due date', tamper: (b) => { b.dueDate = '2031-02-30'; } },
  { what: 'a priority that does not exist', label: 'Priority', tamper: (b) => { b.priority = 'URGENT'; } },
  { what: 'a status that does not exist', label: 'Status', tamper: (b) => { b.status = 'BLOCKED'; } },
  { what: 'a tag outside a-z 0-9 -', label: 'Tags', tamper: (b) => { b.tags = ['ok', 'not ok!']; } },
  { what: 'a tag of 33 characters', label: 'Tags', tamper: (b) => { b.tags = ['t'.repeat(33)]; } },
  { what: 'eleven tags', label: 'Tags', tamper: (b) => { b.tags = Array.from({ length: 11 }, (_, i) => `t${i}`); } },
];

async function visibleTitles(page: Page): Promise<string[]> {
  const more = page.getByRole('button', { name: 'Load more' });
  for (;;) {
    await expect(taskList(page).getByRole('listitem').first()).toBeVisible();
    if (!(await more.isVisible())) break;
    const before = await taskList(page).getByRole('listitem').count();
    await more.click();
    await expect.poll(() => taskList(page).getByRole('listitem').count()).toBeGreaterThan(before);
  }
  return taskList(page).locator(':scope > li a[href^="/tasks/"]').allTextContents();
}

test.describe('10. bad input', () => {
  test('every field error the API returns is shown next to its field, with its words', async ({
    page, stack, user, signIn, apiAs, console,
  }) => {
    console.allow(/status of 400/);
    const mia = user('mia');
    await signIn(page, mia, '/tasks/new');
    await fillTaskForm(page, { title: 'A fine title', description: 'Fine.', dueDate: '2031-03-01', tags: ['ok'] });

    for (const { what, label, tamper } of CASES) {
      await page.unroute(`${stack.apiUrl}/tasks`);
      await page.route(`${stack.apiUrl}/tasks`, async (route) => {
        const body = route.request().postDataJSON() as Record<string, unknown>;
        tamper(body);
        await route.continue({ postData: JSON.stringify(body) });
      });
      const answer = page.waitForResponse((r) => r.url() === `${stack.apiUrl}/tasks` && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Create task' }).click();
      const refused = await answer;
      expect(refused.status(), what).toBe(400);
      const problem = await refused.json();
      const errors = problem.errors as { field: string; message: string }[];
      expect(errors.length, what).toBeGreaterThan(0);
      for (const error of errors) {
        await expect(page.getByLabel(label, { exact: true }), `${what}: ${error.field}`)
          .toHaveAccessibleDescription(new RegExp(escape(error.message)));
      }
    }
    await page.unroute(`${stack.apiUrl}/tasks`);

    // Nothing was half-written; the same form, untampered, saves.
    const api = await apiAs(mia);
    expect(await allTasks(api)).toEqual([]);
    await page.getByRole('button', { name: 'Create task' }).click();
    await expect(taskList(page).getByRole('link', { name: 'A fine title' })).toBeVisible();
  });

  test('an error that names no field of the form says what went wrong and quotes the request id', async ({
    page, stack, user, signIn, console,
  }) => {
    console.allow(/status of 400/);
    await signIn(page, user('nia'), '/tasks/new');
    await fillTaskForm(page, { title: 'Has an owner' });
    await page.route(`${stack.apiUrl}/tasks`, (route) => route.continue({
      postData: JSON.stringify({ ...(route.request().postDataJSON() as object), owner: 'someone-else' }),
    }));
    const answer = page.waitForResponse((r) => r.url() === `${stack.apiUrl}/tasks`);
    await page.getByRole('button', { name: 'Create task' }).click();
    const problem = await (await answer).json();
    const alert = page.getByRole('alert').filter({ hasText: 'request id' });
    await expect(alert).toContainText(problem.instance ?? (await (await answer).headerValue('x-request-id')));
    await expect(alert).toContainText('owner');
  });

  test('naughty strings round-trip as titles and render verbatim, with no dialog, script or console error', async ({
    page, user, signIn, apiAs,
  }) => {
    const sample = naughtySample();
    expect(sample.length).toBeGreaterThanOrEqual(50);
    expect(sample.filter((s) => SCRIPT.test(s)).length).toBeGreaterThanOrEqual(20);
    expect(sample.filter((s) => RIGHT_TO_LEFT.test(s)).length).toBeGreaterThanOrEqual(5);
    const olga = user('olga');
    const api = await apiAs(olga);

    // Through the API, in parallel batches; the server is the authority on what a title may be.
    const stored: string[] = [];
    for (let i = 0; i < sample.length; i += 10) {
      const answers = await Promise.all(sample.slice(i, i + 10).map((title) => api.post('/tasks', { title })));
      for (const answer of answers) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        stored.push(answer.body.title as string);
      }
    }
    // And a few typed into the form, as a person would.
    const typed = ['<script>alert(123)</script>', sample.find((s) => RIGHT_TO_LEFT.test(s))!,
      '"><img src=x onerror=alert(1)>', 'Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮', '👩🏽‍💻 مرحبا שלום'];
    await signIn(page, olga, '/tasks');
    for (const title of typed) {
      await createTaskInUi(page, { title });
    }
    const all = await allTasks(api);
    for (const title of typed) expect(all.map((t) => t.title)).toContain(title.trim());

    await page.reload();
    const shown = await visibleTitles(page);
    expect([...shown].sort()).toEqual([...stored, ...typed.map((t) => t.trim())].sort());
    // Rendered as text: no element or handler came out of a title.
    const injected = await page.evaluate(() => Array.from(document.querySelectorAll('main *'))
      .filter((e) => ['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(e.tagName)
        || e.getAttributeNames().some((n) => n.startsWith('on')))
      .map((e) => e.outerHTML.slice(0, 80)));
    expect(injected).toEqual([]);
  });
});

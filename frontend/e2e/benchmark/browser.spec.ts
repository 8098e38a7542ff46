// `npm run benchmark`: what a person waits for, measured in Chromium against the whole local stack, next to the
// API's own time for the same calls (its access log: durationMs by request id). Prints medians and p95.
import { cpus, loadavg, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Response } from '@playwright/test';
import { expect, signInAtLoginPage, test, type Api } from '../harness/fixtures.ts';
import { fillTaskForm, taskItem, taskList } from '../harness/app.ts';
import { ownStack } from '../harness/own-stack.ts';
import { E2E, type StackInfo } from '../harness/stack.ts';

const RUNS = Number(process.env.RUNS ?? 20);
const own = ownStack('benchmark', { LOG_LEVEL: 'INFO' });

interface Sample { wallMs: number; serverMs: number; requests: number }

function serverTimes(stack: StackInfo): Map<string, number> {
  const times = new Map<string, number>();
  for (const line of readFileSync(stack.logFile, 'utf8').split('\n')) {
    const json = line.indexOf('{"requestId"');
    if (!line.includes('rest.access') || json < 0) continue;
    const entry = JSON.parse(line.slice(json)) as { requestId: string; durationMs: number };
    times.set(entry.requestId, entry.durationMs);
  }
  return times;
}

/** Runs `action` and returns its wall time and the API time of the API calls it made. */
async function measure(page: Page, stack: StackInfo, action: () => Promise<void>): Promise<Sample> {
  const ids: string[] = [];
  const seen = (response: Response) => {
    const id = response.headers()['x-request-id'];
    if (response.url().startsWith(stack.apiUrl) && id) ids.push(id);
  };
  page.on('response', seen);
  const started = performance.now();
  await action();
  const wallMs = performance.now() - started;
  page.off('response', seen);
  await new Promise((r) => setTimeout(r, 200)); // the access log line follows the response
  const times = serverTimes(stack);
  return { wallMs, serverMs: ids.reduce((sum, id) => sum + (times.get(id) ?? NaN), 0), requests: ids.length };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}

async function seed(api: Api, count: number) {
  for (let i = 0; i < count; i += 25) {
    const batch = Array.from({ length: Math.min(25, count - i) }, (_, j) => api.post('/tasks',
      { title: `Seeded task ${i + j + 1}`, tags: ['seed'], priority: ['LOW', 'MEDIUM', 'HIGH'][(i + j) % 3] }));
    for (const answer of await Promise.all(batch)) expect(answer.status).toBe(201);
  }
}

test('browser benchmark', async ({ browser, apiAs }) => {
  const stack = own.info();
  const results: Record<string, Sample[]> = { 'first task list after sign-in': [], 'create to visible': [],
    'list of 1,000 tasks, every page loaded': [] };

  const small = await apiAs('bench-small', stack);
  await seed(small, 5);
  const big = await apiAs('bench-big', stack);
  await seed(big, 1_000);

  for (let run = 0; run < RUNS; run++) {
    const page = await newPage(browser);
    await page.goto(`${stack.origin}/tasks`);
    await page.waitForURL((url) => url.href.startsWith(stack.issuer));
    await page.locator('input[name=username]').fill('bench-small');
    results['first task list after sign-in']!.push(await measure(page, stack, async () => {
      await page.locator('[type=submit]').click();
      await expect(taskList(page).getByRole('listitem').first()).toBeVisible();
    }));

    await page.getByRole('link', { name: 'New task' }).click();
    await fillTaskForm(page, { title: `Benchmark task ${run}` });
    results['create to visible']!.push(await measure(page, stack, async () => {
      await page.getByRole('button', { name: 'Create task' }).click();
      await expect(taskItem(page, `Benchmark task ${run}`)).toBeVisible();
    }));
    await page.context().close();

    const list = await newPage(browser);
    await list.goto(`${stack.origin}/tasks`);
    await signInAtLoginPage(list, stack, 'bench-big');
    await expect(taskList(list).getByRole('listitem').first()).toBeVisible();
    results['list of 1,000 tasks, every page loaded']!.push(await measure(list, stack, async () => {
      await list.goto(`${stack.origin}/tasks`);
      const more = list.getByRole('button', { name: 'Load more' });
      const items = taskList(list).locator(':scope > li'); // not the tags' own list items
      await expect(items.first()).toBeVisible();
      await expect(more).toBeVisible(); // 1,000 tasks are more than a page
      // A last page that is exactly full still offers "Load more"; the click after it finds nothing and ends.
      while (await more.isVisible()) {
        const before = await items.count();
        await more.scrollIntoViewIfNeeded();
        await more.click();
        // Waits in the page (on each frame) until the page of tasks is in, or there is no next one: the button is
        // named "Loading…" while it fetches, so its absence under the name "Load more" alone proves nothing.
        await list.waitForFunction((count) => {
          const buttons = [...document.querySelectorAll('button')].map((button) => button.textContent);
          const shown = document.querySelectorAll('ul[aria-label="Tasks"] > li').length;
          return !buttons.includes('Loading…') && (shown > count || !buttons.includes('Load more'));
        }, before);
      }
      expect(await items.count()).toBe(1_000);
      await list.getByRole('link', { name: 'Seeded task 1', exact: true }).scrollIntoViewIfNeeded();
    }));
    await list.context().close();
    // Written after every run, so that an interrupted benchmark still leaves what it measured.
    writeFileSync(join(E2E, 'target', 'benchmark.md'), report(results, run + 1));
  }

  console.log(`\n${report(results, RUNS)}\n`);
});

function report(results: Record<string, Sample[]>, runs: number): string {
  const lines = [`Chromium (headless) against bin/dev; ${runs} runs each; ${cpus().length} cores, `
    + `${Math.round(totalmem() / 2 ** 30)} GiB; load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`,
  '', '| what | wall median | wall p95 | API time median | API time p95 | API calls per run |',
  '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const [what, samples] of Object.entries(results)) {
    const wall = samples.map((s) => s.wallMs);
    const server = samples.map((s) => s.serverMs);
    lines.push(`| ${what} | ${quantile(wall, 0.5).toFixed(0)} ms | ${quantile(wall, 0.95).toFixed(0)} ms | `
      + `${quantile(server, 0.5).toFixed(0)} ms | ${quantile(server, 0.95).toFixed(0)} ms | `
      + `${quantile(samples.map((s) => s.requests), 0.5)} |`);
  }
  return `${lines.join('\n')}\n`;
}

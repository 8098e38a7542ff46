import { defineConfig } from '@playwright/test';

// The suite drives Debian's Chromium (never `playwright install`, which downloads a browser): CHROMIUM names
// another binary. Outside hosts (the sign-in page's web fonts) fail at once instead of waiting for DNS.
const chromium = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost'],
};

export default defineConfig({
  testDir: '.',
  outputDir: 'target/test-results',
  globalSetup: './harness/global-setup.ts',
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  // Generous waits: the machines this runs on are shared and often loaded far beyond their cores.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: 'target/report', open: 'never' }],
    ['./harness/failure-folder.ts'],
  ],
  use: {
    headless: true,
    launchOptions: chromium,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    { name: 'e2e', testMatch: 'tests/**/*.spec.ts' },
    { name: 'screenshots', testMatch: 'screenshots/**/*.spec.ts' },
    { name: 'benchmark', testMatch: 'benchmark/**/*.spec.ts', timeout: 20 * 60_000 },
  ],
});

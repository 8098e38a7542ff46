import { defineConfig, devices } from '@playwright/test';

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
  timeout: 90_000,
  expect: { timeout: 10_000 },
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
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    { name: 'e2e', testMatch: 'tests/**/*.spec.ts', use: { ...devices['Desktop Chrome'], launchOptions: chromium } },
    { name: 'screenshots', testMatch: 'screenshots/**/*.spec.ts', use: { launchOptions: chromium } },
    { name: 'benchmark', testMatch: 'benchmark/**/*.spec.ts', timeout: 20 * 60_000, use: { launchOptions: chromium } },
  ],
});

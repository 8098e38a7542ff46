import type { FullConfig } from '@playwright/test';
import { describe, freePort, startStack, stopAll } from './stack.ts';

/**
 * One stack for the whole run (scenarios that pause its database or shorten its tokens start their own). A second
 * origin is allowed by its CORS policy for the scenario that serves the app from elsewhere, as CloudFront does.
 */
export default async function globalSetup(_config: FullConfig) {
  const secondOrigin = `http://localhost:${await freePort()}`;
  const started = Date.now();
  const stack = await startStack('main', { env: { CORS_ALLOWED_ORIGINS: secondOrigin } });
  console.log(`[e2e] stack up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${stack.origin} `
    + `(log ${stack.logFile})`);
  process.env.E2E_STACK = JSON.stringify(describe(stack));
  process.env.E2E_SECOND_ORIGIN = secondOrigin;
  return async () => {
    await stopAll();
    console.log('[e2e] stack stopped; no Java or PostgreSQL process and no port left');
  };
}

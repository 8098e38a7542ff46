// A stack of the scenario's own, for what would disturb the shared one (its database paused, its tokens short).
import { test } from '@playwright/test';
import { describe, startStack, type Stack, type StackInfo } from './stack.ts';

/** Starts the stack before the file's tests and stops it after them; `info()` is for the tests. */
export function ownStack(name: string, env: Record<string, string>): { info(): StackInfo; stack(): Stack } {
  let stack: Stack | undefined;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    stack = await startStack(`${name}-${test.info().workerIndex}`, { env });
  });
  test.afterAll(async () => {
    test.setTimeout(90_000);
    await stack?.stop();
  });
  return {
    info: () => describe(stack!),
    stack: () => stack!,
  };
}

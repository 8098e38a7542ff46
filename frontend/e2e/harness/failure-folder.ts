import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { relative } from 'node:path';

/** Says where a failed test's trace, screenshot and browser console are kept. */
export default class FailureFolder implements Reporter {
  private readonly failed: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (result.status !== 'passed' && result.status !== 'skipped') {
      const folder = result.attachments.find((a) => a.path)?.path;
      this.failed.push(`${test.titlePath().slice(1).join(' › ')}${folder ? `\n    ${relative(process.cwd(), folder)
        .replace(/\/[^/]+$/, '/')}` : ''}`);
    }
  }

  onEnd(_result: FullResult) {
    if (this.failed.length === 0) return;
    console.log(`\nTrace, screenshot and browser console of each failed test (open a trace with `
      + `'npx playwright show-trace <folder>/trace.zip'; the whole report: target/report/index.html):`);
    for (const line of this.failed) console.log(`  ${line}`);
  }
}

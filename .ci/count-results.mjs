// Totals the Vitest and Playwright JSON reports into one line: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;

if (existsSync('.reports/vitest.json')) {
  const vitest = JSON.parse(readFileSync('.reports/vitest.json', 'utf8'));
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
}
if (existsSync('.reports/playwright.json')) {
  const stats = JSON.parse(readFileSync('.reports/playwright.json', 'utf8')).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
}
console.log(`${passed} passed, ${failed} failed`);

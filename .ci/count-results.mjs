// Totals the Vitest and Playwright JSON reports into one line: "N passed, N failed".
// The canary scan that runs after the e2e tests (Playwright's global teardown) counts as one check more:
// a hit, or a Playwright run that left no scan report, is a failure, never a pass.
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

  if (existsSync('.reports/canary-scan.json')) {
    const scan = JSON.parse(readFileSync('.reports/canary-scan.json', 'utf8'));
    const hits = Array.isArray(scan.hits) ? scan.hits : [];
    const problems = Array.isArray(scan.problems) ? scan.problems : [];
    if (hits.length === 0 && problems.length === 0) passed += 1;
    else {
      failed += 1;
      for (const hit of hits) console.log(`canary scan: ${hit.canary} appears in ${hit.source}`);
      for (const problem of problems) console.log(`canary scan: ${problem}`);
    }
  } else {
    failed += 1;
    console.log('canary scan: no .reports/canary-scan.json (the scan after the e2e tests did not run)');
  }
}
console.log(`${passed} passed, ${failed} failed`);

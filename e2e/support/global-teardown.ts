import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { FullConfig } from '@playwright/test';
import {
  CANARY_SCAN_REPORT,
  e2eCanaries,
  findCanaries,
  ISSUED_TOKENS_FILE,
  SERVER_LOG_DIR,
  SERVER_NAMES,
  serverLogPath,
  type ScannedText,
} from './canary-scan.ts';

const BUNDLE_DIR = 'dist-e2e';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Scans every server log under `root` and its dist-e2e/ for every canary and issued token, writes
 * CANARY_SCAN_REPORT (hits by name, never a value) and answers what is wrong: hits and missing inputs.
 */
export function canaryScan(root: string): { problems: string[]; canaries: number; files: number } {
  const problems: string[] = [];
  const texts: ScannedText[] = [];
  const read = (path: string) =>
    texts.push({ source: relative(root, path), text: readFileSync(path, 'utf8') });

  for (const name of SERVER_NAMES) {
    const path = serverLogPath(root, name);
    if (existsSync(path)) read(path);
    else problems.push(`no log from the ${name} server at ${relative(root, path)}`);
  }
  // Any further log (a server added to the config later) is scanned too.
  const logDir = join(root, SERVER_LOG_DIR);
  if (existsSync(logDir))
    for (const path of filesUnder(logDir))
      if (!texts.some((text) => text.source === relative(root, path))) read(path);

  const bundle = join(root, BUNDLE_DIR);
  if (existsSync(bundle)) filesUnder(bundle).forEach(read);
  else problems.push(`no ${BUNDLE_DIR}/ to scan`);

  const issuedFile = join(root, ISSUED_TOKENS_FILE);
  const issued = existsSync(issuedFile) ? readFileSync(issuedFile, 'utf8').split('\n') : [];
  const canaries = e2eCanaries(issued);
  const hits = findCanaries(texts, canaries);

  const report = join(root, CANARY_SCAN_REPORT);
  mkdirSync(dirname(report), { recursive: true });
  const summary = {
    scanned: texts.map((text) => text.source),
    canaries: canaries.length,
    issuedTokens: canaries.length - e2eCanaries([]).length,
    hits,
    problems: [...problems],
  };
  writeFileSync(report, `${JSON.stringify(summary, null, 2)}\n`);
  for (const hit of hits) problems.push(`${hit.canary} appears in ${hit.source}`);
  return { problems, canaries: canaries.length, files: texts.length };
}

/**
 * Playwright's global teardown, after every e2e run (the servers are still up): no canary credential and
 * no token the fake endpoints issued may appear in any server's log or in the built bundle. Throwing fails
 * `playwright test`; .ci/count-results.mjs reads the report too.
 */
export default function globalTeardown(config: FullConfig): void {
  const root = config.configFile ? dirname(config.configFile) : process.cwd();
  const { problems, canaries, files } = canaryScan(root);
  if (problems.length > 0)
    throw new Error(`Canary scan failed (${CANARY_SCAN_REPORT}):\n  ${problems.join('\n  ')}`);
  console.log(`canary scan: ${canaries} canaries, none in ${files} files (server logs and ${BUNDLE_DIR}/)`);
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANARY_SCAN_REPORT, ISSUED_TOKENS_FILE, SERVER_NAMES, serverLogPath } from './canary-scan.ts';
import { canaryScan } from './global-teardown.ts';
import { CANARY } from './ports.ts';

const ISSUED = 'eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3OTk5OTk5OTl9.issued-signature';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A finished e2e run on disk: a clean log from every server, a bundle and the issued tokens. */
function run(): string {
  const root = mkdtempSync(join(tmpdir(), 'canary-scan-'));
  dirs.push(root);
  for (const name of SERVER_NAMES) write(serverLogPath(root, name), `[audit-lens] ${name}: up\n`);
  write(join(root, 'dist-e2e/index.html'), '<!doctype html><title>Audit Lens</title>');
  write(join(root, 'dist-e2e/assets/index-abc.js'), 'console.log("app")');
  write(join(root, ISSUED_TOKENS_FILE), `${ISSUED}\ncf-demo.0123456789abcdef\n`);
  return root;
}

const report = (root: string) =>
  JSON.parse(readFileSync(join(root, CANARY_SCAN_REPORT), 'utf8')) as {
    hits: unknown[];
    problems: string[];
    issuedTokens: number;
  };

describe('canaryScan', () => {
  it('passes a clean run and reports what it scanned', () => {
    const root = run();
    expect(canaryScan(root).problems).toEqual([]);
    expect(report(root)).toMatchObject({ hits: [], problems: [], issuedTokens: 2 });
  });

  it('fails on a credential canary in a log, or an issued token in the bundle, naming neither value', () => {
    const root = run();
    write(serverLogPath(root, 'live'), `proxy error: ${CANARY.contaboPassword}\n`);
    write(join(root, 'dist-e2e/assets/index-abc.js'), `const t = "${ISSUED}";`);
    const { problems } = canaryScan(root);
    expect(problems).toEqual([
      'CANARY.contaboPassword appears in .reports/server-logs/live.log',
      'issued token #1 appears in dist-e2e/assets/index-abc.js',
    ]);
    const text = readFileSync(join(root, CANARY_SCAN_REPORT), 'utf8');
    expect(report(root).hits).toHaveLength(2);
    expect(text).not.toContain(CANARY.contaboPassword);
    expect(text).not.toContain(ISSUED);
  });

  it('scans a log of a server it does not know by name', () => {
    const root = run();
    write(join(root, '.reports/server-logs/extra.log'), CANARY.awsSessionToken);
    expect(canaryScan(root).problems).toEqual([
      'CANARY.awsSessionToken appears in .reports/server-logs/extra.log',
    ]);
  });

  it('fails when a server left no log or there is no bundle, rather than passing on nothing', () => {
    const root = run();
    rmSync(serverLogPath(root, 'dev'));
    rmSync(join(root, 'dist-e2e'), { recursive: true });
    expect(canaryScan(root).problems).toEqual([
      'no log from the dev server at .reports/server-logs/dev.log',
      'no dist-e2e/ to scan',
    ]);
    expect(report(root).problems).toHaveLength(2);
  });
});

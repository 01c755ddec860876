import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serverLogPath } from './canary-scan.ts';

const REPO = resolve(import.meta.dirname, '../..');
const TSX = join(REPO, 'node_modules/.bin/tsx');
const SCRIPT = join(REPO, 'e2e/support/log-server.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the wrapper in a scratch directory around `node -e code`. */
function run(
  code: string,
  onStdout?: (text: string, stop: (signal: NodeJS.Signals) => void) => void,
  group = false,
) {
  const cwd = mkdtempSync(join(tmpdir(), 'log-server-'));
  dirs.push(cwd);
  // As Playwright starts a web server: in a process group of its own, which it kills whole.
  const child = spawn(TSX, [SCRIPT, 'demo', process.execPath, '-e', code], { cwd, detached: group });
  const kill = (signal: NodeJS.Signals) =>
    group ? process.kill(-(child.pid ?? 0), signal) : child.kill(signal);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, kill);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string; log: string }>((done) => {
    child.on('close', (code) => {
      done({ code, stdout, stderr, log: readFileSync(serverLogPath(cwd, 'demo'), 'utf8') });
    });
  });
}

/** Running, as opposed to gone or a zombie nobody has reaped yet (PID 1 in a container may not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('log-server', () => {
  it('passes stdout and stderr through, writes both to the log, and exits as the server did', async () => {
    const result = await run('console.log("listening"); console.error("a warning"); process.exitCode = 3');
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('listening\n');
    expect(result.stderr).toBe('a warning\n');
    expect(result.log).toContain('listening\n');
    expect(result.log).toContain('a warning\n');
  }, 30_000);

  it('passes SIGTERM on to the server and keeps what it wrote', async () => {
    const result = await run(
      'console.log("up"); process.on("SIGTERM", () => { console.log("bye"); process.exit(0); }); setInterval(() => undefined, 1000)',
      (text, stop) => {
        if (text === 'up\n') stop('SIGTERM');
      },
    );
    expect(result.code).toBe(0);
    expect(result.log).toBe('up\nbye\n');
  }, 30_000);

  it('keeps what the server wrote when Playwright kills the whole process group', async () => {
    let serverPid = 0;
    const result = await run(
      'console.log(`pid ${process.pid}`); setInterval(() => undefined, 1000)',
      (text, stop) => {
        const pid = /^pid (\d+)\n/.exec(text)?.[1];
        if (pid && !serverPid) {
          serverPid = Number(pid);
          stop('SIGKILL');
        }
      },
      true,
    );
    expect(result.log).toBe(`pid ${serverPid}\n`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(serverPid)).toBe(false);
  }, 30_000);
});

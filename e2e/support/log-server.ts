/**
 * Runs one Playwright web server's command with its stdout and stderr also written to
 * `.reports/server-logs/<name>.log`, for the canary scan after the run:
 *
 *   npx tsx e2e/support/log-server.ts demo npx vite preview --outDir dist-e2e --port 4311
 *
 * Output passes through unchanged (stdout to stdout, stderr to stderr, so Playwright shows what it showed
 * before). Each chunk is written to the file synchronously, so nothing is lost when Playwright stops the
 * server by killing its process group; signals sent to this process are passed on, and it exits as the
 * server did.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { serverLogPath } from './canary-scan.ts';

const [name, command, ...args] = process.argv.slice(2);
if (name === undefined || !/^[a-z0-9-]+$/.test(name) || command === undefined) {
  console.error('usage: tsx e2e/support/log-server.ts <name> <command> [args…]');
  process.exit(2);
}

const path = serverLogPath(process.cwd(), name);
mkdirSync(dirname(path), { recursive: true });
const log = openSync(path, 'w');

const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'] });
const tee = (out: NodeJS.WriteStream) => (chunk: Buffer) => {
  writeSync(log, chunk);
  out.write(chunk);
};
child.stdout.on('data', tee(process.stdout));
child.stderr.on('data', tee(process.stderr));

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    child.kill(signal);
  });
}

child.on('error', (error) => {
  const line = `log-server: could not start ${command}: ${error.message}\n`;
  writeSync(log, line);
  process.stderr.write(line);
  process.exit(127);
});

// 'close', not 'exit': the child's output may still be in the pipes when it exits.
child.on('close', (code, signal) => {
  closeSync(log);
  process.exit(code ?? 128 + (signal ? constants.signals[signal] : 1));
});

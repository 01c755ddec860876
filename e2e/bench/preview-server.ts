import { spawn, type ChildProcess } from 'node:child_process';

/** Where the benchmark build goes and where its preview server listens (ports of their own). */
export const BENCH_OUT_DIR = 'dist-bench';
export const BENCH_PORT = 4390;

/** The server's environment: demo data only, never a developer's credentials or `.env.local`. */
function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(OPENAI_|CONTABO_|AGILICUS_|CF_|PCLUSTER_|AWS_|AUDIT_LENS_|PORT$)/.test(name)) env[name] = value;
  }
  return { ...env, AUDIT_LENS_ENV_FILE: 'none', AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Builds the app as it ships, into its own folder so it never disturbs `dist` or the e2e build. */
export function buildForBench(): Promise<void> {
  return run('npx', ['vite', 'build', '--outDir', BENCH_OUT_DIR, '--emptyOutDir'], benchEnv({}));
}

export interface PreviewServer {
  url: string;
  stop: () => Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts `vite preview` of the benchmark build with the given demo scale, in its own process group so
 * stopping it ends exactly the processes it started.
 */
export async function startPreview(demoScale: number): Promise<PreviewServer> {
  const child = spawn(
    'npx',
    ['vite', 'preview', '--outDir', BENCH_OUT_DIR, '--port', String(BENCH_PORT), '--strictPort'],
    {
      env: benchEnv({ AUDIT_LENS_DEMO_SCALE: String(demoScale) }),
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const ended = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
    ]);
    if (!ended) process.kill(-child.pid, 'SIGKILL');
  };
  const url = `http://127.0.0.1:${BENCH_PORT}`;
  try {
    await waitUntilUp(`${url}/`, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

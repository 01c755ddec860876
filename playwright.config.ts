import { defineConfig } from '@playwright/test';
import { DEMO_IMAGE_IDS } from './src/providers/parallelcluster/simulator/data.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './e2e/support/chromium.ts';
import type { ServerName } from './e2e/support/canary-scan.ts';
import { CANARY, FAKE_BASES, FAKE_UPSTREAM, PORTS } from './e2e/support/ports.ts';

const CI = Boolean(process.env.CI);

// A test run must never reach a real provider: drop every credential and cloud variable from the
// environment the servers inherit, and never read .env.local.
for (const name of Object.keys(process.env)) {
  if (/^(OPENAI_|CONTABO_|AGILICUS_|CF_|PCLUSTER_|AWS_|AUDIT_LENS_|PORT$)/.test(name))
    Reflect.deleteProperty(process.env, name);
}
process.env.AUDIT_LENS_ENV_FILE = 'none';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const preview = (port: number) => `npx vite preview --outDir dist-e2e --port ${port}`;
/** Every server's output also lands in .reports/server-logs/<name>.log, which the global teardown scans. */
const logged = (name: ServerName, command: string) => `npx tsx e2e/support/log-server.ts ${name} ${command}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts/,
  fullyParallel: false,
  workers: 1,
  forbidOnly: CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [[CI ? 'line' : 'list'], ['json', { outputFile: '.reports/playwright.json' }]],
  // Scans every server log and dist-e2e/ for canaries after the run; a hit fails it.
  globalTeardown: './e2e/support/global-teardown.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'demo', testMatch: /demo\/.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${PORTS.demo}` } },
    { name: 'live', testMatch: /live\/.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${PORTS.live}` } },
    {
      name: 'single',
      testMatch: /single\/.*\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${PORTS.single}` },
    },
    { name: 'dev', testMatch: /dev\/.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${PORTS.dev}` } },
  ],
  webServer: [
    {
      command: logged('fake-upstream', 'npx tsx e2e/support/fake-upstream.ts'),
      url: `${FAKE_UPSTREAM}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Demo mode, with the test-only fault control switched on.
      command: logged('demo', preview(PORTS.demo)),
      url: `http://127.0.0.1:${PORTS.demo}/`,
      env: {
        AUDIT_LENS_TEST_CONTROL: '1',
        AUDIT_LENS_DEMO_SCALE: '2',
        AUDIT_LENS_UPSTREAM_TIMEOUT_MS: '5000',
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Live mode: all five providers configured with canary credentials, pointed at the local fake upstreams.
      command: logged('live', preview(PORTS.live)),
      url: `http://127.0.0.1:${PORTS.live}/`,
      env: {
        OPENAI_ADMIN_KEY: CANARY.openaiAdminKey,
        OPENAI_BASE_URL: FAKE_BASES.openai,
        CONTABO_CLIENT_ID: CANARY.contaboClientId,
        CONTABO_CLIENT_SECRET: CANARY.contaboClientSecret,
        CONTABO_API_USER: CANARY.contaboUser,
        CONTABO_API_PASSWORD: CANARY.contaboPassword,
        CONTABO_BASE_URL: FAKE_BASES.contabo,
        CONTABO_AUTH_URL: FAKE_BASES.contaboAuth,
        AGILICUS_TOKEN: CANARY.agilicusToken,
        AGILICUS_BASE_URL: FAKE_BASES.agilicus,
        CF_API_URL: FAKE_BASES.cloudfoundry,
        CF_UAA_URL: FAKE_BASES.uaa,
        CF_CLIENT_ID: CANARY.cfClientId,
        CF_CLIENT_SECRET: CANARY.cfClientSecret,
        PCLUSTER_API_URL: FAKE_BASES.parallelcluster,
        PCLUSTER_IMAGE_IDS: DEMO_IMAGE_IDS.join(','),
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: CANARY.awsAccessKeyId,
        AWS_SECRET_ACCESS_KEY: CANARY.awsSecretAccessKey,
        AWS_SESSION_TOKEN: CANARY.awsSessionToken,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Only OpenAI configured: the other four must say "not configured" and show no demo rows.
      command: logged('single', preview(PORTS.single)),
      url: `http://127.0.0.1:${PORTS.single}/`,
      env: { OPENAI_ADMIN_KEY: CANARY.openaiAdminKey, OPENAI_BASE_URL: FAKE_BASES.openai },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // `npm start` itself (Vite dev), on its own port.
      command: logged('dev', 'npm start'),
      url: `http://127.0.0.1:${PORTS.dev}/`,
      env: { PORT: String(PORTS.dev) },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});

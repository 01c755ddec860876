/** Ports of the e2e servers: their own, so a developer's `npm start` on 5173 never collides. */
export const PORTS = {
  fakeUpstream: 4310,
  demo: 4311,
  live: 4312,
  dev: 4313,
  single: 4314,
} as const;

/**
 * Fake credentials (canaries): only the proxy and the fake upstreams ever see them; tests prove nothing
 * the browser receives contains one.
 */
export const CANARY = {
  openaiAdminKey: 'sk-admin-CANARY-e2e-0b5e7c1d',
  contaboClientId: 'CANARY-contabo-client-7f3a',
  contaboClientSecret: 'CANARY-contabo-secret-91c2',
  contaboUser: 'canary-user@example.com',
  contaboPassword: 'CANARY-contabo-password-44de',
  agilicusToken: 'CANARY-agilicus-token-5b8e',
  cfClientId: 'canary-cf-client',
  cfClientSecret: 'CANARY-cf-client-secret-d210',
  awsAccessKeyId: 'AKIACANARY0E2E0TEST1',
  awsSecretAccessKey: 'CANARY/aws+secret/key/0e2e0test0000000000',
  awsSessionToken: 'CANARY-aws-session-token-3c9f',
} as const;

export const FAKE_UPSTREAM = `http://127.0.0.1:${PORTS.fakeUpstream}`;

/** Where each provider's fake upstream answers, as the live server is configured to call it. */
export const FAKE_BASES = {
  openai: `${FAKE_UPSTREAM}/openai/v1`,
  contabo: `${FAKE_UPSTREAM}/contabo`,
  contaboAuth: `${FAKE_UPSTREAM}/contabo-auth/token`,
  agilicus: `${FAKE_UPSTREAM}/agilicus`,
  cloudfoundry: `${FAKE_UPSTREAM}/cf`,
  uaa: `${FAKE_UPSTREAM}/uaa`,
  parallelcluster: `${FAKE_UPSTREAM}/pcluster/prod`,
} as const;

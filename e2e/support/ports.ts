/** Ports of the e2e servers: their own, so a developer's `npm start` on 5173 never collides. */
export const PORTS = {
  fakeUpstream: 4310,
  demo: 4311,
  live: 4312,
  dev: 4313,
} as const;

/** Fake credentials: only the proxy and the fake upstream ever see them; tests prove nothing else does. */
export const CANARY = {
  openaiAdminKey: 'sk-admin-CANARY-e2e-0b5e7c1d',
} as const;

export const FAKE_UPSTREAM = `http://127.0.0.1:${PORTS.fakeUpstream}`;

import { describe, expect, it } from 'vitest';
import { TEST_NOW, TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { createClock } from '../simulator-kit/clock.ts';
import { fetchCloudFoundryPage, type CloudFoundryCursor } from './client.ts';
import { CF_ROLES_REACH_NOTE } from './reach.ts';
import { SIMULATED_FOUNDATION } from './simulator/data.ts';
import { cloudFoundrySimulatorHandlers } from './simulator/handlers.ts';

const API = 'https://api.org-auditor.cf.test';
const UAA = 'https://uaa.org-auditor.cf.test';
const ORG = SIMULATED_FOUNDATION.orgs[0]!.guid;
const LIVE = { CF_API_URL: API, CF_UAA_URL: UAA, CF_CLIENT_ID: 'org-auditor', CF_CLIENT_SECRET: 'secret' };

const proxy = setupProxyInProcess(
  LIVE,
  cloudFoundrySimulatorHandlers({
    baseUrl: API,
    uaaUrl: UAA,
    clientId: 'org-auditor',
    clientSecret: 'secret',
    clock: createClock(TEST_NOW),
    scale: 1,
    rateLimit: false,
    roleOrganizations: [ORG],
  }),
);
const day: TimelineQuery = { range: { from: TEST_NOW_MS - 86_400_000, to: TEST_NOW_MS } };

describe('Cloud Foundry reach, browser adapter → proxy → a live foundation', () => {
  it("notes once, on the feed's first page, that a token without global read sees only its roles' orgs", async () => {
    const first = await fetchCloudFoundryPage(day, null, { demo: false }, 20);
    expect(first.notes).toEqual([CF_ROLES_REACH_NOTE]);
    expect(first.events.length).toBe(20);
    expect(first.events.every((event) => event.scope.org === ORG)).toBe(true);
    const second = await fetchCloudFoundryPage(
      day,
      first.nextCursor as CloudFoundryCursor,
      { demo: false },
      20,
    );
    expect(second.events.length).toBeGreaterThan(0);
    expect(second.notes).toBeUndefined();
  });

  it('notes nothing for a token that reads the whole foundation (the demo: a global auditor)', async () => {
    proxy.reconfigure({});
    try {
      const page = await fetchCloudFoundryPage(day, null, { demo: true }, 20);
      expect(page.events.length).toBe(20);
      expect(page.notes).toBeUndefined();
    } finally {
      proxy.reconfigure(LIVE);
    }
  });
});

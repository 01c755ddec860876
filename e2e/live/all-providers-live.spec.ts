import { CANARY, FAKE_UPSTREAM } from '../support/ports.ts';
import { PROVIDER_LABELS } from '../support/providers.ts';
import { completenessLedger, expect, test, timelineGrid } from '../support/test.ts';

const SECRETS = Object.values(CANARY);

test('every provider is live through the proxy against local fake upstreams, and no credential reaches the browser', async ({
  page,
  request,
}) => {
  const leaks: string[] = [];
  const check = (where: string, text: string) => {
    for (const secret of SECRETS)
      if (text.includes(secret)) leaks.push(`${where} holds ${secret.slice(0, 12)}…`);
  };
  page.on('request', (req) => {
    check(`request ${req.url()}`, req.url() + JSON.stringify(req.headers()));
    if (req.headers().authorization) leaks.push(`the browser sent authorization to ${req.url()}`);
  });
  page.on('response', async (res) => {
    check(`response headers ${res.url()}`, JSON.stringify(await res.allHeaders()));
    check(`response body ${res.url()}`, await res.text().catch(() => ''));
  });

  const status = (await (await request.get('/api/_status')).json()) as {
    providers: { id: string; mode: string }[];
  };
  expect(status.providers.map((p) => p.mode)).toEqual(['live', 'live', 'live', 'live', 'live']);

  for (const [id, label] of Object.entries(PROVIDER_LABELS)) {
    await page.goto(`/?from=now-30d&p=${id}`);
    const grid = await timelineGrid(page);
    await expect(grid.locator('[role=row][data-key]').first(), label).toBeVisible();
    const providers = new Set(
      await grid.locator('[role=row][data-key] [role=gridcell]:nth-child(2)').allTextContents(),
    );
    expect([...providers], label).toEqual([label]);
    const ledger = completenessLedger(page);
    await expect(ledger.locator('[data-provider]').first()).toContainText('live');
    await expect(ledger.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText('Demo data')).toHaveCount(0);
    check(`page ${id}`, await page.content());
  }

  const seen = (await (await request.get(`${FAKE_UPSTREAM}/__seen`)).json()) as {
    path: string;
    authorization: string | null;
    headerNames: string[];
  }[];
  const calls = (prefix: string) => seen.filter((entry) => entry.path.startsWith(prefix));
  expect(
    calls('/openai/v1/organization/audit_logs').every(
      (c) => c.authorization === `Bearer ${CANARY.openaiAdminKey}`,
    ),
  ).toBe(true);
  expect(calls('/agilicus/v1/').every((c) => c.authorization === `Bearer ${CANARY.agilicusToken}`)).toBe(
    true,
  );
  const contabo = calls('/contabo/v1/compute/images/audits');
  expect(contabo.length).toBeGreaterThan(0);
  expect(
    contabo.every(
      (c) =>
        /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(c.authorization ?? '') &&
        c.headerNames.includes('x-request-id'),
    ),
  ).toBe(true);
  expect(calls('/contabo-auth/token').length).toBe(1);
  const cf = calls('/cf/v3/audit_events');
  expect(cf.length).toBeGreaterThan(0);
  expect(cf.every((c) => /^bearer /i.test(c.authorization ?? ''))).toBe(true);
  expect(calls('/uaa/oauth/token').length).toBe(1);
  const pcluster = calls('/pcluster/prod/v3/images/custom/');
  expect(pcluster.length).toBeGreaterThan(0);
  for (const call of pcluster) {
    expect(call.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${CANARY.awsAccessKeyId}/\\d{8}/us-east-1/execute-api/aws4_request`,
      ),
    );
    expect(call.headerNames).toContain('x-amz-security-token');
  }
  for (const call of seen)
    expect(
      call.headerNames.filter((name) => /cookie|forwarded|origin|referer/.test(name)),
      call.path,
    ).toEqual([]);
  expect(leaks).toEqual([]);
});

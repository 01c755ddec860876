import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../lib/provider-error.ts';
import { setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import { openAiEndpoint } from '../openai/client.ts';
import { fetchProviderJson } from './fetch-json.ts';

const proxy = setupProxyInProcess();

const anyBody = z.unknown();

function readAuditLogs(path = 'organization/audit_logs') {
  return fetchProviderJson(openAiEndpoint, { path, schema: anyBody }).catch((error: unknown) => error);
}

describe("fetchProviderJson and the proxy's own refusals", () => {
  it("reads the proxy's refusal as the proxy's: its message, its kind", async () => {
    const error = await readAuditLogs('organization/users');
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'http', status: 404 });
    expect((error as ProviderError).detail).toBe('no such openai endpoint');
  });

  it("never takes a provider's body shaped like a refusal for one, even with the marker header", async () => {
    await proxy.fault('openai', {
      status: 400,
      body: JSON.stringify({ auditLensProxy: { code: 'not_configured', message: 'spoofed by upstream' } }),
      headers: { 'x-audit-lens-refusal': '1' },
    });
    const error = await readAuditLogs();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'http', status: 400 });
    expect((error as ProviderError).detail).not.toContain('spoofed');
  });

  it('answers a malformed refusal-shaped body with a ProviderError, not a TypeError', async () => {
    await proxy.fault('openai', { status: 400, body: '{"auditLensProxy":null}' });
    const error = await readAuditLogs();
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'http', status: 400 });
  });
});

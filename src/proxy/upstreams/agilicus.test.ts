import { describe, expect, it } from 'vitest';
import { createClock } from '../../providers/simulator-kit/clock.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import type { ServerEnv } from '../config.ts';
import { agilicusUpstream } from './agilicus.ts';

function build(mode: ProviderStatus['mode'], env: ServerEnv = {}) {
  return agilicusUpstream({
    status: { id: 'agilicus', mode, reason: '' },
    env,
    clock: createClock('2026-11-20T12:00:00.000Z'),
    scale: 1,
    wrapDemo: (send) => send,
    log: () => undefined,
  });
}

describe('Agilicus upstream', () => {
  it('sends AGILICUS_TOKEN as a bearer token to the configured base URL when live', async () => {
    const upstream = build('live', {
      AGILICUS_TOKEN: ' eyJ.live.token\n',
      AGILICUS_BASE_URL: 'https://api.agilicus.example',
    });
    expect(upstream?.baseUrl).toBe('https://api.agilicus.example');
    const headers = new Headers();
    await upstream?.authorize(new URL('https://api.agilicus.example/v1/audits'), headers);
    expect(headers.get('authorization')).toBe('Bearer eyJ.live.token');
    expect(build('live', { AGILICUS_TOKEN: 't' })?.baseUrl).toBe('https://api.agilicus.com');
  });

  it('answers from the simulator with its demo token in demo mode', async () => {
    const upstream = build('demo');
    if (!upstream) throw new Error('no demo upstream');
    const url = new URL(`${upstream.baseUrl}/v1/auth_audits?dt_from=now-1h&limit=3`);
    const headers = new Headers();
    await upstream.authorize(url, headers);
    const response = await upstream.send(url, headers, new AbortController().signal);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { limit: number; auth_audits: unknown[] };
    expect(body.limit).toBe(3);
    const anonymous = await upstream.send(url, new Headers(), new AbortController().signal);
    expect(anonymous.status).toBe(401);
  });

  it('has no upstream when not configured or misconfigured', () => {
    expect(build('not configured')).toBeUndefined();
    expect(build('misconfigured')).toBeUndefined();
  });
});

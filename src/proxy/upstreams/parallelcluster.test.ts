import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_IMAGE_IDS } from '../../providers/parallelcluster/simulator/handlers.ts';
import { verifySigV4 } from '../../providers/parallelcluster/simulator/sigv4-verify.ts';
import { createClock } from '../../providers/simulator-kit/clock.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import { CredentialError } from '../api-handler.ts';
import type { ServerEnv } from '../config.ts';
import {
  awsCredentialsFrom,
  createParallelClusterUpstream,
  parallelClusterImages,
  parallelClusterUpstream,
} from './parallelcluster.ts';
import type { UpstreamFactory } from './upstream-context.ts';

const live: ProviderStatus = { id: 'parallelcluster', mode: 'live', reason: 'credentials set on the server' };
const demo: ProviderStatus = { id: 'parallelcluster', mode: 'demo', reason: 'built-in simulator' };
const keys = {
  accessKeyId: 'AKIAINJECTED0001',
  secretAccessKey: 'injected/secret',
  sessionToken: 'session-token-1',
};

function build(factory: UpstreamFactory, status: ProviderStatus, env: ServerEnv) {
  const upstream = factory({
    status,
    env,
    clock: createClock('2026-11-20T12:00:00.000Z'),
    scale: 1,
    wrapDemo: (send) => send,
    log: () => undefined,
  });
  if (!upstream) throw new Error('no upstream');
  return upstream;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('parallelClusterImages', () => {
  it("lists the simulator's images in demo and PCLUSTER_IMAGE_IDS live", () => {
    expect(parallelClusterImages(demo, { PCLUSTER_IMAGE_IDS: 'ignored' })).toEqual([...DEMO_IMAGE_IDS]);
    expect(parallelClusterImages(live, { PCLUSTER_IMAGE_IDS: ' img-a, img-b ,,img-a, 9bad ' })).toEqual([
      'img-a',
      'img-b',
    ]);
    expect(parallelClusterImages(live, {})).toEqual([]);
    expect(
      parallelClusterImages({ ...live, mode: 'not configured' }, { PCLUSTER_IMAGE_IDS: 'img-a' }),
    ).toEqual([]);
  });
});

describe('parallelClusterUpstream live', () => {
  const env = {
    PCLUSTER_API_URL: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
    PCLUSTER_REGION: 'eu-north-1',
  };

  it('adds region before signing, signs for the invoke URL region, and sends the session token', async () => {
    const upstream = build(
      createParallelClusterUpstream(() => () => Promise.resolve(keys)),
      live,
      env,
    );
    expect(upstream.baseUrl).toBe(env.PCLUSTER_API_URL);
    const url = new URL(`${env.PCLUSTER_API_URL}/v3/images/custom/my-image/logstreams/3.12.0%2F1?limit=10`);
    const headers = new Headers({ accept: 'application/json' });
    await upstream.authorize(url, headers);
    expect(url.searchParams.get('region')).toBe('eu-north-1');
    expect(url.pathname).toBe('/prod/v3/images/custom/my-image/logstreams/3.12.0%2F1');
    expect(headers.get('authorization')).toMatch(
      /Credential=AKIAINJECTED0001\/\d{8}\/eu-west-1\/execute-api\/aws4_request/,
    );
    expect(headers.get('x-amz-security-token')).toBe('session-token-1');
    const verdict = verifySigV4(new Request(url, { headers }), keys, {
      region: 'eu-west-1',
      service: 'execute-api',
    });
    expect(verdict).toEqual({ ok: true });
  });

  it('keeps a region the browser sent, and falls back to AWS_REGION for a custom domain', async () => {
    const upstream = build(
      createParallelClusterUpstream(() => () => Promise.resolve(keys)),
      live,
      {
        PCLUSTER_API_URL: 'https://pcluster.example.com/prod',
        AWS_REGION: 'ap-southeast-2',
        PCLUSTER_REGION: 'eu-north-1',
      },
    );
    const url = new URL('https://pcluster.example.com/prod/v3/images/custom/x/stackevents?region=us-west-2');
    const headers = new Headers();
    await upstream.authorize(url, headers);
    expect(url.searchParams.getAll('region')).toEqual(['us-west-2']);
    expect(headers.get('authorization')).toContain('/ap-southeast-2/execute-api/aws4_request');
  });

  it('refuses with a CredentialError when no signing region can be told', async () => {
    const upstream = build(
      createParallelClusterUpstream(() => () => Promise.resolve(keys)),
      live,
      {
        PCLUSTER_API_URL: 'https://pcluster.example.com/prod',
      },
    );
    await expect(
      upstream.authorize(new URL('https://pcluster.example.com/prod/v3'), new Headers()),
    ).rejects.toBeInstanceOf(CredentialError);
  });

  it("takes credentials from AWS's standard chain on the first request", async () => {
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAFROMENVIRONMENT');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'from-env');
    const upstream = build(parallelClusterUpstream, live, env);
    const headers = new Headers();
    await upstream.authorize(new URL(`${env.PCLUSTER_API_URL}/v3/images/custom/x/stackevents`), headers);
    expect(headers.get('authorization')).toContain('Credential=AKIAFROMENVIRONMENT/');
  });
});

describe('parallelClusterUpstream demo', () => {
  it('signs with the demo key pair, never the environment, and the simulator accepts it', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAREALKEYMUSTNOTLEAK');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'real');
    const injected = vi.fn(() => () => Promise.resolve(keys));
    const upstream = build(createParallelClusterUpstream(injected), demo, { PCLUSTER_REGION: 'eu-north-1' });
    const url = new URL(
      `${upstream.baseUrl}/v3/images/custom/alinux2023-slurm-base/logstreams/3.12.0%2F1?limit=2`,
    );
    const headers = new Headers({ accept: 'application/json' });
    await upstream.authorize(url, headers);
    expect(url.searchParams.has('region')).toBe(false);
    expect(headers.get('authorization')).toContain('Credential=AKIADEMOPCLUSTER0001/');
    expect(injected).not.toHaveBeenCalled();
    const response = await upstream.send(url, headers, AbortSignal.timeout(5000));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { events: unknown[] };
    expect(body.events).toHaveLength(2);
  });

  it('is absent when ParallelCluster is neither live nor demo', () => {
    const factory = createParallelClusterUpstream(() => () => Promise.resolve(keys));
    expect(
      factory({
        status: { ...live, mode: 'misconfigured' },
        env: {},
        clock: createClock(),
        scale: 1,
        wrapDemo: (send) => send,
        log: () => undefined,
      }),
    ).toBeUndefined();
  });
});

describe('awsCredentialsFrom', () => {
  it('takes keys set in the server configuration (so in .env.local too), which AWS’s own chain would miss', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    const credentials = awsCredentialsFrom({
      AWS_ACCESS_KEY_ID: ' AKIAFROMENVLOCAL01 ',
      AWS_SECRET_ACCESS_KEY: 'secret-from-env-local',
      AWS_SESSION_TOKEN: 'token-from-env-local',
    });
    expect(await credentials()).toEqual({
      accessKeyId: 'AKIAFROMENVLOCAL01',
      secretAccessKey: 'secret-from-env-local',
      sessionToken: 'token-from-env-local',
    });
    expect(await awsCredentialsFrom({ AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 's' })()).toEqual({
      accessKeyId: 'A',
      secretAccessKey: 's',
      sessionToken: undefined,
    });
  });
});

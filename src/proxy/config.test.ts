import { describe, expect, it } from 'vitest';
import { providerStatuses } from './config.ts';

const modes = (env: Record<string, string>) =>
  Object.fromEntries(providerStatuses(env).map((status) => [status.id, status.mode]));

describe('provider modes', () => {
  it('runs every provider on its simulator when nothing is configured', () => {
    expect(new Set(Object.values(modes({})))).toEqual(new Set(['demo']));
  });

  it('never puts a simulator beside a live provider', () => {
    expect(modes({ OPENAI_ADMIN_KEY: 'sk-admin-x' })).toEqual({
      contabo: 'not configured',
      agilicus: 'not configured',
      cloudfoundry: 'not configured',
      openai: 'live',
      parallelcluster: 'not configured',
    });
  });

  it('names what a partly configured provider is missing', () => {
    const statuses = providerStatuses({ CONTABO_CLIENT_ID: 'id', CF_API_URL: 'https://api.cf.example' });
    expect(statuses.find((s) => s.id === 'contabo')).toMatchObject({
      mode: 'misconfigured',
      missing: ['CONTABO_CLIENT_SECRET', 'CONTABO_API_USER', 'CONTABO_API_PASSWORD'],
    });
    expect(statuses.find((s) => s.id === 'cloudfoundry')).toMatchObject({
      mode: 'misconfigured',
      missing: ['CF_TOKEN'],
    });
  });

  it('accepts either Cloud Foundry credential kind', () => {
    const api = 'https://api.cf.example';
    expect(modes({ CF_API_URL: api, CF_TOKEN: 't' }).cloudfoundry).toBe('live');
    expect(
      modes({
        CF_API_URL: api,
        CF_UAA_URL: 'https://uaa.cf.example',
        CF_CLIENT_ID: 'c',
        CF_CLIENT_SECRET: 's',
      }).cloudfoundry,
    ).toBe('live');
  });

  it('makes everything demo with AUDIT_LENS_DEMO=1, even with credentials set', () => {
    expect(new Set(Object.values(modes({ AUDIT_LENS_DEMO: '1', OPENAI_ADMIN_KEY: 'k' })))).toEqual(
      new Set(['demo']),
    );
  });

  it('ignores blank values and never reports a secret', () => {
    expect(new Set(Object.values(modes({ OPENAI_ADMIN_KEY: '   ' })))).toEqual(new Set(['demo']));
    const text = JSON.stringify(
      providerStatuses({ OPENAI_ADMIN_KEY: 'sk-admin-CANARY', AGILICUS_TOKEN: 'ag-CANARY' }),
    );
    expect(text).not.toContain('CANARY');
  });

  it.each([
    [undefined, 'PCLUSTER_IMAGE_IDS names no image to follow: set a comma list of image ids'],
    [' , ', 'PCLUSTER_IMAGE_IDS names no image to follow: set a comma list of image ids'],
    [
      'good-one, my_image',
      'PCLUSTER_IMAGE_IDS: "my_image" is not an image id (a letter, then letters, digits and hyphens)',
    ],
    [
      '1st-image,ok,a',
      'PCLUSTER_IMAGE_IDS: "1st-image", "a" are not image ids (a letter, then letters, digits and hyphens)',
    ],
  ])('says why ParallelCluster cannot follow PCLUSTER_IMAGE_IDS=%j, rather than show less', (ids, reason) => {
    const [status] = providerStatuses({
      PCLUSTER_API_URL: 'https://p.example/prod',
      PCLUSTER_IMAGE_IDS: ids,
    }).filter((candidate) => candidate.id === 'parallelcluster');
    expect(status).toEqual({ id: 'parallelcluster', mode: 'misconfigured', reason });
  });

  it('follows every image PCLUSTER_IMAGE_IDS names when each is an image id', () => {
    const statuses = providerStatuses({
      PCLUSTER_API_URL: 'https://p.example/prod',
      PCLUSTER_IMAGE_IDS: 'a1, b-2',
    });
    expect(statuses.find((status) => status.id === 'parallelcluster')?.mode).toBe('live');
  });

  it('refuses, by name, a URL variable written without its scheme, and keeps the other providers', () => {
    const statuses = providerStatuses({
      CF_API_URL: 'https://api.cf.example',
      CF_UAA_URL: 'uaa.sys.example.com',
      CF_CLIENT_ID: 'c',
      CF_CLIENT_SECRET: 's',
      OPENAI_ADMIN_KEY: 'k',
      OPENAI_BASE_URL: 'api.openai.com/v1',
      PCLUSTER_API_URL: 'https://user:CANARY@abc.execute-api.us-east-1.amazonaws.com/prod',
      PCLUSTER_IMAGE_IDS: 'img-a',
      AGILICUS_TOKEN: 't',
      AGILICUS_BASE_URL: 'ftp://api.agilicus.com',
    });
    const byId = Object.fromEntries(statuses.map((status) => [status.id, status]));
    expect(byId.cloudfoundry).toMatchObject({
      mode: 'misconfigured',
      reason: expect.stringMatching(/^CF_UAA_URL must be/) as unknown,
    });
    expect(byId.openai).toMatchObject({
      mode: 'misconfigured',
      reason: expect.stringMatching(/^OPENAI_BASE_URL must be/) as unknown,
    });
    expect(byId.agilicus?.mode).toBe('misconfigured');
    expect(byId.parallelcluster).toMatchObject({
      mode: 'misconfigured',
      reason: 'PCLUSTER_API_URL must not hold a user name or password: credentials go in their own variables',
    });
    expect(JSON.stringify(statuses)).not.toContain('CANARY');
  });

  it('refuses plain http but for a loopback host, and a base URL with a query or fragment', () => {
    const byId = (env: Record<string, string>) =>
      Object.fromEntries(providerStatuses(env).map((status) => [status.id, status]));
    const cleartext = byId({
      OPENAI_ADMIN_KEY: 'k',
      OPENAI_BASE_URL: 'http://api.openai.com/v1',
      CONTABO_CLIENT_ID: 'i',
      CONTABO_CLIENT_SECRET: 's',
      CONTABO_API_USER: 'u',
      CONTABO_API_PASSWORD: 'p',
      CONTABO_AUTH_URL: 'http://auth.contabo.com/token',
      AGILICUS_TOKEN: 't',
      AGILICUS_BASE_URL: 'http://127.0.0.1:9000',
      CF_UAA_URL: 'http://127.attacker.example/uaa',
      CF_API_URL: 'https://api.cf.example?x=1',
      CF_TOKEN: 't',
    });
    expect(cleartext.openai?.reason).toBe(
      'OPENAI_BASE_URL must use https: over http the credentials would cross the network in clear',
    );
    expect(cleartext.contabo?.reason).toMatch(/^CONTABO_AUTH_URL must use https/);
    expect(cleartext.agilicus?.mode).toBe('live');
    expect(cleartext.cloudfoundry?.reason).toBe(
      'CF_API_URL must not hold a query or a fragment; CF_UAA_URL must use https: over http the credentials would cross the network in clear',
    );
    expect(
      byId({ OPENAI_ADMIN_KEY: 'k', OPENAI_BASE_URL: 'http://localhost:8080/v1#x' }).openai?.reason,
    ).toBe('OPENAI_BASE_URL must not hold a query or a fragment');
  });

  it('refuses, without echoing it, a token a request header cannot carry', () => {
    const statuses = providerStatuses({
      OPENAI_ADMIN_KEY: '“sk-admin-CANARY”',
      AGILICUS_TOKEN: ' Bearer abc.def ',
      CF_API_URL: 'https://api.cf.example',
      CF_TOKEN: 'bearer eyJ CANARY',
    });
    const byId = Object.fromEntries(statuses.map((status) => [status.id, status]));
    expect(byId.openai).toMatchObject({
      mode: 'misconfigured',
      reason: expect.stringMatching(/^OPENAI_ADMIN_KEY holds characters/) as unknown,
    });
    expect(byId.agilicus?.mode).toBe('live');
    expect(byId.cloudfoundry?.reason).toMatch(/^CF_TOKEN holds characters/);
    expect(JSON.stringify(statuses)).not.toContain('CANARY');
  });

  it('keeps demo with an option set alone (OPENAI_BASE_URL is the SDKs’ own variable), and names it', () => {
    const statuses = providerStatuses({
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      PCLUSTER_REGION: 'eu-west-1',
    });
    expect(statuses.every((status) => status.mode === 'demo')).toBe(true);
    expect(statuses.find((status) => status.id === 'parallelcluster')?.reason).toBe(
      'nothing is configured (PCLUSTER_REGION set, but without PCLUSTER_API_URL): built-in simulator',
    );
    const beside = providerStatuses({ AGILICUS_TOKEN: 't', PCLUSTER_IMAGE_IDS: 'img-1' });
    expect(beside.find((status) => status.id === 'parallelcluster')).toMatchObject({
      mode: 'not configured',
      reason: 'no credentials are set for this provider (PCLUSTER_IMAGE_IDS alone is ignored)',
    });
  });
});

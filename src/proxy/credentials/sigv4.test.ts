import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifySigV4 } from '../../providers/parallelcluster/simulator/sigv4-verify.ts';
import { CredentialError } from '../api-handler.ts';
import {
  credentialFailureText,
  lazyNodeCredentials,
  rfc3986,
  signingRegion,
  sigv4Authorizer,
} from './sigv4.ts';

/** AWS's published SigV4 test suite: credentials, scope and instant shared by every case. */
const SUITE = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 'service',
  at: new Date('2015-08-30T12:36:00Z'),
};
const SCOPE = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const SESSION_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

const suiteSigner = (
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = SUITE.credentials,
) =>
  sigv4Authorizer({
    service: SUITE.service,
    region: SUITE.region,
    credentials: () => Promise.resolve(credentials),
    now: () => SUITE.at,
  });

async function authorization(url: string) {
  const target = new URL(url);
  const headers = new Headers();
  await suiteSigner()(target, headers);
  return { header: headers.get('authorization'), date: headers.get('x-amz-date'), url: target };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('sigv4Authorizer against the AWS SigV4 test suite', () => {
  // Expected values: the suite's published signatures, as shipped in AWS's own SDK fixture (suite.fixture.js).
  const cases: [name: string, url: string, signature: string][] = [
    [
      'get-vanilla',
      'https://example.amazonaws.com/',
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    ],
    [
      'get-vanilla-query-order-key-case',
      'https://example.amazonaws.com/?Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'get-vanilla-empty-query-key',
      'https://example.amazonaws.com/?Param1=value1',
      'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb',
    ],
    [
      'get-unreserved',
      'https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f',
    ],
    [
      'get-vanilla-query-unreserved',
      'https://example.amazonaws.com/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
    ],
    [
      'get-vanilla-utf8-query',
      'https://example.amazonaws.com/?%E1%88%B4=bar',
      '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
    ],
  ];
  for (const [name, url, signature] of cases) {
    it(name, async () => {
      const signed = await authorization(url);
      expect(signed.header).toBe(`${SCOPE}, SignedHeaders=host;x-amz-date, Signature=${signature}`);
      expect(signed.date).toBe('20150830T123600Z');
    });
  }

  it('get-utf8: a raw UTF-8 path on the wire is signed encoded once; a percent-encoded one, once more', async () => {
    // The suite's request line carries the raw bytes `/ሴ` (canonical URI `/%E1%88%B4`). A URL always holds the
    // encoded form, so that is what goes out, and SigV4 (non-S3) signs it encoded again: `/%25E1%2588%25B4`.
    const { header, url } = await authorization('https://example.amazonaws.com/ሴ');
    expect(url.pathname).toBe('/%E1%88%B4');
    expect(header).not.toContain('8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85');
    const request = new Request(url, {
      headers: { authorization: header ?? '', 'x-amz-date': '20150830T123600Z' },
    });
    expect(verifySigV4(request, SUITE.credentials, SUITE, SUITE.at.getTime())).toEqual({ ok: true });
  });

  it('adds and signs x-amz-security-token when the credentials carry a session token', async () => {
    const url = new URL('https://example.amazonaws.com/');
    const headers = new Headers();
    await suiteSigner({ ...SUITE.credentials, sessionToken: SESSION_TOKEN })(url, headers);
    expect(headers.get('x-amz-security-token')).toBe(SESSION_TOKEN);
    expect(headers.get('authorization')).toContain('SignedHeaders=host;x-amz-date;x-amz-security-token,');
    const request = new Request(url, { headers });
    expect(verifySigV4(request, SUITE.credentials, SUITE, SUITE.at.getTime())).toEqual({ ok: true });
  });
});

describe('sigv4Authorizer over ParallelCluster paths', () => {
  const keys = { accessKeyId: 'AKIATESTKEY', secretAccessKey: 'test/secret+key' };
  const at = new Date('2026-11-20T12:00:00Z');
  const authorize = sigv4Authorizer({
    service: 'execute-api',
    region: 'eu-west-1',
    credentials: () => Promise.resolve(keys),
    now: () => at,
  });
  const expected = { region: 'eu-west-1', service: 'execute-api' };

  it('signs an encoded stream name exactly as sent: %2F stays in the path and is signed as %252F', async () => {
    const url = new URL(
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v3/images/custom/my-image/logstreams/3.1.2%2F1?limit=5',
    );
    const headers = new Headers();
    await authorize(url, headers);
    expect(url.pathname).toBe('/prod/v3/images/custom/my-image/logstreams/3.1.2%2F1');
    expect(verifySigV4(new Request(url, { headers }), keys, expected, at.getTime())).toEqual({ ok: true });
    // The same signature over the decoded path (what API Gateway would see had the proxy decoded it) fails.
    const decoded = new URL(
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v3/images/custom/my-image/logstreams/3.1.2/1?limit=5',
    );
    expect(verifySigV4(new Request(decoded, { headers }), keys, expected, at.getTime()).ok).toBe(false);
  });

  it('rewrites the query in RFC 3986 form so what is sent is what is signed', async () => {
    const url = new URL('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/x');
    url.searchParams.set('nextToken', 'f/3629 a+b/s');
    url.searchParams.set('region', 'eu-west-1');
    const headers = new Headers();
    await authorize(url, headers);
    expect(url.search).toBe('?nextToken=f%2F3629%20a%2Bb%2Fs&region=eu-west-1');
    expect(url.searchParams.get('nextToken')).toBe('f/3629 a+b/s');
    expect(verifySigV4(new Request(url, { headers }), keys, expected, at.getTime())).toEqual({ ok: true });
  });

  it('encodes like SigV4 wants', () => {
    expect(rfc3986("a b!'()*~/")).toBe('a%20b%21%27%28%29%2A~%2F');
  });

  it('turns a credential failure into a CredentialError', async () => {
    const failing = sigv4Authorizer({
      service: 'execute-api',
      region: 'us-east-1',
      credentials: () => Promise.reject(new Error('Could not load credentials from any providers')),
    });
    await expect(
      failing(new URL('https://x.execute-api.us-east-1.amazonaws.com/prod'), new Headers()),
    ).rejects.toBeInstanceOf(CredentialError);
  });

  it("never passes the SDK's own error text on: it can quote a credential process's output", async () => {
    const leaky = Object.assign(new Error('credential_process printed: AKIA-CANARY-7f3e secret=hunter2'), {
      name: 'CredentialsProviderError',
    });
    const failing = sigv4Authorizer({
      service: 'execute-api',
      region: 'us-east-1',
      credentials: () => Promise.reject(leaky),
    });
    const error = await failing(
      new URL('https://x.execute-api.us-east-1.amazonaws.com/prod'),
      new Headers(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as Error).message).toMatch(/^no AWS credentials could be resolved: no source/);
    expect((error as Error).message).not.toMatch(/CANARY|hunter2|credential_process/);
    expect(credentialFailureText(new TypeError('x y z'))).toBe(
      'no AWS credentials could be resolved: the credential chain failed (TypeError)',
    );
    expect(credentialFailureText(Object.assign(new Error(), { name: 'a b <script>' }))).toMatch(/\(error\)$/);
  });
});

describe('signingRegion', () => {
  it('reads the region from an API Gateway invoke URL, else falls back', () => {
    expect(signingRegion('https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/prod')).toBe(
      'eu-central-1',
    );
    expect(signingRegion('https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/prod')).toBe(
      'cn-north-1',
    );
    // A private API through a VPC endpoint, by its public DNS names, wins over AWS_REGION set elsewhere.
    expect(
      signingRegion(
        'https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.us-west-2.amazonaws.com/prod',
        'eu-west-1',
      ),
    ).toBe('us-west-2');
    expect(
      signingRegion('https://vpce-0123456789abcdef0-abcd1234.execute-api.us-west-2.vpce.amazonaws.com/prod'),
    ).toBe('us-west-2');
    expect(signingRegion('https://pcluster.example.com/prod', 'ap-southeast-2')).toBe('ap-southeast-2');
    expect(signingRegion('https://pcluster.example.com/prod')).toBeUndefined();
    expect(signingRegion('not a url', ' us-west-2 ')).toBe('us-west-2');
  });
});

describe('lazyNodeCredentials', () => {
  it('creates the chain on the first request only, and once', async () => {
    const create = vi.fn(() => () => Promise.resolve(SUITE.credentials));
    const source = lazyNodeCredentials(create);
    expect(create).not.toHaveBeenCalled();
    await source();
    await source();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("resolves credentials from the environment through AWS's standard chain", async () => {
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVIRONMENT01');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'env-session-token');
    const credentials = await lazyNodeCredentials()();
    expect(credentials).toMatchObject({
      accessKeyId: 'AKIAENVIRONMENT01',
      secretAccessKey: 'env-secret',
      sessionToken: 'env-session-token',
    });
  });
});

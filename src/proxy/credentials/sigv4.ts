import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { CredentialError } from '../api-handler.ts';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Resolves credentials when a request needs them; the SDK's own providers cache and refresh. */
export type AwsCredentialSource = () => Promise<AwsCredentials>;

export interface SigV4Options {
  /** The signing service: `execute-api` for API Gateway. */
  service: string;
  region: string;
  credentials: AwsCredentialSource;
  /** The signing instant; tests pin it. */
  now?: () => Date;
}

/**
 * AWS's standard credential chain (environment, SSO, web identity, ini files, process, container and
 * instance metadata), created on the first request only, so a server that never calls AWS never looks.
 */
export function lazyNodeCredentials(
  createChain: () => AwsCredentialSource = () => defaultProvider(),
): AwsCredentialSource {
  let chain: AwsCredentialSource | undefined;
  return () => {
    chain ??= createChain();
    return chain();
  };
}

// `<api>.execute-api.<region>.amazonaws.com`, a private API's `<api>-<vpce id>.execute-api.<region>…`,
// and a VPC endpoint's own `<vpce id>.execute-api.<region>.vpce.amazonaws.com`.
const EXECUTE_API_HOST = /^[a-z0-9-]+\.execute-api\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/i;

/** The region of an API Gateway invoke URL (`<id>.execute-api.<region>.amazonaws.com`), else the fallback. */
export function signingRegion(baseUrl: string, fallback?: string): string | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return fallback?.trim() || undefined;
  }
  return EXECUTE_API_HOST.exec(host)?.[1]?.toLowerCase() ?? (fallback?.trim() || undefined);
}

/** RFC 3986 encoding as SigV4 wants it: everything but `A-Z a-z 0-9 - . _ ~` is percent-encoded. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Rewrites the query in strict RFC 3986 form, so the bytes sent are exactly the bytes signed whatever the
 * server's decoding rules (URLSearchParams would send a space as `+`, which SigV4 does not sign).
 */
function normaliseQuery(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  const pairs: string[] = [];
  for (const [key, value] of url.searchParams) {
    pairs.push(`${rfc3986(key)}=${rfc3986(value)}`);
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  url.search = pairs.join('&');
  return query;
}

/**
 * What the browser is told when the chain fails: fixed words chosen by the error's class, never the SDK's
 * message, which can quote a credential process's output, a profile's settings or a file path.
 */
export function credentialFailureText(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'CredentialsProviderError')
    return "no AWS credentials could be resolved: no source in AWS's standard chain (environment, profile, SSO, web identity, container or instance metadata) had any";
  if (name === 'TokenProviderError')
    return 'no AWS credentials could be resolved: the SSO session has no valid token (run aws sso login)';
  return `no AWS credentials could be resolved: the credential chain failed (${/^\w{1,60}$/.test(name) ? name : 'error'})`;
}

/**
 * Signs GET requests with AWS Signature Version 4 (AWS's own signer). The canonical URI is the path exactly
 * as sent, encoded once more (SigV4 for every service but S3), so a stream name sent as `3.1.2%2F1` is
 * signed as `3.1.2%252F1`, which is what API Gateway computes from the path it receives.
 *
 * @example
 * const authorize = sigv4Authorizer({ service: 'execute-api', region: 'us-east-1', credentials });
 * await authorize(url, headers); // sets authorization, x-amz-date and x-amz-security-token
 */
export function sigv4Authorizer(options: SigV4Options) {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    sha256: Sha256,
    credentials: async () => {
      try {
        return await options.credentials();
      } catch (error) {
        throw new CredentialError(credentialFailureText(error));
      }
    },
    uriEscapePath: true,
    // execute-api does not need x-amz-content-sha256; signing fewer headers leaves less to go wrong.
    applyChecksum: false,
  });
  return async (url: URL, headers: Headers): Promise<void> => {
    const query = normaliseQuery(url);
    const request = new HttpRequest({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { host: url.host },
    });
    const signed = await signer.sign(request, { signingDate: options.now?.() ?? new Date() });
    for (const [name, value] of Object.entries(signed.headers)) {
      if (name === 'host') continue;
      headers.set(name, value);
    }
  };
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * API Gateway's side of IAM auth, written from the SigV4 specification with node:crypto alone (not AWS's
 * signer), so the proxy's signatures are checked by an independent implementation.
 */
export interface SigV4Secret {
  accessKeyId: string;
  secretAccessKey: string;
}

export type SigV4Verdict = { ok: true } | { ok: false; message: string };

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_SKEW_MS = 5 * 60_000;
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Canonical URI for every service but S3: the path as received, each segment encoded once more. */
export function canonicalUri(rawPath: string): string {
  if (rawPath === '' || rawPath === '/') return '/';
  return rawPath
    .split('/')
    .map((segment) => rfc3986(segment))
    .join('/');
}

/** Canonical query: decode what was received, re-encode strictly, sort by name then value. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = at < 0 ? pair : pair.slice(0, at);
      const value = at < 0 ? '' : pair.slice(at + 1);
      return [rfc3986(safeDecode(name)), rfc3986(safeDecode(value))] as const;
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The SigV4 signature of a canonical request, from first principles. */
export function sigV4Signature(input: {
  secretAccessKey: string;
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Readonly<Record<string, string>>;
  signedHeaders: readonly string[];
  amzDate: string;
  region: string;
  service: string;
  payloadHash?: string;
}): string {
  const canonicalHeaders = input.signedHeaders
    .map((name) => `${name}:${(input.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    input.method,
    canonicalUri(input.rawPath),
    canonicalQuery(input.rawQuery),
    canonicalHeaders,
    input.signedHeaders.join(';'),
    input.payloadHash ?? EMPTY_SHA256,
  ].join('\n');
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    input.amzDate,
    scope,
    createHash('sha256').update(canonicalRequest, 'utf8').digest('hex'),
  ].join('\n');
  let key = hmac(`AWS4${input.secretAccessKey}`, day);
  key = hmac(key, input.region);
  key = hmac(key, input.service);
  key = hmac(key, 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function amzDateMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Checks a request the way API Gateway's IAM authorizer does, with its own 403 messages. */
export function verifySigV4(
  request: Request,
  secret: SigV4Secret,
  expected: { region: string; service: string },
  wallClock: number = Date.now(),
): SigV4Verdict {
  const authorization = request.headers.get('authorization');
  if (!authorization) return { ok: false, message: 'Missing Authentication Token' };
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts) {
    return {
      ok: false,
      message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${authorization.slice(0, 40)}`,
    };
  }
  const [, keyId = '', day = '', region = '', service = '', signedList = '', signature = ''] = parts;
  if (keyId !== secret.accessKeyId)
    return { ok: false, message: 'The security token included in the request is invalid.' };
  if (region !== expected.region || service !== expected.service) {
    return {
      ok: false,
      message: `Credential should be scoped to a valid region, not '${region}'. Credential should be scoped to correct service: '${expected.service}'.`,
    };
  }
  const amzDate = request.headers.get('x-amz-date') ?? '';
  const at = amzDateMs(amzDate);
  if (Number.isNaN(at) || amzDate.slice(0, 8) !== day)
    return {
      ok: false,
      message: 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP',
    };
  if (Math.abs(at - wallClock) > MAX_SKEW_MS) {
    return {
      ok: false,
      message: `Signature expired: ${amzDate} is now earlier than ${new Date(wallClock - MAX_SKEW_MS).toISOString().replace(/[-:]|\.\d{3}/g, '')}`,
    };
  }
  const signedHeaders = signedList.split(';');
  if (!signedHeaders.includes('host'))
    return {
      ok: false,
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    };
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = request.headers.get(name) ?? '';
  headers.host = request.headers.get('host') ?? url.host;
  const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const expectedSignature = sigV4Signature({
    secretAccessKey: secret.secretAccessKey,
    method: request.method,
    rawPath: url.pathname,
    rawQuery: rawQuery.split('#')[0] ?? '',
    headers,
    signedHeaders,
    amzDate,
    region,
    service,
  });
  const same =
    expectedSignature.length === signature.length &&
    timingSafeEqual(Buffer.from(expectedSignature), Buffer.from(signature));
  return same ? { ok: true } : { ok: false, message: SIGNATURE_MISMATCH };
}

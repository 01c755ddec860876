import { describe, expect, it } from 'vitest';
import { scrubSecrets, sentSecrets } from './scrub-secrets.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe('sentSecrets', () => {
  it('takes bearer tokens, SigV4 signatures, key ids and session tokens, not the scheme or signed header names', () => {
    const headers = new Headers({
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEKEYID01/20261208/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=0123456789abcdef0123456789abcdef',
      'x-amz-security-token': 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+session=',
      'x-amz-date': '20261208T010203Z',
    });
    const secrets = sentSecrets(headers);
    expect(secrets).toEqual(
      expect.arrayContaining([
        'AKIAEXAMPLEKEYID01',
        'AKIAEXAMPLEKEYID01/20261208/us-east-1/execute-api/aws4_request',
        '0123456789abcdef0123456789abcdef',
        'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+session=',
      ]),
    );
    expect(secrets).not.toContain('AWS4-HMAC-SHA256');
    expect(secrets).not.toContain('host;x-amz-date;x-amz-security-token');
    expect(secrets).not.toContain('20261208T010203Z');
    expect(sentSecrets(new Headers({ authorization: 'Bearer sk-admin-abc123456' }))).toEqual([
      'Bearer sk-admin-abc123456',
      'sk-admin-abc123456',
    ]);
    expect(sentSecrets(new Headers())).toEqual([]);
  });
});

describe('scrubSecrets', () => {
  it("masks API Gateway's quoted canonical request, as sent and with JSON's escaped slashes", () => {
    const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH+session=';
    const secrets = sentSecrets(new Headers({ 'x-amz-security-token': token }));
    const message = `The request signature we calculated does not match.\n\nThe Canonical String for this request should have been\n'GET\n/prod/v3/images\n\nhost:abc.execute-api.us-east-1.amazonaws.com\nx-amz-security-token:${token}\n'`;
    const body = JSON.stringify({ message });
    expect(text(scrubSecrets(bytes(body), secrets))).toBe(
      JSON.stringify({ message: message.replace(token, '***') }),
    );
    const escaped = body.replaceAll('/', '\\/');
    expect(text(scrubSecrets(bytes(escaped), secrets))).not.toContain('wEaCXVzLWVhc3QtMSJH');
    const gson = body.replaceAll('/', '\\u002f').replaceAll('=', '\\u003d').replaceAll('+', '\\u002b');
    expect(text(scrubSecrets(bytes(gson), secrets))).not.toContain('wEaCXVzLWVhc3QtMSJH');
  });

  it('returns the same bytes when nothing is quoted', () => {
    const body = bytes('{"error":"nope"}');
    expect(scrubSecrets(body, ['sk-admin-abc123456'])).toBe(body);
  });
});

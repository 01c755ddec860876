import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, sigV4Signature } from './sigv4-verify.ts';

/** The simulator's own SigV4 (node:crypto) must reproduce AWS's published test-suite signatures. */
const base = {
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  method: 'GET',
  signedHeaders: ['host', 'x-amz-date'],
  headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
  amzDate: '20150830T123600Z',
  region: 'us-east-1',
  service: 'service',
};

describe('simulator SigV4 verifier', () => {
  it.each([
    ['get-vanilla', '/', '', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    [
      'get-vanilla-query-order-key-case',
      '/',
      'Param2=value2&Param1=value1',
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    ],
    [
      'get-utf8 (raw UTF-8 path on the wire)',
      '/ሴ',
      '',
      '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
    ],
    [
      'get-vanilla-utf8-query',
      '/',
      '%E1%88%B4=bar',
      '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
    ],
  ])('%s', (_name, rawPath, rawQuery, signature) => {
    expect(sigV4Signature({ ...base, rawPath, rawQuery })).toBe(signature);
  });

  it('post-sts-header-before: signs the session token header', () => {
    const token =
      'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';
    expect(
      sigV4Signature({
        ...base,
        method: 'POST',
        rawPath: '/',
        rawQuery: '',
        signedHeaders: ['host', 'x-amz-date', 'x-amz-security-token'],
        headers: { ...base.headers, 'x-amz-security-token': token },
      }),
    ).toBe('85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead');
  });

  it('encodes a received path once more and sorts a decoded query', () => {
    expect(canonicalUri('/prod/v3/images/custom/img/logstreams/3.1.2%2F1')).toBe(
      '/prod/v3/images/custom/img/logstreams/3.1.2%252F1',
    );
    expect(canonicalQuery('b=2&a=x%20y&a=1')).toBe('a=1&a=x%20y&b=2');
  });
});

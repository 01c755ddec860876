import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { e2eCanaries, findCanaries, issuedTokens } from './canary-scan.ts';
import { CANARY } from './ports.ts';

const SECRET = { name: 'CANARY.secret', value: 'CANARY/aws+secret/key' };
const TOKEN = { name: 'issued token #1', value: 'eyJhbGciOi.eyJleHAiOj.c2lnbmF0dXJl' };

describe('findCanaries', () => {
  it('finds nothing in clean texts', () => {
    const texts = [
      { source: 'server-logs/live.log', text: '[audit-lens] contabo: live (credentials set on the server)' },
      { source: 'dist-e2e/index.html', text: '<!doctype html><title>Audit Lens</title>' },
    ];
    expect(findCanaries(texts, [SECRET, TOKEN])).toEqual([]);
  });

  it('names each canary found and where, never its value', () => {
    const hits = findCanaries(
      [
        { source: 'a.log', text: `GET /x?token=${TOKEN.value} 200` },
        { source: 'b.js', text: `const k="${SECRET.value}";${TOKEN.value}` },
      ],
      [SECRET, TOKEN],
    );
    expect(hits).toEqual([
      { source: 'a.log', canary: TOKEN.name },
      { source: 'b.js', canary: SECRET.name },
      { source: 'b.js', canary: TOKEN.name },
    ]);
    expect(JSON.stringify(hits)).not.toContain(SECRET.value);
    expect(JSON.stringify(hits)).not.toContain(TOKEN.value);
  });

  it('finds a canary URL-encoded, as it would sit in a logged query string', () => {
    const text = `GET /api?k=${encodeURIComponent(SECRET.value)}`;
    expect(text).not.toContain(SECRET.value);
    expect(findCanaries([{ source: 'x.log', text }], [SECRET])).toEqual([
      { source: 'x.log', canary: SECRET.name },
    ]);
  });

  it('ignores values too short to be told from chance', () => {
    expect(findCanaries([{ source: 'x', text: 'abc' }], [{ name: 'short', value: 'abc' }])).toEqual([]);
    expect(findCanaries([{ source: 'x', text: 'anything' }], [{ name: 'empty', value: '' }])).toEqual([]);
  });

  it('finds any canary planted anywhere in any text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string({ minLength: 8 }).filter((value) => value.trim().length > 0),
        (before, after, value) => {
          const hits = findCanaries(
            [{ source: 's', text: `${before}${value}${after}` }],
            [{ name: 'c', value }],
          );
          expect(hits).toEqual([{ source: 's', canary: 'c' }]);
        },
      ),
    );
  });
});

describe('e2eCanaries', () => {
  it('holds every configured canary and every issued token, blanks dropped', () => {
    const canaries = e2eCanaries(['tok-aaaaaaaa-1', '', '  ', 'tok-bbbbbbbb-2']);
    const values = canaries.map((canary) => canary.value);
    for (const value of Object.values(CANARY)) expect(values).toContain(value);
    expect(values).toContain(CANARY.awsSessionToken);
    expect(canaries.slice(-2)).toEqual([
      { name: 'issued token #1', value: 'tok-aaaaaaaa-1' },
      { name: 'issued token #2', value: 'tok-bbbbbbbb-2' },
    ]);
    expect(canaries.find((canary) => canary.value === CANARY.contaboPassword)?.name).toBe(
      'CANARY.contaboPassword',
    );
  });
});

describe('issuedTokens', () => {
  it('reads the access and refresh tokens of a token answer, and nothing from anything else', () => {
    expect(
      issuedTokens(
        JSON.stringify({
          access_token: 'a.b.c',
          refresh_token: 'r.s',
          expires_in: 300,
          token_type: 'Bearer',
        }),
      ),
    ).toEqual(['a.b.c', 'r.s']);
    expect(issuedTokens(JSON.stringify({ access_token: 'cf-demo.1234', token_type: 'bearer' }))).toEqual([
      'cf-demo.1234',
    ]);
    expect(issuedTokens('{"error":"invalid_grant"}')).toEqual([]);
    expect(issuedTokens('not json')).toEqual([]);
    expect(issuedTokens('[1,2]')).toEqual([]);
    expect(issuedTokens('null')).toEqual([]);
  });
});

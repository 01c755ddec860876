/**
 * What an upstream may echo back of the credentials it was sent. API Gateway's SigV4 refusal quotes the
 * canonical request it expected, header values included (`x-amz-security-token:<token>`); other APIs may
 * quote a rejected token. Error bodies reach the browser, so every such value is masked there first.
 */
const SECRET_HEADERS = ['authorization', 'x-amz-security-token'] as const;
/** Shorter pieces are not masked: they are words or scheme names, not credentials. */
const MIN_SECRET_LENGTH = 6;
const MASK = '***';

/** The credential values an authorizer put on the outgoing request, whole and in their parts. */
export function sentSecrets(headers: Headers): string[] {
  const secrets = new Set<string>();
  const add = (secret: string) => {
    if (secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
  };
  for (const name of SECRET_HEADERS) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    add(value);
    // `Bearer <token>`, `Basic <base64>`, SigV4's `AWS4-HMAC-SHA256 Credential=<key id>/<scope>,
    // SignedHeaders=<names>, Signature=<hex>`; a value without a scheme (the session token) is all secret.
    const [scheme = '', ...rest] = value.split(/[\s,]+/);
    for (const part of rest.length ? rest : [scheme]) {
      const [, key, assigned] = /^([A-Za-z]+)=(.*)$/.exec(part) ?? [];
      if (key === 'SignedHeaders') continue;
      add(assigned ?? part);
      if (key === 'Credential' && assigned) add(assigned.split('/')[0] ?? '');
    }
  }
  return [...secrets];
}

/** The body with every sent secret (as is, or with JSON's escaped `\/`) replaced by `***`. */
export function scrubSecrets(
  body: Uint8Array<ArrayBuffer>,
  secrets: readonly string[],
): Uint8Array<ArrayBuffer> {
  if (secrets.length === 0 || body.byteLength === 0) return body;
  const text = new TextDecoder().decode(body);
  let scrubbed = text;
  // Longest first, so a whole header value goes before the token inside it.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    for (const form of jsonForms(secret)) scrubbed = scrubbed.split(form).join(MASK);
  }
  return scrubbed === text ? body : new TextEncoder().encode(scrubbed);
}

/**
 * A secret as it may stand in a JSON body: as is, with `\/` (PHP, older Java), and with `/ + =` as
 * `\u002F`-style escapes in either case (Gson writes `=` as `\u003d`).
 */
function jsonForms(secret: string): string[] {
  const unicode = (upper: boolean) =>
    secret.replace(/[/+=]/g, (char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  return [...new Set([secret, secret.replaceAll('/', '\\/'), unicode(false), unicode(true)])];
}

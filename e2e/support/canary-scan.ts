import { join } from 'node:path';
import { CANARY } from './ports.ts';

/** Where each e2e web server's output lands (`<name>.log`), relative to the repository. */
export const SERVER_LOG_DIR = '.reports/server-logs';
/** The access and refresh tokens the fake Contabo and UAA endpoints issued during the run, one a line. */
export const ISSUED_TOKENS_FILE = '.reports/issued-tokens.txt';
/** What the scan found: counts and hits by canary name, never a canary's value. */
export const CANARY_SCAN_REPORT = '.reports/canary-scan.json';
/** The e2e web servers; each must have left a log for the scan to mean anything. */
export const SERVER_NAMES = ['fake-upstream', 'demo', 'live', 'single', 'dev'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const serverLogPath = (root: string, name: string): string =>
  join(root, SERVER_LOG_DIR, `${name}.log`);

export interface Canary {
  /** Says which secret it is in a report, e.g. `CANARY.contaboPassword`. */
  name: string;
  value: string;
}

export interface ScannedText {
  /** Where the text came from, e.g. `server-logs/live.log` or `dist-e2e/assets/index-abc.js`. */
  source: string;
  text: string;
}

export interface CanaryHit {
  source: string;
  canary: string;
}

/** Shorter values would match by chance; every real canary and token is far longer. */
const MIN_CANARY_LENGTH = 8;

/**
 * Every canary found in every text, as written or URL-encoded. Hits name the canary, never its value, so
 * the report and the error that carry them do not leak it in turn.
 *
 * @example
 * findCanaries([{ source: 'live.log', text: 'token=abc123456' }], [{ name: 'T', value: 'abc123456' }])
 * // [{ source: 'live.log', canary: 'T' }]
 */
export function findCanaries(texts: readonly ScannedText[], canaries: readonly Canary[]): CanaryHit[] {
  const hits: CanaryHit[] = [];
  const needles = canaries
    .filter((canary) => canary.value.length >= MIN_CANARY_LENGTH)
    .map((canary) => ({
      name: canary.name,
      forms: [...new Set([canary.value, encodeURIComponent(canary.value)])],
    }));
  for (const { source, text } of texts) {
    for (const { name, forms } of needles)
      if (forms.some((form) => text.includes(form))) hits.push({ source, canary: name });
  }
  return hits;
}

/**
 * The canaries of an e2e run: every fake credential the servers were given, and every derived token the
 * fake token endpoints issued (they are random, so the fake upstream records them as it issues them).
 *
 * @example e2eCanaries(['eyJ.a.b']).at(-1) // { name: 'issued token #1', value: 'eyJ.a.b' }
 */
export function e2eCanaries(issuedTokens: readonly string[]): Canary[] {
  return [
    ...Object.entries(CANARY).map(([name, value]) => ({ name: `CANARY.${name}`, value })),
    ...issuedTokens
      .map((token) => token.trim())
      .filter((token) => token.length > 0)
      .map((value, index) => ({ name: `issued token #${index + 1}`, value })),
  ];
}

/**
 * The access and refresh tokens in a token endpoint's JSON answer, if it is one.
 *
 * @example issuedTokens('{"access_token":"a.b.c","expires_in":300}') // ['a.b.c']
 */
export function issuedTokens(body: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null) return [];
  const fields = json as Record<string, unknown>;
  return [fields.access_token, fields.refresh_token, fields.id_token].filter(
    (value): value is string => typeof value === 'string' && value.length > 0,
  );
}

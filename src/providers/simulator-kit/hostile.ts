import { hashSeed } from './random.ts';

/**
 * Hostile mode for the simulators (test-only): a generic rewrite of a provider's JSON page that puts attack
 * strings into every string field of every record, so every screen can be shown to render them as inert
 * text. It knows no provider: a record is any object inside a top-level array of the body. The fields that
 * paging and identity depend on are left alone, so the adapters still page and every row still renders.
 */

/** One attack string and what it tries. */
export interface HostilePayload {
  name: string;
  value: string;
}

/** Every attack string hostile mode injects (the 1 MB string and the nested JSON are added separately). */
export const HOSTILE_PAYLOADS: readonly HostilePayload[] = [
  { name: 'html-img-onerror', value: '<img src=x onerror=alert(1)>' },
  { name: 'html-script', value: '<script>alert(1)</script>' },
  { name: 'html-svg-onload', value: '<svg onload=alert(1)></svg>' },
  { name: 'html-iframe', value: '<iframe src="javascript:alert(1)"></iframe>' },
  { name: 'html-attribute-break', value: '"><b id="hostile-injected">x</b>' },
  { name: 'html-entity', value: '&lt;script&gt;alert(1)&lt;/script&gt;' },
  { name: 'javascript-url', value: 'javascript:alert(1)' },
  { name: 'javascript-url-mixed-case', value: ' JaVaScRiPt:alert(document.domain)' },
  { name: 'data-url', value: 'data:text/html,<script>alert(1)</script>' },
  { name: 'csv-hyperlink', value: '=HYPERLINK("http://evil.example","x")' },
  { name: 'csv-dde', value: "+cmd|' /C calc'!A0" },
  { name: 'csv-minus', value: "-2+3+cmd|' /C calc'!A0" },
  { name: 'csv-at', value: "@SUM(1+1)*cmd|' /C calc'!A0" },
  { name: 'csv-tab', value: '\t=1+1' },
  { name: 'ansi-colour', value: '\u001b[31mred\u001b[0m' },
  { name: 'ansi-clear-screen', value: '\u001b[2J\u001b[H' },
  { name: 'osc-8-link', value: '\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007' },
  { name: 'osc-title', value: '\u001b]0;owned\u0007' },
  { name: 'bidi-rlo', value: '\u202Egnp.exe' },
  { name: 'bidi-isolates', value: 'admin\u2067\u2066user\u2069\u2069' },
  { name: 'zero-width-space', value: 'a\u200Bb' },
  { name: 'zero-width-joiners', value: 'ro\u200Cot\u200D' },
  { name: 'byte-order-mark', value: '\uFEFFadmin' },
  { name: 'nul-and-controls', value: 'a\u0000b\u0008c\u007F' },
  { name: 'line-separators', value: 'line\u2028next\u2029para\r\nrow' },
  { name: 'template-literal', value: '${alert(1)}{{constructor.constructor("alert(1)")()}}' },
  { name: 'proto-pollution', value: '__proto__' },
  { name: 'lone-surrogate', value: 'x\uD800y' },
  { name: 'combining-marks', value: `Z${'\u0336\u0335\u0334'.repeat(40)}` },
];

/** Keys a record keeps untouched: identity, the time it sorts by, and what later requests are built from. */
const PROTECTED_KEYS: ReadonlySet<string> = new Set([
  'id',
  'guid',
  'eventId',
  'time',
  'timestamp',
  'created_at',
  'effective_at',
  'logStreamName',
]);

const HUGE_BYTES = 1024 * 1024;
/** One record in this many (by identity) carries the 1 MB string. */
const HUGE_EVERY = 400;
export const HOSTILE_NESTING_DEPTH = 200;

/** Marks a string that becomes a raw JSON number in the serialized body (JSON.stringify cannot write them). */
const RAW_MARK = '@@hostile-raw:';

/** Numbers at their limits, written raw: beyond 2^53, negative zero, the largest and smallest doubles. */
export const HOSTILE_NUMBERS: readonly string[] = [
  '9007199254740993',
  '-9007199254740993',
  '-0',
  '1e308',
  '-1.7976931348623157e308',
  '5e-324',
  '123456789012345678901234567890',
];

/** Dates at and past their limits, in fields nothing sorts by. */
export const HOSTILE_DATES: readonly (string | number)[] = [
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '1970-01-01T00:00:00Z',
  '2038-01-19T03:14:08Z',
  '2026-02-30T25:61:61Z',
  'not a date',
  8.64e15,
  -8.64e15,
  253402300800,
];

/**
 * A JSON value nested `depth` levels deep, alternating objects and arrays.
 *
 * @example
 * nestedValue(2); // { "level": [ "bottom" ] }
 */
export function nestedValue(depth: number): unknown {
  let value: unknown = 'bottom <script>alert(1)</script>';
  for (let level = depth; level > 0; level--) value = level % 2 === 0 ? [value] : { level: value };
  return value;
}

/**
 * The 1 MB string: every payload over and over, so a renderer that fails on any of them fails here too.
 *
 * @example
 * hugeString().length; // 1_048_576
 */
export function hugeString(bytes = HUGE_BYTES): string {
  const unit = HOSTILE_PAYLOADS.map((payload) => payload.value).join(' | ');
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

let huge: string | undefined;

function payloadFor(path: string, original: string): HostilePayload {
  const payload = HOSTILE_PAYLOADS[hashSeed(path, original) % HOSTILE_PAYLOADS.length];
  if (!payload) throw new Error('no hostile payloads');
  return payload;
}

/** Payload first (a CSV formula only fires from the first character), the original after it. */
function hostileString(path: string, original: string): string {
  return `${payloadFor(path, original).value}${original}`;
}

function rewrite(value: unknown, path: string): unknown {
  if (typeof value === 'string') return hostileString(path, value);
  if (Array.isArray(value)) return value.map((item, index) => rewrite(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = key === 'logStreamName' ? item : rewrite(item, `${path}.${key}`);
    }
    return out;
  }
  return value;
}

function identityOf(record: Record<string, unknown>): string {
  for (const key of PROTECTED_KEYS) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return `${key}=${String(value)}`;
  }
  return JSON.stringify(record).slice(0, 2000);
}

/**
 * Rewrites one record: every string outside the protected keys carries a payload, and a `hostile` field
 * adds all payloads, numbers and dates at their limits, deeply nested JSON and, in one record in forty, 1 MB.
 * Deterministic: the same record always comes out the same, so repeated pages still de-duplicate.
 *
 * @example
 * hostileRecord({ id: 1, action: 'CREATED' }).action; // e.g. '<img src=x onerror=alert(1)>CREATED'
 */
export function hostileRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    out[key] = PROTECTED_KEYS.has(key) ? value : rewrite(value, key);
  }
  const withHuge = hashSeed('huge', identityOf(record)) % HUGE_EVERY === 0;
  out.hostile = {
    payloads: HOSTILE_PAYLOADS.map((payload) => payload.value),
    numbers: HOSTILE_NUMBERS.map((number) => `${RAW_MARK}${number}`),
    dates: HOSTILE_DATES,
    nested: nestedValue(HOSTILE_NESTING_DEPTH),
    ...(withHuge ? { huge: (huge ??= hugeString()) } : {}),
  };
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Rewrites a page body: each object in a top-level array (`data`, `resources`, `audits`, `events`...) is a
 * record; everything else (cursors, totals, links) passes through. Returns the serialized body, with the
 * limit numbers written raw.
 *
 * @example
 * hostileBody({ data: [{ id: 1, action: 'CREATED' }], has_more: false });
 */
export function hostileBody(body: unknown): string {
  const out = isRecord(body)
    ? Object.fromEntries(
        Object.entries(body).map(([key, value]) => [
          key,
          Array.isArray(value)
            ? (value as unknown[]).map((item) => (isRecord(item) ? hostileRecord(item) : item))
            : value,
        ]),
      )
    : body;
  return JSON.stringify(out).replace(/"@@hostile-raw:([-+.\deE]+)"/g, '$1');
}

/** The string fields of a JSON value, with their paths: what a test checks for payloads. */
export function stringLeaves(value: unknown, path = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, `${path}[${index}]`));
  if (isRecord(value))
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, path ? `${path}.${key}` : key));
  return [];
}

export const HOSTILE_PROTECTED_KEYS = PROTECTED_KEYS;

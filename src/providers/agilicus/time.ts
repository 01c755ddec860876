/**
 * Agilicus `time` values are ISO 8601 date-times in UTC whose exact serialisation is unconfirmed: seen as
 * `2024-05-14T09:12:44.512000+00:00` (Python's isoformat, microseconds) and `2024-05-14T09:10:02Z`.
 * `Date.parse` is not relied on: browsers differ on more than three fraction digits, and rounding
 * `.512999` up to `.513` would move an event into the next millisecond (and the next paging window).
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const MIN_MICROS = Date.UTC(2000, 0, 1) * 1000;
const MAX_MICROS = Date.UTC(2100, 0, 1) * 1000;

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

/**
 * Microseconds since the epoch, or undefined when the text is not a date-time between 2000 and 2100.
 * A missing zone means UTC, as the API documents.
 *
 * @example parseAgilicusMicros('2024-05-14T09:12:44.512999+00:00') // 1715677964512999
 */
export function parseAgilicusMicros(text: string): number | undefined {
  return parseUtcMicrosFast(text) ?? parseMicrosByPattern(text);
}

/** The full parser: every shape the pattern allows. Exported for the test that holds the fast path to it. */
export function parseMicrosByPattern(text: string): number | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const parts = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = parts;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(utc).getUTCDate() !== day) return undefined;
  const micros =
    (utc - offsetMinutes(zone) * 60_000) * 1000 + Number((fraction ?? '').padEnd(6, '0').slice(0, 6));
  return micros >= MIN_MICROS && micros < MAX_MICROS ? micros : undefined;
}

const ZERO = 48;
const digitAt = (text: string, at: number): number => {
  const digit = text.charCodeAt(at) - ZERO;
  return digit >= 0 && digit <= 9 ? digit : Number.NaN;
};
const number = (text: string, from: number, length: number): number => {
  let value = 0;
  for (let at = from; at < from + length; at++) value = value * 10 + digitAt(text, at);
  return value;
};
let cachedDay = '';
let cachedDayStart = Number.NaN;

/**
 * The shapes the API really sends, read without a regular expression (ingest parses every time twice):
 * `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)`. Anything else (other zones, spaces) is left to the full parser.
 */
export function parseUtcMicrosFast(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T') return undefined;
  if (text[13] !== ':' || text[16] !== ':') return undefined;
  let end: number;
  if (text[length - 1] === 'Z') end = length - 1;
  else if (text.endsWith('+00:00')) end = length - 6;
  else return undefined;
  const day = text.slice(0, 10);
  if (day !== cachedDay) {
    const [year, month, date] = [number(text, 0, 4), number(text, 5, 2), number(text, 8, 2)];
    const start = Date.UTC(year, month - 1, date);
    if (!(month >= 1 && month <= 12) || new Date(start).getUTCDate() !== date) return undefined;
    cachedDay = day;
    cachedDayStart = start;
  }
  const [hour, minute, second] = [number(text, 11, 2), number(text, 14, 2), number(text, 17, 2)];
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  let fraction = 0;
  if (end > 19) {
    const digits = end - 20;
    if (text[19] !== '.' || digits < 1 || digits > 9) return undefined;
    fraction = number(text, 20, Math.min(digits, 6)) * 10 ** Math.max(0, 6 - digits);
    if (digits > 6 && Number.isNaN(number(text, 26, digits - 6))) return undefined;
    if (Number.isNaN(fraction)) return undefined;
  }
  const micros = (cachedDayStart + ((hour * 60 + minute) * 60 + second) * 1000) * 1000 + fraction;
  return micros >= MIN_MICROS && micros < MAX_MICROS ? micros : undefined;
}

/** Epoch milliseconds (floored, never rounded up), or undefined when unparseable. */
export function parseAgilicusTime(text: string): number | undefined {
  const micros = parseAgilicusMicros(text);
  return micros === undefined ? undefined : Math.floor(micros / 1000);
}

/** A window bound as the API's `dt_from`/`dt_to`: RFC 3339 in UTC with milliseconds. */
export function formatAgilicusBound(ms: number): string {
  return new Date(ms).toISOString();
}

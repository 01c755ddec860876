/**
 * `dt_from`/`dt_to` as the simulator reads them. Agilicus documents "human-friendly" values (`now`,
 * `today`, `now-1day`; its CLI also sends `-15d`) besides ISO 8601 date-times in UTC; the exact grammar is
 * unconfirmed, so this accepts those shapes and a calendar date, and refuses the rest (400).
 */
const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

const RELATIVE = /^(now|today)?\s*([+-])\s*(\d{1,6})\s*([a-z]+)$/i;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000;
}

function isoMicros(text: string): number | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(utc).getUTCDate() !== day) return undefined;
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    offset = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return (utc - offset * 60_000) * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** Epoch microseconds; `null` for an empty value (no bound); undefined when the value cannot be read. */
export function parseDtParam(value: string, nowMs: number): number | null | undefined {
  const text = value.trim();
  if (text === '') return null;
  const lower = text.toLowerCase();
  if (lower === 'now') return nowMs * 1000;
  if (lower === 'today') return startOfUtcDay(nowMs) * 1000;
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, anchor = 'now', sign, amount, unit = ''] = relative;
    const unitMs = UNIT_MS[unit.toLowerCase()];
    if (unitMs === undefined) return undefined;
    const base = anchor.toLowerCase() === 'today' ? startOfUtcDay(nowMs) : nowMs;
    return (base + (sign === '-' ? -1 : 1) * Number(amount) * unitMs) * 1000;
  }
  return isoMicros(text);
}

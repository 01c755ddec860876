const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/**
 * `formatTime(0, 'UTC')` → `1970-01-01 00:00:00 UTC`; other zones show their offset
 * (`2026-11-24 16:00:00 +01:00`): sortable, and the zone is always on screen.
 */
export function formatTime(ms: number, timeZone: string): string {
  if (timeZone === 'UTC') {
    // The common case, on every visible row of a scroll: skip Intl's formatToParts.
    const iso = new Date(ms).toISOString();
    if (iso.length === 24) return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  }
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? '').replace('GMT', '') || '+00:00';
  const zone = timeZone === 'UTC' ? 'UTC' : offset;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${zone}`;
}

/**
 * An event's time, to the millisecond: events are ordered by it, and within one second they would read as
 * simultaneous. `formatEventTime(1_500, 'UTC')` → `1970-01-01 00:00:01.500 UTC`.
 */
export function formatEventTime(ms: number, timeZone: string): string {
  const text = formatTime(ms, timeZone);
  const millis = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
  // After the seconds, before the zone: `… 00:00:01 UTC` → `… 00:00:01.500 UTC`.
  const space = text.lastIndexOf(' ');
  return `${text.slice(0, space)}.${millis}${text.slice(space)}`;
}

export function formatUtc(ms: number): string {
  return formatTime(ms, 'UTC');
}

let localZone: string | undefined;

/**
 * The browser's own IANA zone, for the UTC/local toggle. Read once: building an `Intl.DateTimeFormat` to
 * ask costs milliseconds, and the toolbar asks on every render while pages stream in.
 */
export function localTimeZone(): string {
  localZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return localZone;
}

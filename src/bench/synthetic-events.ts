import type { AuditEvent } from '../timeline/audit-event.ts';
import { plainEvent } from '../timeline/packed-events.ts';
import { compareNewestFirst } from '../timeline/ordering.ts';
import type { TimeRange } from '../timeline/feed.ts';

function shiftIp(ip: string | undefined, copy: number): string | undefined {
  if (!ip) return ip;
  const dot = ip.lastIndexOf('.');
  if (dot < 0) return ip;
  const octet = Number(ip.slice(dot + 1));
  return Number.isInteger(octet) ? `${ip.slice(0, dot + 1)}${(octet + copy * 37) % 256}` : ip;
}

/**
 * Scales real simulator events up to `count` events over the same range: each copy keeps the original's
 * shape and values (so facets have realistic cardinality and skew) but gets its own key, a time a few
 * seconds earlier (kept in range), and for some copies another IP address and actor, so the facet
 * cardinality grows with the count as it would with more users. Nested objects and `raw` are shared.
 *
 * @example scaleEvents(rows100k, 1_000_000, range).length // 1_000_000, newest first
 */
export function scaleEvents(base: readonly AuditEvent[], count: number, range: TimeRange): AuditEvent[] {
  const out: AuditEvent[] = base.slice(0, count);
  // Copies are plain objects (a packed event spread would lose its fields), made from one plain copy of each.
  const plain = base.map(plainEvent);
  for (let copy = 1; out.length < count; copy++) {
    for (const event of plain) {
      if (out.length >= count) break;
      const time = Math.max(range.from, event.time - copy * 7_919);
      const renamed = copy % 3 === 0 && event.actor.email;
      out.push({
        ...event,
        key: `${event.key}~${copy}`,
        time,
        ip: shiftIp(event.ip, copy),
        actor: renamed ? { ...event.actor, email: `c${copy}.${event.actor.email ?? ''}` } : event.actor,
      });
    }
  }
  return out.sort(compareNewestFirst);
}

import { parseTimeExpression } from '../../lib/time-expression.ts';
import type { TimelineQuery } from '../../timeline/feed.ts';
import { DEFAULT_VIEW, type ViewState } from '../../url-state/view-state.ts';

/** The query to run, and why it is not the view's own range when that range cannot be used. */
export interface ResolvedQuery {
  query: TimelineQuery;
  problem?: string;
}

type Range = Pick<ViewState, 'from' | 'to' | 'tz'>;

function absoluteRange(
  view: Range,
  now: number,
): { ok: true; query: TimelineQuery } | { ok: false; problem: string } {
  const from = parseTimeExpression(view.from, now, view.tz);
  const to = parseTimeExpression(view.to, now, view.tz);
  if (!from.ok) return { ok: false, problem: `from “${view.from}”: ${from.problem}` };
  if (!to.ok) return { ok: false, problem: `to “${view.to}”: ${to.problem}` };
  // Nothing after now exists yet: the end is clamped before the range is checked for emptiness.
  const end = Math.min(to.ms, now);
  if (from.ms >= end) {
    // Grafana and Kibana round a `to` up to the end of its unit; here rounding is always to the start.
    const roundedTo = /\/[smhdw]$/.test(view.to.trim())
      ? ` (a rounded “to” is the start of its ${UNIT_NAMES[view.to.trim().slice(-1)] ?? 'unit'}: for all of it, end at the next one, as “Yesterday” ends at now/d)`
      : '';
    return {
      ok: false,
      problem: `the range ${view.from} to ${view.to} is empty: “from” must be before “to” and before now${roundedTo}`,
    };
  }
  return { ok: true, query: { range: { from: from.ms, to: end } } };
}

const UNIT_NAMES: Record<string, string> = {
  s: 'second',
  m: 'minute',
  h: 'hour',
  d: 'day',
  w: 'week',
};

/**
 * Turns the view's time expressions into an absolute range, pinned at `now` (the moment the query starts).
 * A range that cannot be used (an empty one, or one made of garbage) is reported, and the default range
 * runs instead: a bad link still shows events, never a blank page.
 */
export function resolveQuery(view: Range, now: number): ResolvedQuery {
  const resolved = absoluteRange(view, now);
  if (resolved.ok) return { query: resolved.query };
  const fallback = absoluteRange({ from: DEFAULT_VIEW.from, to: DEFAULT_VIEW.to, tz: view.tz }, now);
  if (!fallback.ok) throw new Error(`the default range does not resolve: ${fallback.problem}`);
  return { query: fallback.query, problem: `${resolved.problem}; showing the last 24 hours instead` };
}

/** An absolute window around an instant, in ISO 8601 UTC: what a permalink pins. */
export function windowAround(ms: number, halfWidthMs = 3_600_000): { from: string; to: string } {
  return { from: new Date(ms - halfWidthMs).toISOString(), to: new Date(ms + halfWidthMs).toISOString() };
}

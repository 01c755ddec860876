import { parseTimeExpression } from '../../lib/time-expression.ts';
import type { TimelineQuery } from '../../timeline/feed.ts';
import type { ViewState } from '../../url-state/view-state.ts';

export type ResolvedQuery = { ok: true; query: TimelineQuery } | { ok: false; problem: string };

/** Turns the view's time expressions into an absolute range, pinned at `now` (the moment the query starts). */
export function resolveQuery(view: Pick<ViewState, 'from' | 'to' | 'tz'>, now: number): ResolvedQuery {
  const from = parseTimeExpression(view.from, now, view.tz);
  const to = parseTimeExpression(view.to, now, view.tz);
  if (!from.ok) return { ok: false, problem: `from: ${from.problem}` };
  if (!to.ok) return { ok: false, problem: `to: ${to.problem}` };
  if (from.ms >= to.ms) return { ok: false, problem: 'the range is empty: "from" must be before "to"' };
  return { ok: true, query: { range: { from: from.ms, to: Math.min(to.ms, now) } } };
}

/** An absolute window around an instant, in ISO 8601 UTC: what a permalink pins. */
export function windowAround(ms: number, halfWidthMs = 3_600_000): { from: string; to: string } {
  return { from: new Date(ms - halfWidthMs).toISOString(), to: new Date(ms + halfWidthMs).toISOString() };
}

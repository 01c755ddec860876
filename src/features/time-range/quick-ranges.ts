import { parseTimeExpression } from '../../lib/time-expression.ts';

/** Quick ranges of the time picker, as URL-contract expressions. */
export const QUICK_RANGES = [
  { label: 'Last 15 minutes', from: 'now-15m', to: 'now' },
  { label: 'Last 1 hour', from: 'now-1h', to: 'now' },
  { label: 'Last 24 hours', from: 'now-24h', to: 'now' },
  { label: 'Last 7 days', from: 'now-7d', to: 'now' },
  { label: 'Last 30 days', from: 'now-30d', to: 'now' },
  { label: 'Today', from: 'now/d', to: 'now' },
  { label: 'Yesterday', from: 'now-1d/d', to: 'now/d' },
] as const;

export function rangeLabel(from: string, to: string): string {
  return QUICK_RANGES.find((range) => range.from === from && range.to === to)?.label ?? `${from} → ${to}`;
}

const RECENT_KEY = 'audit-lens.recent-ranges';

const readable = (expression: string) => parseTimeExpression(expression, Date.now(), 'UTC').ok;

export function recentRanges(): { from: string; to: string }[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (entry): entry is { from: string; to: string } =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { from?: unknown }).from === 'string' &&
        typeof (entry as { to?: unknown }).to === 'string' &&
        // Stored by an older build, or edited: one that no longer reads is not offered.
        readable((entry as { from: string }).from) &&
        readable((entry as { to: string }).to),
    );
  } catch {
    return [];
  }
}

export function rememberRange(range: { from: string; to: string }): void {
  const next = [
    range,
    ...recentRanges().filter((entry) => entry.from !== range.from || entry.to !== range.to),
  ].slice(0, 5);
  localStorage.setItem(RECENT_KEY, JSON.stringify(next));
}

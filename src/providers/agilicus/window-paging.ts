/** A time window in epoch ms: `from` inclusive, `to` exclusive, like the API's `dt_from`/`dt_to`. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** What the API answered for one window: its rows (in any order) and the limit it says it applied. */
export interface WindowAnswer<R> {
  rows: readonly R[];
  limit?: number;
  /** Rows also returned but left out, having no readable time: they count towards a full answer. */
  unplaced?: number;
}

export interface WindowPagingOptions<R> {
  /** Rows asked per request. */
  limit: number;
  /** The larger limit an over-full instant is asked again with. */
  instantLimit: number;
  timeOf: (row: R) => number;
  fetchWindow: (window: TimeWindow, limit: number) => Promise<WindowAnswer<R>>;
  /** Stop resolving further windows once this many rows are in hand. */
  pageTarget: number;
  /** Stop after this many requests; the split windows wait in the returned stack. */
  maxRequests: number;
  /** Names the feed in warnings. */
  label: string;
}

export interface ResolvedWindow<R> {
  window: TimeWindow;
  /** Every row of the window (unless a gap was reported for it), in the server's order. */
  rows: R[];
}

export interface WindowStep<R> {
  /** Resolved windows, newest first. */
  resolved: ResolvedWindow<R>[];
  /** Windows still to ask, newest first. */
  pending: TimeWindow[];
  warnings: string[];
  requests: number;
}

function isFull(answer: WindowAnswer<unknown>, asked: number): boolean {
  const applied = answer.limit !== undefined && answer.limit >= 1 ? Math.min(asked, answer.limit) : asked;
  return answer.rows.length + (answer.unplaced ?? 0) >= applied;
}

/**
 * Resolves the newest pending windows into complete ones. The API has only `limit` and a `[dt_from, dt_to)`
 * window, and neither its order nor which rows survive truncation is documented, so: fewer rows than the
 * limit is the whole window; a full answer splits the window in two halves (asked newest first), whatever
 * the server's order; a full one-millisecond instant is asked again with `instantLimit`, and if still full
 * it is returned as it is with a gap warning, never silently.
 *
 * @example
 * const step = await resolveNewestWindows([{ from: 0, to: 86_400_000 }], options);
 * step.resolved; // complete windows, newest first; step.pending: the older rest
 */
export async function resolveNewestWindows<R>(
  pending: readonly TimeWindow[],
  options: WindowPagingOptions<R>,
): Promise<WindowStep<R>> {
  const stack = pending.filter((window) => window.to > window.from);
  const resolved: ResolvedWindow<R>[] = [];
  const warnings: string[] = [];
  let requests = 0;
  let rowsInHand = 0;

  while (stack.length > 0 && rowsInHand < options.pageTarget && requests < options.maxRequests) {
    const window = stack.shift();
    if (!window) break;
    let limit = options.limit;
    let answer: WindowAnswer<R>;
    try {
      answer = await options.fetchWindow(window, limit);
      requests++;
      if (isFull(answer, limit) && window.to - window.from <= 1 && options.instantLimit > limit) {
        limit = options.instantLimit;
        answer = await options.fetchWindow(window, limit);
        requests++;
      }
    } catch (error) {
      // A page is many requests: one failing (a 429 past the retry budget) keeps the windows already read,
      // and the failed one waits, newest, for the next page. With nothing read yet, the page fails.
      if (resolved.length === 0) throw error;
      stack.unshift(window);
      break;
    }
    if (isFull(answer, limit)) {
      if (window.to - window.from > 1) {
        const middle = window.from + Math.floor((window.to - window.from) / 2);
        stack.unshift({ from: middle, to: window.to }, { from: window.from, to: middle });
        continue;
      }
      warnings.push(
        `${options.label}: more than ${answer.rows.length} records at ${new Date(window.from).toISOString()}; only ${answer.rows.length} could be read (the API cannot page inside one millisecond), so some may be missing`,
      );
    }
    const rows = answer.rows.filter((row) => {
      const time = options.timeOf(row);
      return time >= window.from && time < window.to;
    });
    if (rows.length < answer.rows.length) {
      warnings.push(
        `${options.label}: the API returned ${answer.rows.length - rows.length} records outside the asked window ${new Date(window.from).toISOString()} – ${new Date(window.to).toISOString()}; they were left out`,
      );
    }
    if (answer.unplaced) {
      warnings.push(
        `${options.label}: ${answer.unplaced} records between ${new Date(window.from).toISOString()} and ${new Date(window.to).toISOString()} had no readable time; they were left out`,
      );
    }
    resolved.push({ window, rows });
    rowsInHand += rows.length;
  }
  return { resolved, pending: stack, warnings, requests };
}

interface YieldingScheduler {
  yield(): Promise<void>;
}

function schedulerYield(): (() => Promise<void>) | undefined {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  return typeof scheduler?.yield === 'function' ? () => (scheduler as YieldingScheduler).yield() : undefined;
}

/**
 * Ends the current task and resumes in a new one, ahead of other waiting work (`scheduler.yield()`), so a
 * long stretch of work split at these points lets the browser render and handle input between its parts.
 * Where there is no `scheduler.yield` (Safari, Node in tests and benchmarks) it resolves at once: there the
 * work runs as one task, as before, and never waits on a timer.
 *
 * @example
 * const body = JSON.parse(text);
 * await nextTask(); // the page's normalization runs in a task of its own
 */
export const nextTask: () => Promise<void> = schedulerYield() ?? (() => Promise.resolve());

import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.resetModules();
});

describe('nextTask', () => {
  it('yields through scheduler.yield where the browser has it', async () => {
    const yieldTask = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yieldTask });
    vi.resetModules();
    const { nextTask } = await import('./next-task.ts');
    await nextTask();
    expect(yieldTask).toHaveBeenCalledTimes(1);
  });

  it('resolves at once elsewhere, without waiting on a timer', async () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers();
    vi.resetModules();
    const { nextTask } = await import('./next-task.ts');
    // With fake timers a timer-based yield would never resolve.
    await expect(nextTask()).resolves.toBeUndefined();
  });
});

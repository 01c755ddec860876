import { useCallback, useState } from 'react';
import type { z } from 'zod';

/**
 * A per-browser display preference (column widths, row density) kept in localStorage. A stored value that
 * no longer reads, or storage that is unavailable, falls back to the default instead of failing.
 *
 * @example const [density, setDensity] = useLocalPreference('audit-lens.density', densitySchema, 'comfortable');
 */
export function useLocalPreference<T>(key: string, schema: z.ZodType<T>, fallback: T) {
  const [value, setValue] = useState<T>(() => readPreference(key, schema, fallback));
  const update = useCallback(
    (next: T | ((current: T) => T)) => {
      setValue((current) => {
        const resolved = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
        try {
          localStorage.setItem(key, JSON.stringify(resolved));
        } catch {
          // Private mode or a full quota: the preference lasts for this page only.
        }
        return resolved;
      });
    },
    [key],
  );
  return [value, update] as const;
}

export function readPreference<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const stored = localStorage.getItem(key);
    if (stored === null) return fallback;
    const parsed = schema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

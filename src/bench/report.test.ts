import { describe, expect, it } from 'vitest';
import { figure, formatTable, resultsJson } from './report.ts';

describe('figure', () => {
  it('holds when the value is at most the bar', () => {
    expect(figure('a', 16, 'ms', 16, 4).holds).toBe(true);
    expect(figure('a', 16.01, 'ms', 16, 4).holds).toBe(false);
    expect(figure('a', NaN, 'ms', 16, 4).holds).toBe(false);
  });
});

describe('formatTable', () => {
  it('prints one aligned row per figure and says which fail', () => {
    const table = formatTable([
      figure('ingest ratio', 1.1, '×', 2, 1.2),
      figure('filter p95 at 1M', 250, 'ms', 200, 40),
      figure('heap', NaN, 'MB', 300, 300),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^name\s+\| value \| unit \| bar \| aim \| holds$/);
    expect(lines[2]).toContain('yes, aim met');
    expect(lines[3]).toMatch(/\| NO$/);
    expect(lines[4]).toContain('n/a');
  });
});

describe('resultsJson', () => {
  it('writes the fields of the issue, with an unmeasured value as null', () => {
    const parsed = JSON.parse(
      resultsJson([figure('x', 3, 'ms', 16, 4), figure('y', NaN, 'MB', 300, 300)]),
    ) as unknown;
    expect(parsed).toEqual([
      { name: 'x', value: 3, unit: 'ms', bar: 16, aim: 4, holds: true },
      { name: 'y', value: null, unit: 'MB', bar: 300, aim: 300, holds: false },
    ]);
  });
});

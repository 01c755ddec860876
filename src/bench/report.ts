import { round } from './stats.ts';

/** One figure of the benchmark suite, as `BENCH_JSON` writes it. Every bar and aim is a ceiling. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  bar: number;
  aim: number;
  /** Whether the figure meets its bar. */
  holds: boolean;
}

/**
 * Builds a result and decides `holds`: `figure('x', 3, 'ms', 16, 4)` → holds true. A value that could not
 * be measured is NaN: it never holds (and is null in JSON).
 */
export function figure(name: string, value: number, unit: string, bar: number, aim: number): BenchResult {
  return { name, value: round(value), unit, bar, aim, holds: Number.isFinite(value) && value <= bar };
}

/**
 * The results as one plain-text table: name | value | unit | bar | aim | holds.
 *
 * @example formatTable([figure('ingest ratio', 1.6, '×', 2, 1.2)]) // a header, a rule and one row
 */
export function formatTable(results: readonly BenchResult[]): string {
  const header = ['name', 'value', 'unit', 'bar', 'aim', 'holds'];
  const rows = results.map((result) => [
    result.name,
    Number.isFinite(result.value) ? String(result.value) : 'n/a',
    result.unit,
    String(result.bar),
    String(result.aim),
    result.holds ? (result.value <= result.aim ? 'yes, aim met' : 'yes') : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The JSON that `BENCH_JSON=<file>` writes: an array, with unmeasured values as null. */
export function resultsJson(results: readonly BenchResult[]): string {
  return `${JSON.stringify(
    results.map((result) => ({ ...result, value: Number.isFinite(result.value) ? result.value : null })),
    null,
    2,
  )}\n`;
}

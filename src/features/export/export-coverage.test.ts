import { describe, expect, it } from 'vitest';
import { coverageNote, isFiltered, isPartial, viewMatching, type ExportCoverage } from './export-coverage.ts';

const whole: ExportCoverage = { range: { from: 0, to: 1 }, complete: true, possibleGaps: false, failed: [] };

describe('export coverage', () => {
  it('says nothing when the rows are the whole range', () => {
    expect(isPartial(whole)).toBe(false);
    expect(coverageNote(whole)).toBeNull();
  });

  it('names the failed providers first, then more to load, then possible gaps', () => {
    const failed = { ...whole, complete: false, failed: ['Agilicus auth'] };
    expect(isPartial(failed)).toBe(true);
    expect(coverageNote(failed)).toBe(
      "Incomplete: Agilicus auth failed, so the file holds the other providers' events only.",
    );
    expect(coverageNote({ ...whole, complete: false })).toBe(
      'More events exist in this range than are loaded.',
    );
    const gaps = { ...whole, possibleGaps: true };
    expect(isPartial(gaps)).toBe(true);
    expect(coverageNote(gaps)).toMatch(/possible gaps/);
  });

  it('says what narrowed the rows: the providers picked, the filters on (not those off), the query', () => {
    expect(viewMatching({ providers: null, filters: [], q: '' })).toBeUndefined();
    const on = { field: 'outcome', value: 'failure', exact: true, exclude: false, disabled: false } as const;
    const off = { ...on, value: 'success', disabled: true };
    expect(viewMatching({ providers: ['openai'], filters: [on, off], q: 'api key' })).toEqual({
      providers: ['openai'],
      filters: ['outcome=failure'],
      query: 'api key',
    });
    expect(viewMatching({ providers: null, filters: [off], q: '' })).toBeUndefined();
    expect(isFiltered({ ...whole, matching: { filters: ['outcome=failure'] } })).toBe(true);
    expect(isFiltered(whole)).toBe(false);
  });
});

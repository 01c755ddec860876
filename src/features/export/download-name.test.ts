import { describe, expect, it } from 'vitest';
import { downloadName } from './download-name.ts';

describe('downloadName', () => {
  const now = Date.UTC(2026, 10, 24, 21, 30, 0, 123);

  it('names each format by time, without colons', () => {
    expect(downloadName('csv', now)).toBe('audit-lens-2026-11-24T21-30-00Z.csv');
    expect(downloadName('ndjson', now)).toBe('audit-lens-2026-11-24T21-30-00Z.ndjson');
    expect(downloadName('ecs', new Date(now))).toBe('audit-lens-2026-11-24T21-30-00Z.ecs.ndjson');
    expect(downloadName('json', now)).toBe('audit-lens-2026-11-24T21-30-00Z.json');
    expect(downloadName('saved-views', now)).toBe('audit-lens-saved-views-2026-11-24T21-30-00Z.json');
  });

  it('says -partial when the rows are not the whole range', () => {
    expect(downloadName('csv', now, { partial: true })).toBe('audit-lens-2026-11-24T21-30-00Z-partial.csv');
  });

  it('says -filtered when the rows are only those matching the view, before -partial', () => {
    expect(downloadName('json', now, { filtered: true })).toBe(
      'audit-lens-2026-11-24T21-30-00Z-filtered.json',
    );
    expect(downloadName('csv', now, { filtered: true, partial: true })).toBe(
      'audit-lens-2026-11-24T21-30-00Z-filtered-partial.csv',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { facetCaption } from './facet-sidebar.tsx';

describe('facetCaption', () => {
  it('says the counts are on their way instead of counting zero events while rows show', () => {
    expect(facetCaption(0, 'partial', true)).toBe('Counting the loaded events…');
    expect(facetCaption(0, 'complete', true)).toBe('Counting the loaded events…');
    expect(facetCaption(1200, 'complete', true)).toBe('Counts in 1,200 events; updating…');
  });

  it('says whether settled counts cover the whole range or what is loaded', () => {
    expect(facetCaption(1200, 'complete', false)).toBe('Counts over all 1,200 events in this range');
    expect(facetCaption(1200, 'partial', false)).toBe('Counts in 1,200 loaded events; more available');
    expect(facetCaption(0, 'complete', false)).toBe('Counts over all 0 events in this range');
    expect(facetCaption(1200, 'gaps', false)).toBe(
      'Counts over all 1,200 events the providers returned; they report possible gaps',
    );
    expect(facetCaption(1200, 'failed', false)).toBe(
      'Counts over all 1,200 events the other providers returned; a provider failed',
    );
  });

  it('says the counts are of the matching events when a filter or query narrows the rows', () => {
    expect(facetCaption(12, 'complete', false, true)).toBe(
      'Counts over all 12 matching events in this range',
    );
    expect(facetCaption(12, 'partial', false, true)).toBe(
      'Counts in 12 loaded matching events; more available',
    );
  });
});

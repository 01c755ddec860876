import { describe, expect, it } from 'vitest';
import { facetCaption } from './facet-sidebar.tsx';

describe('facetCaption', () => {
  it('says the counts are on their way instead of counting zero events while rows show', () => {
    expect(facetCaption(0, false, true)).toBe('Counting the loaded events…');
    expect(facetCaption(0, true, true)).toBe('Counting the loaded events…');
    expect(facetCaption(1200, true, true)).toBe('Counts in 1,200 events; updating…');
  });

  it('says whether settled counts cover the whole range or what is loaded', () => {
    expect(facetCaption(1200, true, false)).toBe('Counts over all 1,200 events in this range');
    expect(facetCaption(1200, false, false)).toBe('Counts in 1,200 loaded events; more available');
    expect(facetCaption(0, true, false)).toBe('Counts over all 0 events in this range');
  });
});

import { formatFilter, type ViewState } from '../../url-state/view-state.ts';

/**
 * What an export covers, so that a cut is never silent in a file either: the range asked for, whether
 * the rows are all of it, and which providers failed or may have gaps. JSON carries it; every format's
 * file name says `-partial` when the rows are not the whole range.
 */
export interface ExportCoverage {
  range: { from: number; to: number };
  /** Every provider shown was read to the end of the range (possibly with gaps, below); none failed. */
  complete: boolean;
  /** Some provider was read to the end but reported a possible gap (see its ledger line). */
  possibleGaps: boolean;
  /** Feeds whose requests failed: their events are missing from the export. */
  failed: readonly string[];
  /**
   * What narrowed the rows to fewer than the range holds, as a link writes it (`outcome=failure`): the
   * providers picked, the filters on, the query. Absent when nothing does.
   */
  matching?: { providers?: readonly string[]; filters?: readonly string[]; query?: string };
}

/** Whether the rows are only those of the range that match a filter, a query or a provider choice. */
export function isFiltered(coverage: ExportCoverage): boolean {
  return coverage.matching !== undefined;
}

export function isPartial(coverage: ExportCoverage): boolean {
  return !coverage.complete || coverage.possibleGaps;
}

/** One sentence for the export menu, or null when the rows are the whole range. */
export function coverageNote(coverage: ExportCoverage): string | null {
  if (coverage.failed.length > 0)
    return `Incomplete: ${coverage.failed.join(', ')} failed, so the file holds the other providers' events only.`;
  if (!coverage.complete) return 'More events exist in this range than are loaded.';
  if (coverage.possibleGaps) return 'Read to the end, with possible gaps (see the providers above).';
  return null;
}

/** What narrows a view's rows (see `ExportCoverage.matching`), or undefined when nothing does. */
export function viewMatching(
  view: Pick<ViewState, 'providers' | 'filters' | 'q'>,
): ExportCoverage['matching'] {
  const filters = view.filters.filter((filter) => !filter.disabled).map(formatFilter);
  const matching = {
    ...(view.providers && { providers: view.providers }),
    ...(filters.length > 0 && { filters }),
    ...(view.q && { query: view.q }),
  };
  return Object.keys(matching).length > 0 ? matching : undefined;
}

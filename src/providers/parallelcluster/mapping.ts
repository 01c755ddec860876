import type { Category, Outcome } from '../../timeline/audit-event.ts';

/** Every stack event is part of an image build. */
export const PARALLELCLUSTER_CATEGORY: Category = 'build';

/**
 * CloudFormation status → outcome, first matching rule wins. A rollback means the operation failed even
 * when the rollback itself completes (`ROLLBACK_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`).
 */
export const PARALLELCLUSTER_OUTCOME_RULES: readonly (readonly [
  test: (status: string) => boolean,
  outcome: Outcome,
  rule: string,
])[] = [
  [(s) => s.includes('ROLLBACK'), 'failure', '*ROLLBACK* (any rollback status)'],
  [(s) => s.endsWith('_FAILED'), 'failure', '*_FAILED'],
  [(s) => s.endsWith('_COMPLETE'), 'success', '*_COMPLETE'],
  [(s) => s.endsWith('_IN_PROGRESS'), 'unknown', '*_IN_PROGRESS'],
];

export function parallelClusterOutcome(status: string): Outcome {
  return PARALLELCLUSTER_OUTCOME_RULES.find(([test]) => test(status))?.[1] ?? 'unknown';
}

import type { Category, Outcome } from '../../timeline/audit-event.ts';

/**
 * Agilicus → category and outcome, the one table the README documents.
 *
 * `agilicus.auth` (`/v1/auth_audits`): always `authentication`. The outcome comes from `result`, or from the
 * deprecated `event` when `result` is absent; a failure word in either wins. Steps still in flight
 * (`InProgress`, `Authenticate`, `DoMfa`, `CodeIssued`, `Create`) are `unknown`.
 *
 * `agilicus.audits` (`/v1/audits`): by words, first matching row wins; a word matches when it starts a word
 * of the field (`CREATE`, `created`, `user_role`, `permissions`). Authorization words are looked for in
 * `action`, `target_resource_type` and `api_name` (a role `CREATE` grants access, so it is an authorization
 * change); the other rows in `action` only. Otherwise `other`. The outcome is `success` (an audit records
 * what happened) unless the record says otherwise: a failure word in `result`/`outcome`/`status` or the action.
 */
export const AGILICUS_AUDIT_CATEGORY_BY_WORD: readonly (readonly [word: string, category: Category])[] = [
  ['permission', 'authorization'],
  ['role', 'authorization'],
  ['grant', 'authorization'],
  ['revoke', 'authorization'],
  ['create', 'lifecycle'],
  ['delete', 'lifecycle'],
  ['update', 'configuration'],
  ['replace', 'configuration'],
];

/** Result words, compared without case or punctuation (`SessionExpired` = `session_expired`). */
export const AGILICUS_OUTCOME_BY_WORD: Readonly<Record<string, Outcome>> = {
  success: 'success',
  succeeded: 'success',
  failure: 'failure',
  failed: 'failure',
  fail: 'failure',
  error: 'failure',
  denied: 'failure',
  rejected: 'failure',
  forbidden: 'failure',
  unauthorized: 'failure',
  invalid: 'failure',
  timeout: 'failure',
  expired: 'failure',
  sessionexpired: 'failure',
  blocked: 'failure',
  locked: 'failure',
};

/** The `result` values Agilicus documents; others are accepted and reported as a warning. */
export const AGILICUS_KNOWN_RESULTS: ReadonlySet<string> = new Set([
  'Success',
  'InProgress',
  'Authenticate',
  'DoMfa',
  'Create',
  'Failure',
  'Denied',
  'Timeout',
  'CodeIssued',
  'SessionExpired',
]);

/** The `event_name` values Agilicus documents. */
export const AGILICUS_KNOWN_EVENT_NAMES: ReadonlySet<string> = new Set([
  'Authentication Request',
  'Identity Provider Authentication',
  'Identity Provider Callback',
  'Assertion Request',
  'Policy Evaluation',
  'Token',
  'MFA Challenge',
]);

function wordOutcome(value: string | null | undefined): Outcome | undefined {
  if (!value) return undefined;
  return AGILICUS_OUTCOME_BY_WORD[value.toLowerCase().replace(/[^a-z]/g, '')];
}

function wordsOf(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

function categoryByWords(words: readonly string[], only?: Category): Category | undefined {
  for (const [word, category] of AGILICUS_AUDIT_CATEGORY_BY_WORD) {
    if (only && category !== only) continue;
    if (words.some((candidate) => candidate.startsWith(word))) return category;
  }
  return undefined;
}

export function agilicusAuthOutcome(
  result: string | null | undefined,
  event: string | null | undefined,
): Outcome {
  if (wordOutcome(result) === 'failure' || wordOutcome(event) === 'failure') return 'failure';
  return wordOutcome(result ?? event) === 'success' ? 'success' : 'unknown';
}

export function agilicusAuditCategory(record: {
  action?: string | null;
  target_resource_type?: string | null;
  api_name?: string | null;
}): Category {
  const action = wordsOf(record.action);
  const about = [...action, ...wordsOf(record.target_resource_type), ...wordsOf(record.api_name)];
  return categoryByWords(about, 'authorization') ?? categoryByWords(action) ?? 'other';
}

export function agilicusAuditOutcome(record: Record<string, unknown> & { action?: string | null }): Outcome {
  const said = [record.result, record.outcome, record.status].filter(
    (value): value is string => typeof value === 'string',
  );
  if (said.some((value) => wordOutcome(value) === 'failure')) return 'failure';
  if (wordsOf(record.action).some((word) => wordOutcome(word) === 'failure')) return 'failure';
  return 'success';
}

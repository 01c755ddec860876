import { describe, expect, it } from 'vitest';
import { testEvent } from '../../timeline/test-event.ts';
import { compileQuery } from '../../timeline/query/evaluate-query.ts';
import { parseQuery } from '../../timeline/query/parse-query.ts';
import { viewPredicate } from './view-predicate.ts';

/** The query as the view compiles it: none for an empty or broken one. */
function compiled(q: string) {
  const parsed = parseQuery(q);
  return parsed.ok && parsed.ast ? compileQuery(parsed.ast) : undefined;
}

const failure = testEvent({
  key: 'openai.audit_logs:1',
  time: 2,
  outcome: 'failure',
  summary: 'login failed for bob',
});
const success = testEvent({
  key: 'openai.audit_logs:2',
  time: 1,
  outcome: 'success',
  summary: 'login for alice',
});

describe('viewPredicate', () => {
  it('is undefined when the view filters nothing (disabled pills, an empty or broken query)', () => {
    expect(viewPredicate([], compiled(''))).toBeUndefined();
    expect(
      viewPredicate([{ field: 'outcome', value: 'failure', exclude: false, disabled: true }], compiled('')),
    ).toBeUndefined();
    expect(viewPredicate([], compiled('actor:'))).toBeUndefined();
  });

  it('passes what both the pills and the query pass, as the rows on screen do', () => {
    const pills = viewPredicate(
      [{ field: 'outcome', value: 'failure', exclude: false, disabled: false }],
      compiled(''),
    );
    expect([failure, success].filter((event) => pills?.(event))).toEqual([failure]);
    const both = viewPredicate(
      [{ field: 'outcome', value: 'success', exclude: true, disabled: false }],
      compiled('bob'),
    );
    expect([failure, success].filter((event) => both?.(event))).toEqual([failure]);
    const none = viewPredicate(
      [{ field: 'outcome', value: 'success', exclude: false, disabled: false }],
      compiled('bob'),
    );
    expect([failure, success].filter((event) => none?.(event))).toEqual([]);
  });
});

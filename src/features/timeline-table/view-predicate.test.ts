import { describe, expect, it } from 'vitest';
import { testEvent } from '../../timeline/test-event.ts';
import { viewPredicate } from './view-predicate.ts';

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
    expect(viewPredicate([], '')).toBeUndefined();
    expect(
      viewPredicate([{ field: 'outcome', value: 'failure', exclude: false, disabled: true }], ''),
    ).toBeUndefined();
    expect(viewPredicate([], 'actor:')).toBeUndefined();
  });

  it('passes what both the pills and the query pass, as the rows on screen do', () => {
    const pills = viewPredicate(
      [{ field: 'outcome', value: 'failure', exclude: false, disabled: false }],
      '',
    );
    expect([failure, success].filter((event) => pills?.(event))).toEqual([failure]);
    const both = viewPredicate(
      [{ field: 'outcome', value: 'success', exclude: true, disabled: false }],
      'bob',
    );
    expect([failure, success].filter((event) => both?.(event))).toEqual([failure]);
    const none = viewPredicate(
      [{ field: 'outcome', value: 'success', exclude: false, disabled: false }],
      'bob',
    );
    expect([failure, success].filter((event) => none?.(event))).toEqual([]);
  });
});

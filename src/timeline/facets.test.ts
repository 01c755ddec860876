import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit-event.ts';
import { countFacets } from './facets.ts';
import { compileFilters } from './filter.ts';

const base: AuditEvent = {
  key: 'openai.audit_logs:1',
  provider: 'openai',
  source: 'openai.audit_logs',
  time: 0,
  action: 'login.failed',
  category: 'authentication',
  outcome: 'failure',
  actor: { email: 'alice@example.com', id: 'user-1' },
  target: {},
  scope: {},
  ip: '198.51.100.66',
  summary: '',
  demo: true,
  raw: {},
};
const events: AuditEvent[] = [
  base,
  { ...base, key: 'openai.audit_logs:2', action: 'login.succeeded', outcome: 'success' },
  {
    ...base,
    key: 'contabo.images:3',
    provider: 'contabo',
    source: 'contabo.images',
    action: 'UPDATED',
    actor: { name: 'Bob' },
    ip: undefined,
    outcome: 'success',
  },
];

describe('facets and filters', () => {
  it('counts every value exactly, most frequent first', () => {
    const facets = countFacets(events, ['provider', 'outcome', 'ip']);
    expect(facets.get('provider')).toEqual([
      { value: 'openai', count: 2 },
      { value: 'contabo', count: 1 },
    ]);
    expect(facets.get('outcome')).toEqual([
      { value: 'success', count: 2 },
      { value: 'failure', count: 1 },
    ]);
    expect(facets.get('ip')).toEqual([{ value: '198.51.100.66', count: 2 }]);
  });

  it('includes with OR inside a field, AND across fields, excludes, ignores disabled, matches prefixes case-insensitively', () => {
    const keys = (filters: Parameters<typeof compileFilters>[0]) =>
      events.filter(compileFilters(filters)).map((e) => e.key.split(':')[1]);
    expect(keys([{ field: 'actor', value: 'ALICE@example.com', exclude: false, disabled: false }])).toEqual([
      '1',
      '2',
    ]);
    expect(
      keys([
        { field: 'actor', value: 'user-1', exclude: false, disabled: false },
        { field: 'outcome', value: 'failure', exclude: false, disabled: false },
      ]),
    ).toEqual(['1']);
    expect(keys([{ field: 'action', value: 'login.*', exclude: true, disabled: false }])).toEqual(['3']);
    expect(
      keys([
        { field: 'provider', value: 'contabo', exclude: false, disabled: false },
        { field: 'provider', value: 'openai', exclude: false, disabled: false },
      ]),
    ).toEqual(['1', '2', '3']);
    expect(keys([{ field: 'provider', value: 'contabo', exclude: false, disabled: true }])).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('matches an exact filter by the value a facet counts: case and all, no prefix, an actor by its label', () => {
    const keys = (filters: Parameters<typeof compileFilters>[0]) =>
      events.filter(compileFilters(filters)).map((e) => e.key.split(':')[1]);
    const exact = (field: 'actor' | 'action', value: string, exclude = false) => ({
      field,
      value,
      exclude,
      disabled: false,
      exact: true,
    });
    expect(keys([exact('actor', 'alice@example.com')])).toEqual(['1', '2']);
    expect(keys([exact('actor', 'ALICE@example.com')])).toEqual([]);
    // user-1 is alice's id, but her label (the facet's value) is her email.
    expect(keys([exact('actor', 'user-1')])).toEqual([]);
    expect(keys([exact('actor', 'Bob')])).toEqual(['3']);
    expect(keys([exact('action', 'login.*')])).toEqual([]);
    expect(keys([exact('action', 'UPDATED', true)])).toEqual(['1', '2']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseQuery } from './parse-query.ts';
import { pushdownFromQuery } from './pushdown-query.ts';

function pushdown(query: string) {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return pushdownFromQuery(parsed.ast);
}

describe('pushdownFromQuery', () => {
  it('pushes nothing for an empty query', () => {
    expect(pushdown('')).toEqual({ filters: {}, fields: [] });
  });

  it('pushes a lone exact field term', () => {
    expect(pushdown('actor:alice@example.com')).toEqual({
      filters: { actor: ['alice@example.com'] },
      fields: ['actor'],
    });
  });

  it('pushes top-level AND-ed exact terms and renames session, request and trace', () => {
    expect(
      pushdown(
        'session:s-1 AND request:r-1 trace:t-1 action:login.failed org:o project:p space:s image:i ip:1.2.3.4',
      ),
    ).toEqual({
      filters: {
        sessionId: ['s-1'],
        requestId: ['r-1'],
        traceId: ['t-1'],
        action: ['login.failed'],
        org: ['o'],
        project: ['p'],
        space: ['s'],
        image: ['i'],
        ip: ['1.2.3.4'],
      },
      fields: ['sessionId', 'requestId', 'traceId', 'action', 'org', 'project', 'space', 'image', 'ip'],
    });
    expect(pushdown('(actor:a target:t) free text').filters).toEqual({ actor: ['a'], target: ['t'] });
  });

  it('keeps prefix terms, negations, OR branches and unmapped fields in the browser', () => {
    expect(pushdown('actor:ali*')).toEqual({ filters: {}, fields: [] });
    expect(pushdown('-actor:alice')).toEqual({ filters: {}, fields: [] });
    expect(pushdown('NOT (actor:alice ip:1.2.3.4)')).toEqual({ filters: {}, fields: [] });
    expect(pushdown('actor:alice OR ip:1.2.3.4')).toEqual({ filters: {}, fields: [] });
    expect(pushdown('ip:1.2.3.4 (actor:a OR actor:b)')).toEqual({
      filters: { ip: ['1.2.3.4'] },
      fields: ['ip'],
    });
    expect(pushdown('provider:openai outcome:failure category:access source:x target.type:app')).toEqual({
      filters: {},
      fields: [],
    });
  });

  it('lists several values of one field once each', () => {
    expect(pushdown('actor:a actor:b actor:a')).toEqual({
      filters: { actor: ['a', 'b'] },
      fields: ['actor'],
    });
  });
});

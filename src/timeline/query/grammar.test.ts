import { describe, expect, it } from 'vitest';
import { EVENT_FIELDS } from '../filter.ts';
import { GRAMMAR, QUERY_EXAMPLES } from './grammar.ts';
import { parseQuery } from './parse-query.ts';

describe('GRAMMAR', () => {
  it('shows only examples that parse', () => {
    for (const { query } of QUERY_EXAMPLES) {
      expect(parseQuery(query), query).toMatchObject({ ok: true });
      expect(GRAMMAR).toContain(query);
    }
  });

  it('names every field', () => {
    for (const field of EVENT_FIELDS) expect(GRAMMAR).toContain(field);
  });
});

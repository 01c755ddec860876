import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_FIELDS } from '../filter.ts';
import { formatFieldTerm, formatQuery } from './format-query.ts';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH, parseQuery, type QueryNode } from './parse-query.ts';

const text = (value: string, prefix = false): QueryNode => ({ kind: 'text', value, prefix });
const field = (name: (typeof EVENT_FIELDS)[number], value: string, prefix = false): QueryNode => ({
  kind: 'field',
  field: name,
  value,
  prefix,
});

function ast(query: string): QueryNode | null {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(`${query}: ${result.error.message} at ${result.error.position}`);
  return result.ast;
}

function error(query: string) {
  const result = parseQuery(query);
  if (result.ok) throw new Error(`${query} parsed`);
  return result.error;
}

describe('parseQuery: valid queries', () => {
  it('reads empty and blank text as no query', () => {
    expect(parseQuery('')).toEqual({ ok: true, ast: null });
    expect(parseQuery(' \t\n ')).toEqual({ ok: true, ast: null });
  });

  it('reads free text, field terms, quotes and prefixes', () => {
    expect(ast('login')).toEqual(text('login'));
    expect(ast('"login failed"')).toEqual(text('login failed'));
    expect(ast('log*')).toEqual(text('log', true));
    expect(ast('actor:alice')).toEqual(field('actor', 'alice'));
    expect(ast('actor:"Alice Smith"')).toEqual(field('actor', 'Alice Smith'));
    expect(ast('action:api_key.*')).toEqual(field('action', 'api_key.', true));
    expect(ast('actor:"Alice S"*')).toEqual(field('actor', 'Alice S', true));
    expect(ast('actor:*')).toEqual(field('actor', '', true));
    expect(ast('target.type:app')).toEqual(field('target.type', 'app'));
  });

  it('keeps everything after the first colon as the value', () => {
    expect(ast('ip:2001:db8::1')).toEqual(field('ip', '2001:db8::1'));
    expect(ast('actor:-x')).toEqual(field('actor', '-x'));
  });

  it('unescapes only \\" and \\\\ inside quotes', () => {
    expect(ast(String.raw`"say \"hi\""`)).toEqual(text('say "hi"'));
    expect(ast(String.raw`target:"C:\Users\\x"`)).toEqual(field('target', String.raw`C:\Users\x`));
    expect(ast('"a*"')).toEqual(text('a*'));
  });

  it('joins adjacent terms with AND and flattens chains', () => {
    expect(ast('a b AND c')).toEqual({ kind: 'and', children: [text('a'), text('b'), text('c')] });
    expect(ast('(a b) c')).toEqual({ kind: 'and', children: [text('a'), text('b'), text('c')] });
    expect(ast('NOT(b)')).toEqual({ kind: 'not', child: text('b') });
    expect(ast('((a))')).toEqual(text('a'));
  });

  it('binds OR looser than AND: a OR b c = a OR (b AND c)', () => {
    expect(ast('a OR b c')).toEqual({
      kind: 'or',
      children: [text('a'), { kind: 'and', children: [text('b'), text('c')] }],
    });
    expect(ast('a OR b c')).toEqual(ast('a OR (b AND c)'));
    expect(ast('(a OR b) c')).toEqual({
      kind: 'and',
      children: [{ kind: 'or', children: [text('a'), text('b')] }, text('c')],
    });
  });

  it('negates terms and groups with - and NOT', () => {
    expect(ast('-outcome:success')).toEqual({ kind: 'not', child: field('outcome', 'success') });
    expect(ast('NOT outcome:success')).toEqual(ast('-outcome:success'));
    expect(ast('-(a OR b)')).toEqual({
      kind: 'not',
      child: { kind: 'or', children: [text('a'), text('b')] },
    });
    expect(ast('NOT(a)')).toEqual({ kind: 'not', child: text('a') });
    expect(ast('--a')).toEqual({ kind: 'not', child: { kind: 'not', child: text('a') } });
    expect(ast('a -b')).toEqual({ kind: 'and', children: [text('a'), { kind: 'not', child: text('b') }] });
    expect(ast('api-key')).toEqual(text('api-key'));
  });

  it('treats lower-case and, or, not and quoted operators as free text', () => {
    expect(ast('a or b')).toEqual({ kind: 'and', children: [text('a'), text('or'), text('b')] });
    expect(ast('"OR"')).toEqual(text('OR'));
  });

  it('accepts the longest and deepest queries allowed', () => {
    expect(parseQuery('a'.repeat(MAX_QUERY_LENGTH)).ok).toBe(true);
    const deep = `${'('.repeat(MAX_QUERY_DEPTH)}a${')'.repeat(MAX_QUERY_DEPTH)}`;
    expect(ast(deep)).toEqual(text('a'));
  });
});

describe('parseQuery: syntax errors', () => {
  it('points at a missing value', () => {
    expect(error('actor:')).toEqual({
      position: 6,
      message: 'expected a value after actor:',
      expected: 'a value',
    });
    // A bracket touching a word is part of what the user meant by it (`fn(prod)`), not a new group.
    expect(error('a(b)')).toMatchObject({
      position: 1,
      message: 'expected a space before "(", or quote the whole value',
    });
    expect(error('target:fn(prod)')).toMatchObject({
      position: 9,
      message: 'expected a space before "(", or quote the whole value of target:',
    });
    expect(ast('target:"fn(prod)"')).toMatchObject({ kind: 'field', field: 'target', value: 'fn(prod)' });
    expect(error('x actor: bob')).toMatchObject({ position: 8, message: 'expected a value after actor:' });
    expect(error('actor:""')).toMatchObject({ position: 6, expected: 'a value' });
  });

  it('points at an unclosed group', () => {
    expect(error('(a OR b')).toEqual({
      position: 7,
      message: 'expected ")" to close the "(" at 0',
      expected: '")"',
    });
    expect(error('x ((a) b')).toMatchObject({ position: 8, expected: '")"' });
  });

  it('points at an unknown field and lists the known ones', () => {
    const unknown = error('foo:bar');
    expect(unknown.position).toBe(0);
    expect(unknown.message).toBe('unknown field "foo"');
    expect(unknown.expected).toBe(`one of ${EVENT_FIELDS.join(', ')}`);
    expect(error('a -Actor:x')).toMatchObject({
      position: 3,
      message: 'unknown field "Actor" (field names are lower-case: actor)',
    });
    expect(error(':x')).toMatchObject({ position: 0, message: 'expected a field name before ":"' });
  });

  it('points at the end of an unbalanced quote', () => {
    expect(error('actor:"abc')).toEqual({
      position: 10,
      message: 'expected a closing " for the string opened at 6',
      expected: '"',
    });
    expect(error(String.raw`"abc\"`)).toMatchObject({ position: 6, expected: '"' });
  });

  it('rejects quotes glued to words', () => {
    expect(error('abc"def"')).toMatchObject({ position: 3, expected: 'a space' });
    expect(error('actor:ab"c"')).toMatchObject({ position: 8, expected: 'a space' });
    expect(error('"abc"def')).toMatchObject({ position: 5, expected: 'a space' });
    expect(error('"a""b"')).toMatchObject({ position: 3, expected: 'a space' });
    expect(error('""')).toMatchObject({ position: 0, expected: 'a non-empty value' });
  });

  it('points at misplaced operators and parentheses', () => {
    expect(error('a OR')).toEqual({ position: 4, message: 'expected a term after OR', expected: 'a term' });
    expect(error('OR a')).toEqual({ position: 0, message: 'expected a term before OR', expected: 'a term' });
    expect(error('a AND OR b')).toEqual({
      position: 6,
      message: 'expected a term after AND, not OR',
      expected: 'a term',
    });
    expect(error('(AND a)')).toMatchObject({ position: 1, message: 'expected a term before AND' });
    expect(error('NOT')).toMatchObject({ position: 3, message: 'expected a term after NOT' });
    expect(error('()')).toMatchObject({ position: 1, message: 'expected a term after (' });
    expect(error('a)')).toEqual({
      position: 1,
      message: 'unexpected ")" without a matching "("',
      expected: 'a term, AND, OR or the end',
    });
    expect(error('a - b')).toMatchObject({ position: 3, message: 'expected a term right after -' });
    expect(error('-')).toMatchObject({ position: 1 });
    expect(error('(a -)')).toMatchObject({ position: 4 });
  });

  it('limits length and depth', () => {
    expect(error('a'.repeat(MAX_QUERY_LENGTH + 1))).toMatchObject({ position: MAX_QUERY_LENGTH });
    const deep = `${'('.repeat(MAX_QUERY_DEPTH + 1)}a${')'.repeat(MAX_QUERY_DEPTH + 1)}`;
    expect(error(deep)).toMatchObject({
      position: MAX_QUERY_DEPTH,
      expected: 'fewer nested groups or negations',
    });
    expect(error(`${'-'.repeat(MAX_QUERY_DEPTH + 1)}a`)).toMatchObject({ position: MAX_QUERY_DEPTH });
    expect(error(`${'-'.repeat(MAX_QUERY_LENGTH - 1)}a`)).toMatchObject({ position: MAX_QUERY_DEPTH });
  });

  it('counts positions in UTF-16 code units', () => {
    expect(error('😀 foo:bar')).toMatchObject({ position: 3 });
  });
});

const queryAlphabet = fc.constantFrom(
  'a',
  'b',
  'Z',
  ' ',
  '\t',
  '(',
  ')',
  '"',
  '\\',
  '*',
  '-',
  ':',
  'actor:',
  'target.type:',
  'foo:',
  'AND',
  'OR',
  'NOT',
  ' AND ',
  ' OR ',
  'é',
  '😀',
  '\u0000',
);
const queryLike = fc.string({ unit: queryAlphabet, maxLength: 40 });
// Any code point, lone surrogates included; fast-check's 'binary' unit takes seconds to build here.
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

describe('parseQuery: properties', () => {
  it('never throws, and reports errors inside the text', () => {
    const anything = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: anyCodePoint, maxLength: 200 }),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }),
      queryLike,
    );
    fc.assert(
      fc.property(anything, (query) => {
        const result = parseQuery(query);
        if (result.ok) return true;
        const { position, message, expected } = result.error;
        return (
          position >= 0 &&
          position <= query.length &&
          message !== 'the query could not be read' &&
          expected !== ''
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back what formatQuery writes', () => {
    fc.assert(
      fc.property(queryLike, (query) => {
        const result = parseQuery(query);
        if (!result.ok || result.ast === null) return;
        expect(parseQuery(formatQuery(result.ast))).toEqual(result);
      }),
      { numRuns: 3000 },
    );
  });

  it('quotes any value so it reads back as one field term', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EVENT_FIELDS),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (name, value, prefix) => {
          expect(ast(formatFieldTerm(name, value, prefix))).toEqual(field(name, value, prefix));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { queryHint } from './query-hints.ts';

describe('queryHint', () => {
  it('points out lower-case operators, which are searched as words', () => {
    expect(queryHint('outcome:failure or outcome:error')).toBe(
      '"or" is searched as a word: write OR for the operator, or quote it',
    );
    expect(queryHint('(a and b)')).toMatch(/^"and" is searched/);
    expect(queryHint('not actor:alice')).toMatch(/^"not" is searched/);
  });

  it('points out a pill copied as typed (field=value), which is searched as text', () => {
    expect(queryHint('actor=alice@example.com')).toBe(
      'actor=… is searched as text: write actor:alice@example.com to match the field',
    );
    expect(queryHint('x -target.type=image')).toMatch(/^target\.type=… is searched as text/);
  });

  it('points out typographic quotes pasted from a ticket, which are searched as characters', () => {
    expect(queryHint('actor:“Alice Smith”')).toBe(
      '“ is searched as a character: quote a phrase with straight quotes, "like this"',
    );
    expect(queryHint('summary:„x“')).toMatch(/^„ is searched as a character/);
    expect(queryHint('"a “quoted” word"')).toBeNull();
  });

  it('says nothing of what is meant as written', () => {
    for (const query of [
      '',
      'outcome:failure OR outcome:error',
      '"rock and roll"',
      'summary:"a or b"',
      'android',
      'operator',
      'actor:a=b',
      'nobody=x',
      'NOT actor:alice',
      'actor:O’Brien',
    ])
      expect(queryHint(query), query).toBeNull();
  });
});

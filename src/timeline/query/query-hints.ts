import { EVENT_FIELDS } from '../filter.ts';

/** Quoted text, which is searched as written whatever it holds. */
const QUOTED = /"(?:[^"\\]|\\.)*"?/g;
const TYPOGRAPHIC_QUOTE = /[\u201C\u201D\u201E\u201F\u00AB\u00BB]/u;
const LOWER_OPERATOR = /(?:^|[\s(])(and|or|not)(?=$|[\s)])/;
const FIELD_EQUALS = new RegExp(
  `(?:^|[\\s(-])(${EVENT_FIELDS.map((f) => f.replace('.', '\\.')).join('|')})=(\\S+)`,
);

/**
 * What a query that parses may not mean what it says: habits from other tools that this grammar reads
 * as words to search for. One hint at most, for under the search box.
 *
 * @example queryHint('outcome:failure or outcome:error') // '"or" is searched as a word: write OR for either'
 */
export function queryHint(query: string): string | null {
  const unquoted = query.replace(QUOTED, ' ');
  const operator = LOWER_OPERATOR.exec(unquoted)?.[1];
  if (operator)
    return `"${operator}" is searched as a word: write ${operator.toUpperCase()} for the operator, or quote it`;
  const equals = FIELD_EQUALS.exec(unquoted);
  if (equals) return `${equals[1]}=… is searched as text: write ${equals[1]}:${equals[2]} to match the field`;
  // Text pasted from a ticket or a word processor: “Alice Smith” is two words, each with a curly quote.
  const curly = TYPOGRAPHIC_QUOTE.exec(unquoted)?.[0];
  if (curly) return `${curly} is searched as a character: quote a phrase with straight quotes, "like this"`;
  return null;
}

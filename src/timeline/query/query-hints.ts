import { EVENT_FIELDS } from '../filter.ts';

/** Quoted text, which is searched as written whatever it holds. */
const QUOTED = /"(?:[^"\\]|\\.)*"?/g;
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
  return null;
}

import { EVENT_FIELDS, type EventField } from '../filter.ts';

/** A term on one field: `actor:alice`, `actor:"Alice Smith"`, `action:login.*` (prefix). */
export interface FieldTermNode {
  kind: 'field';
  field: EventField;
  /** The value as written, without quotes or the prefix `*`. */
  value: string;
  prefix: boolean;
}

/** Free text, matched case-insensitively anywhere in the event's fields and raw JSON. */
export interface TextTermNode {
  kind: 'text';
  value: string;
  prefix: boolean;
}

export type QueryNode =
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | FieldTermNode
  | TextTermNode;

export interface QuerySyntaxError {
  /** 0-based offset into the text, in UTF-16 code units (what an input's `selectionStart` uses). */
  position: number;
  message: string;
  expected: string;
}

export type ParseResult = { ok: true; ast: QueryNode | null } | { ok: false; error: QuerySyntaxError };

export const MAX_QUERY_LENGTH = 2000;
/** Parentheses and negations together; deeper queries are a mistake, and recursion must stay bounded. */
export const MAX_QUERY_DEPTH = 32;

type Token =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end'; position: number; text: string }
  | { type: 'term'; position: number; text: string; node: FieldTermNode | TextTermNode };

/** Thrown inside the parser only, caught by `parseQuery`: it never escapes. */
class QuerySyntaxFailure extends Error {
  constructor(readonly detail: QuerySyntaxError) {
    super(detail.message);
  }
}

function fail(position: number, message: string, expected: string): never {
  throw new QuerySyntaxFailure({ position, message, expected });
}

const KNOWN_FIELDS = `one of ${EVENT_FIELDS.join(', ')}`;

function isSpace(char: string): boolean {
  return /\s/u.test(char);
}

/** Characters that end an unquoted word. */
function isDelimiter(char: string): boolean {
  return char === '(' || char === ')' || char === '"' || isSpace(char);
}

function isField(name: string): name is EventField {
  return (EVENT_FIELDS as readonly string[]).includes(name);
}

/** Reads a quoted string starting at `start` (the opening quote); returns its value and the index after it. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === '"') return { value, end: index + 1 };
    if (char === '\\') {
      const next = text.charAt(index + 1);
      // Only \" and \\ are escapes, so a pasted Windows path keeps its backslashes.
      if (next === '"' || next === '\\') {
        value += next;
        index += 2;
        continue;
      }
    }
    value += char;
    index += 1;
  }
  return fail(text.length, `expected a closing " for the string opened at ${start}`, '"');
}

/** Reads what may follow a closing quote: an optional `*`, then a delimiter or the end. */
function afterQuoted(text: string, end: number): { prefix: boolean; end: number } {
  const prefix = text.charAt(end) === '*';
  const next = prefix ? end + 1 : end;
  if (next < text.length && !isDelimiter(text.charAt(next)))
    fail(next, 'expected a space, ")" or the end after a quoted string', 'a space');
  if (text.charAt(next) === '"') fail(next, 'expected a space between two quoted strings', 'a space');
  return { prefix, end: next };
}

function splitStar(word: string): { value: string; prefix: boolean } {
  return word.endsWith('*') ? { value: word.slice(0, -1), prefix: true } : { value: word, prefix: false };
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (isSpace(char)) {
      index += 1;
      continue;
    }
    const start = index;
    if (char === '(' || char === ')') {
      tokens.push({ type: char === '(' ? 'lparen' : 'rparen', position: start, text: char });
      index += 1;
      continue;
    }
    if (char === '-') {
      const next = text.charAt(index + 1);
      if (next === '' || isSpace(next) || next === ')')
        fail(index + 1, 'expected a term right after -', 'a term or "("');
      tokens.push({ type: 'not', position: start, text: '-' });
      index += 1;
      continue;
    }
    if (char === '"') {
      const quoted = readQuoted(text, start);
      if (quoted.value === '') fail(start, 'expected some text between the quotes', 'a non-empty value');
      const after = afterQuoted(text, quoted.end);
      tokens.push({
        type: 'term',
        position: start,
        text: text.slice(start, after.end),
        node: { kind: 'text', value: quoted.value, prefix: after.prefix },
      });
      index = after.end;
      continue;
    }
    while (index < text.length && !isDelimiter(text.charAt(index))) index += 1;
    const word = text.slice(start, index);
    const colon = word.indexOf(':');
    if (colon === -1) {
      if (text.charAt(index) === '"')
        fail(index, 'expected a space before the quote, or quote the whole value', 'a space');
      const operator = word === 'AND' || word === 'OR' || word === 'NOT';
      // `fn(prod)` would read as `fn AND prod`: a bracket touching a word is taken for part of it, so ask.
      if (!operator && text.charAt(index) === '(')
        fail(index, 'expected a space before "(", or quote the whole value', 'a space');
      if (operator) {
        tokens.push({
          type: word === 'AND' ? 'and' : word === 'OR' ? 'or' : 'not',
          position: start,
          text: word,
        });
        continue;
      }
      tokens.push({ type: 'term', position: start, text: word, node: { kind: 'text', ...splitStar(word) } });
      continue;
    }
    const field = word.slice(0, colon);
    if (field === '') fail(start, 'expected a field name before ":"', KNOWN_FIELDS);
    if (!isField(field)) {
      const lower = field.toLowerCase();
      const hint = isField(lower) ? ` (field names are lower-case: ${lower})` : '';
      fail(start, `unknown field "${field}"${hint}`, KNOWN_FIELDS);
    }
    const rest = word.slice(colon + 1);
    if (rest === '') {
      if (text.charAt(index) !== '"') fail(index, `expected a value after ${field}:`, 'a value');
      const quoted = readQuoted(text, index);
      if (quoted.value === '') fail(index, `expected a value between the quotes after ${field}:`, 'a value');
      const after = afterQuoted(text, quoted.end);
      tokens.push({
        type: 'term',
        position: start,
        text: text.slice(start, after.end),
        node: { kind: 'field', field, value: quoted.value, prefix: after.prefix },
      });
      index = after.end;
      continue;
    }
    if (text.charAt(index) === '"')
      fail(index, `expected a space before the quote, or quote the whole value of ${field}:`, 'a space');
    if (text.charAt(index) === '(')
      fail(index, `expected a space before "(", or quote the whole value of ${field}:`, 'a space');
    tokens.push({
      type: 'term',
      position: start,
      text: word,
      node: { kind: 'field', field, ...splitStar(rest) },
    });
  }
  tokens.push({ type: 'end', position: text.length, text: '' });
  return tokens;
}

/** Builds an AND/OR node, flattening nested nodes of the same kind: grouping does not change their meaning. */
function combine(kind: 'and' | 'or', nodes: QueryNode[]): QueryNode {
  const children = nodes.flatMap((node) => (node.kind === kind ? node.children : [node]));
  const [only] = children;
  return children.length === 1 && only ? only : { kind, children };
}

function tokenName(token: Token): string {
  return token.type === 'end' ? 'the end of the query' : `"${token.text}"`;
}

function parseTokens(tokens: Token[]): QueryNode {
  let index = 0;
  const peek = (): Token => tokens[index] ?? { type: 'end', position: 0, text: '' };
  const next = (): Token => {
    const token = peek();
    index += 1;
    return token;
  };

  /** `after` names what came before, for the message: "expected a term after OR". */
  function parseOr(depth: number, after: string): QueryNode {
    const nodes = [parseAnd(depth, after)];
    while (peek().type === 'or') {
      next();
      nodes.push(parseAnd(depth, 'OR'));
    }
    return combine('or', nodes);
  }

  function parseAnd(depth: number, after: string): QueryNode {
    const nodes = [parseUnary(depth, after)];
    for (;;) {
      const token = peek();
      if (token.type === 'and') {
        next();
        nodes.push(parseUnary(depth, 'AND'));
      } else if (token.type === 'term' || token.type === 'lparen' || token.type === 'not') {
        nodes.push(parseUnary(depth, ''));
      } else {
        return combine('and', nodes);
      }
    }
  }

  function parseUnary(depth: number, after: string): QueryNode {
    const token = next();
    switch (token.type) {
      case 'term':
        return token.node;
      case 'not':
      case 'lparen': {
        if (depth >= MAX_QUERY_DEPTH)
          fail(
            token.position,
            `the query nests more than ${MAX_QUERY_DEPTH} groups and negations deep`,
            'fewer nested groups or negations',
          );
        if (token.type === 'not') return { kind: 'not', child: parseUnary(depth + 1, token.text) };
        const inner = parseOr(depth + 1, '(');
        const close = next();
        if (close.type !== 'rparen')
          fail(close.position, `expected ")" to close the "(" at ${token.position}`, '")"');
        return inner;
      }
      case 'and':
      case 'or':
        if (after === '' || after === '(')
          fail(token.position, `expected a term before ${token.text}`, 'a term');
        return fail(token.position, `expected a term after ${after}, not ${token.text}`, 'a term');
      case 'rparen':
      case 'end':
        return fail(
          token.position,
          after === '' ? `expected a term, not ${tokenName(token)}` : `expected a term after ${after}`,
          'a term',
        );
    }
  }

  const ast = parseOr(0, '');
  const rest = peek();
  if (rest.type !== 'end')
    fail(rest.position, `unexpected ${tokenName(rest)} without a matching "("`, 'a term, AND, OR or the end');
  return ast;
}

/**
 * Parses the search box's query (grammar in `grammar.ts`). Never throws: a syntax error comes back with its
 * position and what was expected there.
 *
 * @example
 * parseQuery('actor:alice OR -outcome:success')
 * // → { ok: true, ast: { kind: 'or', children: [
 * //     { kind: 'field', field: 'actor', value: 'alice', prefix: false },
 * //     { kind: 'not', child: { kind: 'field', field: 'outcome', value: 'success', prefix: false } } ] } }
 * parseQuery('actor:') // → { ok: false, error: { position: 6, message: 'expected a value after actor:', … } }
 */
export function parseQuery(text: string): ParseResult {
  if (text.length > MAX_QUERY_LENGTH)
    return {
      ok: false,
      error: {
        position: MAX_QUERY_LENGTH,
        message: `the query is longer than ${MAX_QUERY_LENGTH} characters`,
        expected: `at most ${MAX_QUERY_LENGTH} characters`,
      },
    };
  try {
    const tokens = tokenize(text);
    if (tokens.length === 1) return { ok: true, ast: null };
    return { ok: true, ast: parseTokens(tokens) };
  } catch (error) {
    if (error instanceof QuerySyntaxFailure) return { ok: false, error: error.detail };
    // An internal bug must not take the search box down with it; report it like a syntax error.
    return {
      ok: false,
      error: { position: 0, message: 'the query could not be read', expected: 'a simpler query' },
    };
  }
}

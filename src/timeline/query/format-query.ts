import type { EventField } from '../filter.ts';
import type { QueryNode } from './parse-query.ts';

function quote(value: string): string {
  return `"${value.replace(/[\\"]/gu, (char) => `\\${char}`)}"`;
}

function fieldValue(value: string, prefix: boolean): string {
  // A literal trailing `*` must be quoted, or it would read back as a prefix.
  const needsQuotes = value === '' ? !prefix : /[\s()"]/u.test(value) || value.endsWith('*');
  return `${needsQuotes ? quote(value) : value}${prefix ? '*' : ''}`;
}

function textValue(value: string, prefix: boolean): string {
  const needsQuotes =
    value === ''
      ? !prefix
      : /[\s()":]/u.test(value) ||
        value.startsWith('-') ||
        value.endsWith('*') ||
        value === 'AND' ||
        value === 'OR' ||
        value === 'NOT';
  return `${needsQuotes ? quote(value) : value}${prefix ? '*' : ''}`;
}

/**
 * One field term as query text, quoted where needed; for "add this value to the search".
 *
 * @example
 * formatFieldTerm('actor', 'Alice Smith') // → 'actor:"Alice Smith"'
 */
export function formatFieldTerm(field: EventField, value: string, prefix = false): string {
  return `${field}:${fieldValue(value, prefix)}`;
}

/**
 * Writes a query back as text that `parseQuery` reads as the same query.
 *
 * @example
 * formatQuery({ kind: 'not', child: { kind: 'text', value: 'a b', prefix: false } }) // → '-"a b"'
 */
export function formatQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'field':
      return formatFieldTerm(node.field, node.value, node.prefix);
    case 'text':
      return textValue(node.value, node.prefix);
    case 'not': {
      const child = node.child;
      const inner = formatQuery(child);
      return child.kind === 'and' || child.kind === 'or' ? `-(${inner})` : `-${inner}`;
    }
    case 'and':
      return node.children
        .map((child) => (child.kind === 'or' ? `(${formatQuery(child)})` : formatQuery(child)))
        .join(' ');
    case 'or':
      return node.children.map((child) => formatQuery(child)).join(' OR ');
  }
}

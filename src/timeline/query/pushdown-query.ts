import type { PushdownField, PushdownFilters } from '../feed.ts';
import type { EventField } from '../filter.ts';
import type { FieldTermNode, QueryNode } from './parse-query.ts';

const PUSHDOWN_FIELDS: Partial<Record<EventField, PushdownField>> = {
  actor: 'actor',
  action: 'action',
  target: 'target',
  org: 'org',
  project: 'project',
  space: 'space',
  image: 'image',
  ip: 'ip',
  session: 'sessionId',
  request: 'requestId',
  trace: 'traceId',
};

export interface QueryPushdown {
  filters: PushdownFilters;
  /** The pushdown fields that received a value, in the order they first appear in the query. */
  fields: PushdownField[];
}

/**
 * The part of a query an adapter may push into its API: the exact field terms AND-ed at the top level.
 * Anything under OR or a negation, and any prefix term, stays in the browser only. Several terms on one
 * field become a list the API may match with OR: a superset of the AND, so still only a narrowing.
 *
 * @example
 * pushdownFromQuery(parseQuery('actor:alice session:s-1 (ip:10.0.0.1 OR ip:10.0.0.2)').ast)
 * // → { filters: { actor: ['alice'], sessionId: ['s-1'] }, fields: ['actor', 'sessionId'] }
 */
export function pushdownFromQuery(ast: QueryNode | null): QueryPushdown {
  const terms: FieldTermNode[] = [];
  const collect = (node: QueryNode): void => {
    if (node.kind === 'field') terms.push(node);
    if (node.kind === 'and') node.children.forEach(collect);
  };
  if (ast !== null) collect(ast);

  const values = new Map<PushdownField, string[]>();
  for (const term of terms) {
    const field = PUSHDOWN_FIELDS[term.field];
    if (field === undefined || term.prefix) continue;
    const list = values.get(field) ?? [];
    if (!list.includes(term.value)) list.push(term.value);
    values.set(field, list);
  }
  const filters: PushdownFilters = Object.fromEntries(values);
  return { filters, fields: [...values.keys()] };
}

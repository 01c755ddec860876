import { EVENT_FIELDS } from '../filter.ts';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH } from './parse-query.ts';

/** Example queries with what they mean, for the help text; the tests parse every one. */
export const QUERY_EXAMPLES: readonly { query: string; meaning: string }[] = [
  { query: 'login failed', meaning: 'free text: both words, anywhere, ignoring case' },
  { query: '"login failed"', meaning: 'free text: the exact phrase' },
  { query: 'actor:alice@example.com', meaning: 'a field equals a value, ignoring case' },
  { query: 'actor:"Alice Smith"', meaning: 'quote values holding spaces, parentheses or quotes' },
  {
    query: String.raw`target:"say \"hi\""`,
    meaning: String.raw`inside quotes, \" is a quote and \\ a backslash`,
  },
  { query: 'action:api_key.*', meaning: 'a trailing * matches a prefix' },
  { query: 'ip:*', meaning: 'the event has an ip at all' },
  { query: '-outcome:success', meaning: 'a leading - excludes' },
  { query: 'NOT (a OR b)', meaning: 'NOT works like -, on terms and groups' },
  { query: 'a OR b c', meaning: 'AND binds tighter than OR: a OR (b AND c)' },
  { query: '(a OR b) c', meaning: 'parentheses group' },
];

const width = Math.max(...QUERY_EXAMPLES.map((example) => example.query.length)) + 2;

/** The search box's syntax in plain text, for the README and the in-app help. */
export const GRAMMAR = `Search syntax (a small subset of Kibana's KQL)

${QUERY_EXAMPLES.map((example) => `  ${example.query.padEnd(width)}${example.meaning}`).join('\n')}

Terms join with AND unless OR stands between them. AND, OR and NOT are operators only in capitals;
quote them to search for the words.

Free text searches the event's own fields (action, summary, actor, target, scope, ip, user agent,
request, trace and session ids, provider, source, category, outcome) and its raw JSON as the
provider sent it (a term holding " or \\ matches it as written, though JSON escapes it); a
trailing * adds nothing there, since free text matches anywhere.

A field term matches a value exactly, ignoring case; an actor matches by id, name or email, a
target by id or name. The field name is everything before the first ":" of a word and the value
everything after it, so ip:2001:db8::1 works. Fields:
${EVENT_FIELDS.join(', ')}.

The query and the filter pills combine with AND. A query is at most ${MAX_QUERY_LENGTH} characters and
${MAX_QUERY_DEPTH} groups or negations deep. A syntax error is shown under the box with its position and
what was expected; the last valid query stays applied.

The query and the pills are applied in the browser to the events loaded for the time range, which
is pushed down to every provider. The adapters can also push exact field terms down (see
pushdownFromQuery), but the timeline does not yet send them: a provider's exact-match and case
rules must never hide an event the browser would have matched.`;

import type { ProviderId } from '../../timeline/audit-event.ts';
import { ROUTES } from '../routes.ts';

/**
 * An independent judge of what the proxy sent upstream, written without matchRoute: the URL must sit on
 * the provider's configured origin under its base path, the rest must match one route template exactly,
 * and the query may only hold that route's parameters. Answers why not, or undefined when it is fine.
 *
 * @example upstreamViolation('https://api.example/v1', 'openai', 'https://api.example/v1/organization/audit_logs') // undefined
 */
export function upstreamViolation(
  baseUrl: string,
  provider: ProviderId,
  sentHref: string,
): string | undefined {
  const base = new URL(baseUrl);
  let sent: URL;
  try {
    sent = new URL(sentHref);
  } catch {
    return 'not an absolute URL';
  }
  if (sent.origin !== base.origin) return `went to ${sent.origin}, not ${base.origin}`;
  if (sent.username || sent.password) return 'carries userinfo';
  if (sent.hash) return 'carries a fragment';
  const basePath = base.pathname.replace(/\/+$/, '');
  if (!sent.pathname.startsWith(`${basePath}/`)) return `left the base path ${basePath}/`;
  if (!sentHref.startsWith(`${base.origin}${basePath}/`))
    return 'the raw URL does not start with the base URL';

  const segments = sent.pathname.slice(basePath.length + 1).split('/');
  const reasons: string[] = [];
  for (const route of ROUTES[provider]) {
    const why = segmentsViolation(route, segments);
    if (why) {
      reasons.push(`${route.template}: ${why}`);
      continue;
    }
    for (const name of sent.searchParams.keys())
      if (!route.query.includes(name)) return `query parameter ${JSON.stringify(name)} is not allowed`;
    return undefined;
  }
  return `no template matches ${JSON.stringify(segments.join('/'))} (${reasons.join('; ')})`;
}

type Route = (typeof ROUTES)[ProviderId][number];

function segmentsViolation(route: Route, segments: readonly string[]): string | undefined {
  const template = route.template.split('/');
  if (template.length !== segments.length) return 'segment count differs';
  for (const [i, want] of template.entries()) {
    const got = segments[i] ?? '';
    const name = want.startsWith('{') && want.endsWith('}') ? want.slice(1, -1) : undefined;
    if (name === undefined) {
      if (got !== want) return `literal ${want} differs`;
      continue;
    }
    const slashAllowed = name === 'logStreamName';
    if (/%2f/i.test(got) && !slashAllowed) return `encoded slash in ${name}`;
    let value: string;
    try {
      value = decodeURIComponent(got);
    } catch {
      return `${name} is not valid percent-encoding`;
    }
    // The one canonical spelling: anything else could be read differently by the upstream.
    if (encodeURIComponent(value) !== got) return `${name} is not canonically encoded`;
    const pattern = route.params?.[name];
    if (!pattern?.test(value)) return `${name} fails its pattern`;
    // An upstream that decodes %2F and normalises would otherwise see a different path.
    if (value.split('/').some((part) => part === '' || part === '.' || part === '..'))
      return `${name} holds an empty or dot segment`;
  }
  return undefined;
}

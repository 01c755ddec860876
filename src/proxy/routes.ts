import type { ProviderId } from '../timeline/audit-event.ts';

/**
 * The closed route table: each provider is pinned to GET, its path templates and its query parameters.
 * Anything else is refused before a byte goes upstream.
 */
interface RouteSpec {
  /** Path relative to the provider's base URL; `{name}` segments are parameters. */
  template: string;
  /** Pattern each parameter's decoded value must match. */
  params?: Record<string, RegExp>;
  /** Parameters whose value may contain `/` (sent percent-encoded as one segment). */
  slashParams?: readonly string[];
  /** Query parameter names accepted, exactly as the API spells them. */
  query: readonly string[];
}

const OPENAI_QUERY = [
  'effective_at[gt]',
  'effective_at[gte]',
  'effective_at[lt]',
  'effective_at[lte]',
  'project_ids[]',
  'event_types[]',
  'actor_ids[]',
  'actor_emails[]',
  'resource_ids[]',
  'tenant_only',
  'limit',
  'after',
  'before',
] as const;

const CONTABO_QUERY = [
  'page',
  'size',
  'orderBy',
  'imageId',
  'requestId',
  'changedBy',
  'startDate',
  'endDate',
] as const;

const AGILICUS_AUDITS_QUERY = [
  'limit',
  'user_id',
  'dt_from',
  'dt_to',
  'action',
  'target_id',
  'token_id',
  'api_name',
  'target_resource_type',
  'org_id',
  'attribute_type',
  'attribute_id',
  'attribute_org_id',
  'resources_behind_connector_id',
  'attribute_type_list',
  'attribute_id_list',
] as const;

const AGILICUS_AUTH_QUERY = [
  'limit',
  'user_id',
  'dt_from',
  'dt_to',
  'org_id',
  'session_id',
  'trace_id',
  'upstream_user_id',
  'upstream_idp',
  'login_org_id',
  'source_ip',
  'client_id',
  'event',
  'stage',
  'request_id',
  'result',
  'event_name',
] as const;

const CF_QUERY = [
  'types',
  'target_guids',
  'target_guids[not]',
  'space_guids',
  'organization_guids',
  'created_ats',
  'created_ats[lt]',
  'created_ats[lte]',
  'created_ats[gt]',
  'created_ats[gte]',
  'updated_ats',
  'updated_ats[lt]',
  'updated_ats[lte]',
  'updated_ats[gt]',
  'updated_ats[gte]',
  'guids',
  'page',
  'per_page',
  'order_by',
] as const;

const IMAGE_ID = /^[a-zA-Z][a-zA-Z0-9-]{0,127}$/;
const LOG_STREAM_NAME = /^[A-Za-z0-9._\-/:+=@#]{1,512}$/;

export const ROUTES: Record<ProviderId, readonly RouteSpec[]> = {
  openai: [{ template: 'organization/audit_logs', query: OPENAI_QUERY }],
  contabo: [{ template: 'v1/compute/images/audits', query: CONTABO_QUERY }],
  agilicus: [
    { template: 'v1/audits', query: AGILICUS_AUDITS_QUERY },
    { template: 'v1/auth_audits', query: AGILICUS_AUTH_QUERY },
  ],
  cloudfoundry: [{ template: 'v3/audit_events', query: CF_QUERY }],
  parallelcluster: [
    {
      template: 'v3/images/custom/{imageId}/stackevents',
      params: { imageId: IMAGE_ID },
      query: ['region', 'nextToken'],
    },
    {
      template: 'v3/images/custom/{imageId}/logstreams',
      params: { imageId: IMAGE_ID },
      query: ['region', 'nextToken'],
    },
    {
      template: 'v3/images/custom/{imageId}/logstreams/{logStreamName}',
      params: { imageId: IMAGE_ID, logStreamName: LOG_STREAM_NAME },
      slashParams: ['logStreamName'],
      query: ['region', 'nextToken', 'startFromHead', 'limit', 'startTime', 'endTime'],
    },
  ],
};

export type RouteMatch =
  | {
      ok: true;
      provider: ProviderId;
      template: string;
      path: string;
      search: string;
      params: Record<string, string>;
    }
  | { ok: false; status: 400 | 404; code: string; message: string };

const refuse = (status: 400 | 404, code: string, message: string): RouteMatch => ({
  ok: false,
  status,
  code,
  message,
});

/** Characters a raw path may hold at all: no backslash, no control characters, no spaces. */
const SAFE_RAW_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/[\]]*$/;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * Matches the raw request target (`/api/<provider>/<path>?<query>`, exactly as received, not normalised)
 * against the route table. Returns the upstream path with parameters re-encoded, or why it was refused.
 */
export function matchRoute(rawTarget: string, isKnownProvider: (id: string) => id is ProviderId): RouteMatch {
  const queryAt = rawTarget.indexOf('?');
  const rawPath = queryAt < 0 ? rawTarget : rawTarget.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : rawTarget.slice(queryAt + 1);
  if (!rawPath.startsWith('/api/')) return refuse(404, 'unknown_route', 'not an /api route');
  if (!SAFE_RAW_PATH.test(rawPath))
    return refuse(400, 'bad_path', 'the path holds characters that are never allowed');
  // Encoded dots, backslashes, NULs and percent signs (double encoding) are refused anywhere in the path.
  if (/%(2e|5c|00|25)/i.test(rawPath))
    return refuse(400, 'bad_path', 'the path holds an encoded dot, backslash or percent sign');

  const [providerId = '', ...segments] = rawPath.slice('/api/'.length).split('/');
  if (!isKnownProvider(providerId))
    return refuse(404, 'unknown_provider', `no provider called "${providerId.slice(0, 40)}"`);
  if (segments.some((s) => s === '' || s === '.' || s === '..')) {
    return refuse(400, 'bad_path', 'empty, "." or ".." path segments are refused');
  }

  for (const route of ROUTES[providerId]) {
    const template = route.template.split('/');
    if (template.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < template.length && matched; i++) {
      const want = template[i] ?? '';
      const got = segments[i] ?? '';
      const name = /^\{(\w+)\}$/.exec(want)?.[1];
      if (!name) {
        matched = want === got;
        continue;
      }
      if (/%2f/i.test(got) && !route.slashParams?.includes(name))
        return refuse(400, 'bad_path', 'an encoded "/" is only allowed in a log stream name');
      const value = decodeSegment(got);
      const pattern = route.params?.[name];
      if (value === undefined || !pattern?.test(value) || value.includes('..')) {
        return refuse(400, 'bad_path_parameter', `the ${name} path parameter is not valid`);
      }
      // Found by the fuzz: `a%2F.%2Fb` or `%2F%2Fhost` would reach upstream, where a server that decodes
      // %2F and normalises the path reads a different path than the one allowed here.
      if (value.split('/').some((part) => part === '' || part === '.')) {
        return refuse(400, 'bad_path_parameter', `the ${name} path parameter holds an empty or "." part`);
      }
      params[name] = value;
    }
    if (!matched) continue;

    const query = new URLSearchParams(rawQuery);
    for (const name of query.keys()) {
      if (!route.query.includes(name))
        return refuse(
          400,
          'unknown_parameter',
          `the query parameter "${name.slice(0, 60)}" is not allowed here`,
        );
    }
    const path = template
      .map((segment) => {
        const name = /^\{(\w+)\}$/.exec(segment)?.[1];
        return name ? encodeURIComponent(params[name] ?? '') : segment;
      })
      .join('/');
    return {
      ok: true,
      provider: providerId,
      template: route.template,
      path,
      search: query.toString(),
      params,
    };
  }
  return refuse(404, 'unknown_route', `no such ${providerId} endpoint`);
}

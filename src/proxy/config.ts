import type { ProviderStatus } from '../providers/status-schema.ts';
import type { ProviderId } from '../timeline/audit-event.ts';
import { bareToken } from './credentials/bearer.ts';
import { isLoopbackHost } from './loopback.ts';

export type ServerEnv = Readonly<Record<string, string | undefined>>;

/** Each provider's variables: which make it live, and which are options with defaults (DESIGN.md). */
export const PROVIDER_VARIABLES: Record<
  ProviderId,
  { required: string[][]; options: Record<string, string | undefined> }
> = {
  openai: { required: [['OPENAI_ADMIN_KEY']], options: { OPENAI_BASE_URL: 'https://api.openai.com/v1' } },
  contabo: {
    required: [['CONTABO_CLIENT_ID', 'CONTABO_CLIENT_SECRET', 'CONTABO_API_USER', 'CONTABO_API_PASSWORD']],
    options: {
      CONTABO_BASE_URL: 'https://api.contabo.com',
      CONTABO_AUTH_URL: 'https://auth.contabo.com/auth/realms/contabo/protocol/openid-connect/token',
    },
  },
  agilicus: { required: [['AGILICUS_TOKEN']], options: { AGILICUS_BASE_URL: 'https://api.agilicus.com' } },
  // Live with CF_API_URL and either a static token or UAA client credentials.
  cloudfoundry: {
    required: [
      ['CF_API_URL', 'CF_TOKEN'],
      ['CF_API_URL', 'CF_UAA_URL', 'CF_CLIENT_ID', 'CF_CLIENT_SECRET'],
    ],
    options: {},
  },
  parallelcluster: {
    required: [['PCLUSTER_API_URL']],
    options: { PCLUSTER_IMAGE_IDS: undefined, PCLUSTER_REGION: undefined },
  },
};

export const PROVIDER_ORDER: readonly ProviderId[] = [
  'contabo',
  'agilicus',
  'cloudfoundry',
  'openai',
  'parallelcluster',
];

/** A provider's variables that name a URL (`…_URL`), required or optional. */
function urlVariables(id: ProviderId): string[] {
  const { required, options } = PROVIDER_VARIABLES[id];
  return [...new Set([...required.flat(), ...Object.keys(options)])].filter((name) => name.endsWith('_URL'));
}

/**
 * Why a URL variable cannot be used, or undefined. A host written without its scheme (`uaa.example.com`)
 * would fail as each request is built; plain http would send the credentials across the network in
 * clear (allowed for a loopback host: a local fake or tunnel); user info, a query or a fragment would be
 * lost or break every request the proxy builds on the URL. The value is never echoed: it may hold user info.
 */
function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'must be an absolute http(s) URL, such as https://api.example.com';
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
    return 'must be an absolute http(s) URL, such as https://api.example.com';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return 'must use https: over http the credentials would cross the network in clear';
  if (url.username || url.password)
    return 'must not hold a user name or password: credentials go in their own variables';
  if (url.search || url.hash) return 'must not hold a query or a fragment';
  return undefined;
}

/** The variables a provider sends as a bearer token, which must be something a header can carry. */
const HEADER_TOKENS = ['OPENAI_ADMIN_KEY', 'AGILICUS_TOKEN', 'CF_TOKEN'] as const;

/** A token as a header carries it: visible ASCII, after an optional `Bearer ` the authorizer strips. */
function isHeaderToken(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(bareToken(value));
}

function isSet(env: ServerEnv, name: string): boolean {
  return (env[name] ?? '').trim() !== '';
}

function touched(env: ServerEnv, id: ProviderId): boolean {
  return PROVIDER_VARIABLES[id].required.flat().some((name) => isSet(env, name));
}

/**
 * Options set without their provider's credentials. They do not make it configured (`OPENAI_BASE_URL` is
 * the OpenAI SDKs' own variable, often exported for other tools), but the status says they are ignored.
 */
function optionsAlone(env: ServerEnv, id: ProviderId): string[] {
  return Object.keys(PROVIDER_VARIABLES[id].options).filter((name) => isSet(env, name));
}

function missingFor(env: ServerEnv, id: ProviderId): string[] | undefined {
  const sets = PROVIDER_VARIABLES[id].required;
  if (sets.some((set) => set.every((name) => isSet(env, name)))) return undefined;
  // Name what the closest complete set still lacks.
  const closest = [...sets].sort(
    (a, b) => a.filter((n) => !isSet(env, n)).length - b.filter((n) => !isSet(env, n)).length,
  )[0];
  return (closest ?? []).filter((name) => !isSet(env, name));
}

/**
 * The mode rules of DESIGN.md: nothing configured (or AUDIT_LENS_DEMO=1) → every provider demo; otherwise
 * configured ones are live, partly configured ones misconfigured, the rest not configured. Never demo
 * beside live.
 */
export function providerStatuses(env: ServerEnv): ProviderStatus[] {
  const demoForced = env.AUDIT_LENS_DEMO === '1';
  const anyConfigured = PROVIDER_ORDER.some((id) => touched(env, id));
  return PROVIDER_ORDER.map((id): ProviderStatus => {
    if (demoForced || !anyConfigured) {
      const alone = demoForced ? [] : optionsAlone(env, id);
      const reason = demoForced
        ? 'AUDIT_LENS_DEMO=1: built-in simulator'
        : alone.length
          ? `nothing is configured (${alone.join(', ')} set, but without ${id === 'parallelcluster' ? 'PCLUSTER_API_URL' : 'credentials'}): built-in simulator`
          : 'nothing is configured: built-in simulator';
      return { id, mode: 'demo', reason };
    }
    const missing = missingFor(env, id);
    if (!touched(env, id)) {
      const alone = optionsAlone(env, id);
      return {
        id,
        mode: 'not configured',
        reason: alone.length
          ? `no credentials are set for this provider (${alone.join(', ')} alone is ignored)`
          : 'no credentials are set for this provider',
      };
    }
    if (missing) return { id, mode: 'misconfigured', reason: `missing ${missing.join(', ')}`, missing };
    const urlProblems = urlVariables(id).flatMap((name) => {
      const problem = isSet(env, name) ? urlProblem(env[name] ?? '') : undefined;
      return problem ? [`${name} ${problem}`] : [];
    });
    if (urlProblems.length) return { id, mode: 'misconfigured', reason: urlProblems.join('; ') };
    const unsendable = HEADER_TOKENS.filter(
      (name) =>
        isSet(env, name) &&
        PROVIDER_VARIABLES[id].required.flat().includes(name) &&
        !isHeaderToken(env[name] ?? ''),
    );
    if (unsendable.length)
      return {
        id,
        mode: 'misconfigured',
        reason: `${unsendable.join(', ')} holds characters a request header cannot carry (a space, a curly quote, a non-ASCII letter): paste the token again`,
      };
    const unusable = unusableSetting(env, id);
    if (unusable) return { id, mode: 'misconfigured', reason: unusable };
    return { id, mode: 'live', reason: 'credentials set on the server' };
  });
}

/** The ParallelCluster API's `imageId` pattern. */
export const PCLUSTER_IMAGE_ID = /^[a-zA-Z][a-zA-Z0-9-]+$/;

/** The comma list PCLUSTER_IMAGE_IDS names, blanks dropped. */
export function listedImageIds(env: ServerEnv): string[] {
  return (env.PCLUSTER_IMAGE_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

/**
 * A setting that would leave a live provider showing nothing, or less than asked, without a word:
 * ParallelCluster follows only the images PCLUSTER_IMAGE_IDS names (the API has no account-wide log).
 */
function unusableSetting(env: ServerEnv, id: ProviderId): string | undefined {
  if (id !== 'parallelcluster') return undefined;
  const ids = listedImageIds(env);
  if (!ids.length) return 'PCLUSTER_IMAGE_IDS names no image to follow: set a comma list of image ids';
  const bad = ids.filter((imageId) => !PCLUSTER_IMAGE_ID.test(imageId));
  if (!bad.length) return undefined;
  const named = bad.map((imageId) => JSON.stringify(imageId.slice(0, 60))).join(', ');
  return `PCLUSTER_IMAGE_IDS: ${named} ${bad.length === 1 ? 'is not an image id' : 'are not image ids'} (a letter, then letters, digits and hyphens)`;
}

export function option(env: ServerEnv, id: ProviderId, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : PROVIDER_VARIABLES[id].options[name];
}

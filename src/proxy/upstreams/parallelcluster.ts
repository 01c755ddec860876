import {
  DEMO_IMAGE_IDS,
  PCLUSTER_DEMO_BASE_URL,
  PCLUSTER_DEMO_CREDENTIALS,
  parallelClusterSimulatorHandlers,
} from '../../providers/parallelcluster/simulator/handlers.ts';
import type { ProviderStatus } from '../../providers/status-schema.ts';
import { CredentialError } from '../api-handler.ts';
import { listedImageIds, option, PCLUSTER_IMAGE_ID, type ServerEnv } from '../config.ts';
import {
  lazyNodeCredentials,
  signingRegion,
  sigv4Authorizer,
  type AwsCredentialSource,
} from '../credentials/sigv4.ts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { sendLive, simulatorSender } from '../upstream.ts';
import type { UpstreamFactory } from './upstream-context.ts';

/**
 * The image ids `/api/_status` lists for ParallelCluster: the simulator's in demo, PCLUSTER_IMAGE_IDS
 * (comma list) live, none otherwise.
 */
export function parallelClusterImages(status: ProviderStatus, env: ServerEnv): string[] {
  if (status.mode === 'demo') return [...DEMO_IMAGE_IDS];
  if (status.mode !== 'live') return [];
  // Live only when every listed id is usable (providerStatuses says which is not).
  return [...new Set(listedImageIds(env).filter((id) => PCLUSTER_IMAGE_ID.test(id)))];
}

/** Adds the API's `region` parameter (where the images live) before the request is signed. */
function withRegion(
  region: string | undefined,
  authorize: (url: URL, headers: Headers) => Promise<void>,
): (url: URL, headers: Headers) => Promise<void> {
  return (url, headers) => {
    if (region && !url.searchParams.has('region')) url.searchParams.set('region', region);
    return authorize(url, headers);
  };
}

/**
 * ParallelCluster: SigV4 (service execute-api) to the user's API Gateway live, with credentials from AWS's
 * standard chain resolved on the first request; the simulator with its own demo key pair otherwise.
 */
/**
 * AWS credentials from the server's configuration (environment or `.env.local`, which AWS's own chain
 * would not read), in the SDK's order: a named `AWS_PROFILE` first, through AWS's chain; else keys set
 * there; else AWS's chain.
 */
export function awsCredentialsFrom(env: ServerEnv): AwsCredentialSource {
  const profile = env.AWS_PROFILE?.trim() || undefined;
  if (profile) return lazyNodeCredentials(() => defaultProvider({ profile }));
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (accessKeyId && secretAccessKey) {
    const keys = { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN?.trim() || undefined };
    return () => Promise.resolve(keys);
  }
  return lazyNodeCredentials();
}

export function createParallelClusterUpstream(
  credentialsFor: (env: ServerEnv) => AwsCredentialSource = awsCredentialsFrom,
): UpstreamFactory {
  return ({ status, env, clock, scale, wrapDemo }) => {
    if (status.mode === 'live') {
      const credentials = credentialsFor(env);
      const baseUrl = option(env, 'parallelcluster', 'PCLUSTER_API_URL') ?? '';
      const region = signingRegion(baseUrl, env.AWS_REGION);
      const apiRegion = option(env, 'parallelcluster', 'PCLUSTER_REGION');
      const authorize = region
        ? sigv4Authorizer({ service: 'execute-api', region, credentials })
        : () =>
            Promise.reject(
              new CredentialError(
                'cannot tell the signing region: PCLUSTER_API_URL is not an execute-api invoke URL and AWS_REGION is not set',
              ),
            );
      return { baseUrl, authorize: withRegion(apiRegion, authorize), send: sendLive };
    }
    if (status.mode === 'demo') {
      const baseUrl = PCLUSTER_DEMO_BASE_URL;
      const handlers = parallelClusterSimulatorHandlers({ baseUrl, clock, scale });
      const demoKeys = PCLUSTER_DEMO_CREDENTIALS;
      return {
        baseUrl,
        authorize: sigv4Authorizer({
          service: 'execute-api',
          region: signingRegion(baseUrl) ?? 'us-east-1',
          credentials: () => Promise.resolve(demoKeys),
        }),
        send: wrapDemo(simulatorSender(handlers)),
      };
    }
    return undefined;
  };
}

export const parallelClusterUpstream: UpstreamFactory = createParallelClusterUpstream();

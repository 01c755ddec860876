import type { UpstreamFactory } from './upstream-context.ts';

/** Placeholder until the cloudfoundry upstream lands. */
export const cloudFoundryUpstream: UpstreamFactory = () => undefined;

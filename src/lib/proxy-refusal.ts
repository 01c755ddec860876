import { z } from 'zod';

/**
 * The header that marks the proxy's own answers. The proxy never forwards an upstream header of this name
 * (see `forwardableResponseHeaders`), so a provider's body shaped like a refusal cannot pass for one.
 */
export const PROXY_REFUSAL_HEADER = 'x-audit-lens-refusal';

/** The body of the proxy's own answers: `{ auditLensProxy: { code, message } }`. */
export const proxyRefusalSchema = z.object({
  auditLensProxy: z.object({ code: z.string(), message: z.string() }),
});

export type ProxyRefusal = z.infer<typeof proxyRefusalSchema>;

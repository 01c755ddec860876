import { queryOptions } from '@tanstack/react-query';
import { ProviderError } from '../lib/provider-error.ts';
import { describeZodError } from '../lib/zod-issues.ts';
import { apiUrl } from './http/fetch-json.ts';
import { statusResponseSchema } from './status-schema.ts';

/** `/api/_status`: each provider's mode as the proxy sees it. */
export const statusQueryOptions = queryOptions({
  queryKey: ['status'],
  queryFn: async ({ signal }) => {
    const url = new URL('/api/_status', apiUrl('status', '').origin);
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch {
      throw new ProviderError({
        providerLabel: 'Audit Lens server',
        kind: 'network',
        detail: 'the proxy could not be reached',
      });
    }
    if (!response.ok)
      throw new ProviderError({
        providerLabel: 'Audit Lens server',
        kind: 'http',
        detail: 'status check failed',
        status: response.status,
      });
    const parsed = statusResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ProviderError({
        providerLabel: 'Audit Lens server',
        kind: 'invalid-response',
        detail: describeZodError(parsed.error),
      });
    }
    return parsed.data.providers;
  },
  staleTime: Infinity,
});

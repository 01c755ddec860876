import { QueryClient } from '@tanstack/react-query';

/**
 * Loaded pages never refetch under the user: no retries here (the adapters own them), no refetch on
 * focus or reconnect, nothing goes stale by itself.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: Infinity },
    },
  });
}

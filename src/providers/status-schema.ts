import { z } from 'zod';
import { providerIdSchema } from '../timeline/audit-event.ts';

export const providerModeSchema = z.enum(['live', 'demo', 'misconfigured', 'not configured']);
export type ProviderMode = z.infer<typeof providerModeSchema>;

/** One provider's line of `/api/_status`: its mode and why, never a secret. */
export const providerStatusSchema = z.object({
  id: providerIdSchema,
  mode: providerModeSchema,
  reason: z.string(),
  missing: z.array(z.string()).optional(),
  images: z.array(z.string()).optional(),
});
export type ProviderStatus = z.infer<typeof providerStatusSchema>;

export const statusResponseSchema = z.object({ providers: z.array(providerStatusSchema) });

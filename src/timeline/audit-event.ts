import { z } from 'zod';

export const PROVIDER_IDS = ['contabo', 'agilicus', 'cloudfoundry', 'openai', 'parallelcluster'] as const;
export const providerIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof providerIdSchema>;

export const SOURCES = [
  'contabo.images',
  'agilicus.audits',
  'agilicus.auth',
  'cloudfoundry.audit_events',
  'openai.audit_logs',
  'parallelcluster.stack',
] as const;
export const sourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof sourceSchema>;

export const CATEGORIES = [
  'authentication',
  'authorization',
  'configuration',
  'lifecycle',
  'access',
  'build',
  'other',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

export const OUTCOMES = ['success', 'failure', 'unknown'] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;

export const auditEventSchema = z.object({
  /** `${source}:${id}`: permalinks and review records rely on it. */
  key: z.string(),
  provider: providerIdSchema,
  source: sourceSchema,
  /** Epoch milliseconds, UTC. The provider's original string stays in `raw`. */
  time: z.number().int(),
  action: z.string(),
  category: categorySchema,
  outcome: outcomeSchema,
  actor: z.object({
    id: z.string().optional(),
    name: z.string().optional(),
    email: z.string().optional(),
    type: z.string().optional(),
  }),
  target: z.object({
    id: z.string().optional(),
    name: z.string().optional(),
    type: z.string().optional(),
  }),
  scope: z.object({
    org: z.string().optional(),
    project: z.string().optional(),
    space: z.string().optional(),
    region: z.string().optional(),
    image: z.string().optional(),
  }),
  ip: z.string().optional(),
  userAgent: z.string().optional(),
  requestId: z.string().optional(),
  traceId: z.string().optional(),
  sessionId: z.string().optional(),
  summary: z.string(),
  demo: z.boolean(),
  raw: z.unknown(),
});

export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Builds the event key of the contract: `eventKey('openai.audit_logs', 'audit_log-1')` → `openai.audit_logs:audit_log-1`. */
export function eventKey(source: Source, id: string): string {
  return `${source}:${id}`;
}

import { z } from 'zod';
import { errorText } from '../http/error-text.ts';
import { hasRealDateFields } from '../../lib/time-expression.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const YEAR_2000_MS = 946_684_800_000;
const YEAR_2100_MS = 4_102_444_800_000;

/**
 * `YYYY-MM-DDThh:mm:ssZ` (CF writes whole seconds; a fraction is tolerated), between 2000 and 2100:
 * anything else is a broken record, not a row.
 */
export const cfTimestampSchema = z.string().refine((value) => {
  if (!TIMESTAMP.test(value) || !hasRealDateFields(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && ms >= YEAR_2000_MS && ms < YEAR_2100_MS;
}, 'expected a UTC timestamp like 2016-06-08T16:41:23Z between 2000 and 2100');

/** Actor and target: `null` when the event has none (the presenter returns nil for an empty column). */
const cfPartySchema = z.looseObject({
  guid: z.string(),
  type: z.string().optional(),
  name: z.string().optional(),
});

const cfGuidRefSchema = z.looseObject({ guid: z.string() });
const cfLinkSchema = z.looseObject({ href: z.string() });

/**
 * One `AuditEvent` of `GET /v3/audit_events`. `type` stays an open string: the server does not validate
 * types and new ones appear (the event-type list in the provider doc is a hint, not an enum).
 */
export const cfAuditEventSchema = z.looseObject({
  guid: z.string().min(1),
  created_at: cfTimestampSchema,
  updated_at: z.string().optional(),
  type: z.string().min(1),
  actor: cfPartySchema.nullable().optional(),
  target: cfPartySchema.nullable().optional(),
  data: z.record(z.string(), z.unknown()).nullable().optional(),
  space: cfGuidRefSchema.nullable().optional(),
  organization: cfGuidRefSchema.nullable().optional(),
  links: z.looseObject({ self: cfLinkSchema.optional() }).optional(),
});

/** The hrefs are absolute URLs on the API host: read, never fetched (the adapter builds its own requests). */
export const cfPaginationSchema = z.looseObject({
  total_results: z.number().int().min(0),
  total_pages: z.number().int().min(0),
  first: cfLinkSchema.nullable().optional(),
  last: cfLinkSchema.nullable().optional(),
  next: cfLinkSchema.nullable().optional(),
  previous: cfLinkSchema.nullable().optional(),
});

export const cfAuditEventListSchema = z.looseObject({
  pagination: cfPaginationSchema,
  resources: z.array(cfAuditEventSchema),
});

export const cfErrorSchema = z.looseObject({
  errors: z
    .array(
      z.looseObject({
        code: z.number().optional().catch(undefined),
        title: errorText,
        detail: errorText,
      }),
    )
    .min(1),
});

export type CfAuditEvent = z.infer<typeof cfAuditEventSchema>;
export type CfAuditEventList = z.infer<typeof cfAuditEventListSchema>;

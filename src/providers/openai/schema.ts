import { z } from 'zod';
import { errorText } from '../http/error-text.ts';

const userSchema = z.looseObject({ id: z.string().optional(), email: z.string().optional() });

/**
 * Session fields the spec lacks (user_agent, ja3, ip_address_details…) pass through untouched, whatever
 * their type: `user_agent` is read only where it is text.
 */
const sessionSchema = z.looseObject({
  user: userSchema.optional(),
  ip_address: z.string().optional(),
});

const apiKeySchema = z.looseObject({
  id: z.string().optional(),
  type: z.string().optional(),
  user: userSchema.optional(),
  service_account: z.looseObject({ id: z.string().optional() }).optional(),
});

export const openAiActorSchema = z.looseObject({
  type: z.string().optional(),
  session: sessionSchema.optional(),
  api_key: apiKeySchema.optional(),
});

/** Seconds since the epoch between 2000 and 2100: anything else is a broken record, not a row. */
const effectiveAtSchema = z.number().int().min(946_684_800).max(4_102_444_800);

/**
 * One `AuditLog`. Only id, type and effective_at are required; the payload sits under a key named after
 * the type (`"project.updated": {...}`), so unknown keys are kept, never an error.
 */
export const openAiAuditLogSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  effective_at: effectiveAtSchema,
  project: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
  actor: openAiActorSchema.nullable().optional(),
});

export const openAiListSchema = z.looseObject({
  object: z.literal('list'),
  data: z.array(openAiAuditLogSchema),
  first_id: z.string().nullable().optional(),
  last_id: z.string().nullable().optional(),
  has_more: z.boolean(),
});

export const openAiErrorSchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: errorText,
    code: errorText,
  }),
});

export type OpenAiAuditLog = z.infer<typeof openAiAuditLogSchema>;
export type OpenAiList = z.infer<typeof openAiListSchema>;

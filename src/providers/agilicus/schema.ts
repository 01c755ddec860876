import { z } from 'zod';
import { errorText } from '../http/error-text.ts';
import { parseAgilicusMicros } from './time.ts';

const text = z.string().nullable().optional();

/** A record whose time can be read: the only kind that reaches the normalizers. */
export type Timed<R> = R & { time: string };

/**
 * Whether a record's time can be read (an ISO 8601 date-time between 2000 and 2100). `time` is optional in
 * the SDK; a record without a readable one cannot be placed on a timeline, but it must not refuse its whole
 * window either: the window paging leaves it out and says how many.
 */
export function hasReadableTime<R extends { time?: string | null }>(record: R): record is Timed<R> {
  return typeof record.time === 'string' && parseAgilicusMicros(record.time) !== undefined;
}

/** One `Audit`: every field optional in the SDK; unknown ones (e.g. `attributes`) pass through untouched. */
export const agilicusAuditSchema = z.looseObject({
  time: text,
  user_id: text,
  org_id: text,
  action: text,
  api_name: text,
  target_resource_type: text,
  target_id: text,
  source_ip: text,
  token_id: text,
  trace_id: text,
  session: text,
  secondary_id: text,
  tertiary_id: text,
  parent_id: text,
  grandparent_id: text,
});

/** One `AuthAudits` record. `event` and `stage` are deprecated in favour of `result` and `event_name`. */
export const agilicusAuthAuditSchema = z.looseObject({
  time: text,
  user_id: text,
  upstream_user_id: text,
  org_id: text,
  org_name: text,
  event: text,
  event_name: text,
  source_ip: text,
  token_id: text,
  trace_id: text,
  session: text,
  issuer: text,
  client_id: text,
  application_name: text,
  login_org_id: text,
  login_org_name: text,
  upstream_idp: text,
  stage: text,
  result: text,
  user_agent: text,
  request_id: text,
});

/**
 * `limit` echoes the row limit the server applied (required: a 200 without it, such as `{}` or an error
 * body, is not an empty window); the list itself is optional in the schema.
 */
export const agilicusAuditListSchema = z.looseObject({
  limit: z.number().int(),
  audits: z.array(agilicusAuditSchema).nullable().optional(),
});

export const agilicusAuthAuditListSchema = z.looseObject({
  limit: z.number().int(),
  auth_audits: z.array(agilicusAuthAuditSchema).nullable().optional(),
});

/**
 * The API-wide `ErrorMessage`; other shapes (`message`, `detail`) are read too, as these paths declare none.
 * Each field is read on its own (`text`): one of another type (a list of details) never hides the rest.
 */
export const agilicusErrorSchema = z.looseObject({
  error_code: errorText,
  error_message: errorText,
  message: errorText,
  detail: errorText,
});

export type AgilicusAudit = z.infer<typeof agilicusAuditSchema>;
export type AgilicusAuthAudit = z.infer<typeof agilicusAuthAuditSchema>;

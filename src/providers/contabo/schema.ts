import { z } from 'zod';
import { errorText } from '../http/error-text.ts';
import { hasRealDateFields } from '../../lib/time-expression.ts';

/** The `action` values the spec enumerates; anything else still validates and maps to other/unknown. */
export const CONTABO_ACTIONS = ['CREATED', 'UPDATED', 'DELETED'] as const;
export type ContaboAction = (typeof CONTABO_ACTIONS)[number];

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const EARLIEST_MS = Date.UTC(2000, 0, 1);
const LATEST_MS = Date.UTC(2100, 0, 1);

/**
 * `"2021-03-30T11:35:06.177Z"` → epoch ms. The spec says date-time with milliseconds and `Z`; more
 * fraction digits or an offset are read too. Anything unparseable or outside 2000–2100 is undefined.
 */
export function contaboTimeMs(timestamp: string): number | undefined {
  if (!ISO_INSTANT.test(timestamp) || !hasRealDateFields(timestamp)) return undefined;
  // Past three fraction digits (position 23 holds a digit), the fraction is cut to milliseconds.
  const atFourthDigit = timestamp.charCodeAt(23);
  const fourthFractionDigit = timestamp.charCodeAt(19) === 46 && atFourthDigit >= 48 && atFourthDigit <= 57;
  const ms = Date.parse(fourthFractionDigit ? timestamp.replace(/(\.\d{3})\d+/, '$1') : timestamp);
  return Number.isNaN(ms) || ms < EARLIEST_MS || ms > LATEST_MS ? undefined : ms;
}

/**
 * One `ImageAuditResponseData`. The spec requires every field but `changes`; username, requestId and
 * traceId only describe the causing call, so a record without them is still a row.
 */
export const contaboAuditSchema = z.looseObject({
  /** int64; a server serialising it as a string is read too. */
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
  action: z.string().min(1),
  timestamp: z.string().refine((value) => contaboTimeMs(value) !== undefined, {
    message: 'not an ISO 8601 instant between 2000 and 2100',
  }),
  tenantId: z.string().min(1),
  customerId: z.string().min(1),
  changedBy: z.string().min(1),
  username: z.string().nullable().optional(),
  requestId: z.string().nullable().optional(),
  traceId: z.string().nullable().optional(),
  imageId: z.string(),
  changes: z.record(z.string(), z.unknown()).nullable().optional(),
});

const paginationSchema = z.looseObject({
  size: z.number().nonnegative(),
  totalElements: z.number().int().nonnegative(),
  totalPages: z.number().int().nonnegative(),
  page: z.number().nonnegative(),
});

const linksSchema = z.looseObject({
  self: z.string().nullable().optional(),
  first: z.string().nullable().optional(),
  last: z.string().nullable().optional(),
  previous: z.string().nullable().optional(),
  next: z.string().nullable().optional(),
});

/**
 * `ImageAuditResponse`. The published example has `"_pagination": ""` (a generator artefact): that, null
 * or a missing key all mean "no pagination info". `_links` is never followed, so it is not required.
 */
export const contaboAuditListSchema = z.looseObject({
  _pagination: z
    .union([paginationSchema, z.literal('')])
    .nullable()
    .optional(),
  data: z.array(contaboAuditSchema),
  _links: z
    .union([linksSchema, z.literal('')])
    .nullable()
    .optional(),
});

/**
 * Contabo error bodies as the official CLI reads them: `statusCode` and `message`; other keys are
 * unconfirmed, so each field is read on its own, and one of another type never hides the message. The
 * auth server (Keycloak) answers `error` and `error_description`.
 */
export const contaboErrorSchema = z.looseObject({
  statusCode: z.number().optional().catch(undefined),
  message: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  error: errorText,
  error_description: errorText,
});

export type ContaboAudit = z.infer<typeof contaboAuditSchema>;
export type ContaboAuditList = z.infer<typeof contaboAuditListSchema>;
export type ContaboPagination = z.infer<typeof paginationSchema>;

/** The pagination object, or undefined when the body carries none (`""`, null, absent). */
export function paginationOf(list: ContaboAuditList): ContaboPagination | undefined {
  return list._pagination || undefined;
}

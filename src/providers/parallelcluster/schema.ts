import { z } from 'zod';
import { errorText } from '../http/error-text.ts';
import { hasRealDateFields } from '../../lib/time-expression.ts';

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

/** An ISO 8601 instant (`to_iso_timestr`: `2021-07-29T16:11:47.429Z`) between 2000 and 2100. */
const isoInstantSchema = z.string().refine(
  (value) => {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return false;
    if (!hasRealDateFields(value)) return false;
    const at = Date.parse(value);
    return Number.isFinite(at) && at >= MIN_TIME && at < MAX_TIME;
  },
  { message: 'expected an ISO 8601 date-time between 2000 and 2100' },
);

/**
 * CloudFormation resource statuses of the spec. Stack-level events also carry stack statuses (ROLLBACK_*,
 * UPDATE_ROLLBACK_*) and CloudFormation adds new ones, so the schema takes any string: this list is a hint.
 */
export const CLOUDFORMATION_RESOURCE_STATUSES = [
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'DELETE_COMPLETE',
  'DELETE_SKIPPED',
  'UPDATE_IN_PROGRESS',
  'UPDATE_FAILED',
  'UPDATE_COMPLETE',
  'IMPORT_FAILED',
  'IMPORT_COMPLETE',
  'IMPORT_IN_PROGRESS',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
] as const;

/** One `StackEvent` (DescribeStackEvents with camelCase keys). */
export const stackEventSchema = z.looseObject({
  stackId: z.string().min(1),
  eventId: z.string().min(1),
  stackName: z.string().min(1),
  logicalResourceId: z.string(),
  physicalResourceId: z.string(),
  resourceType: z.string(),
  timestamp: isoInstantSchema,
  resourceStatus: z.string().min(1),
  resourceStatusReason: z.string().nullable().optional(),
  /** A JSON document as a string. */
  resourceProperties: z.string().nullable().optional(),
  clientRequestToken: z.string().nullable().optional(),
});

export const stackEventsResponseSchema = z.looseObject({
  nextToken: z.string().nullable().optional(),
  events: z.array(stackEventSchema).nullable().optional(),
});

export const logStreamSchema = z.looseObject({
  logStreamName: z.string().min(1),
  creationTime: isoInstantSchema,
  firstEventTimestamp: isoInstantSchema,
  lastEventTimestamp: isoInstantSchema,
  lastIngestionTime: isoInstantSchema,
  uploadSequenceToken: z.string(),
  logStreamArn: z.string(),
});

export const logStreamsResponseSchema = z.looseObject({
  nextToken: z.string().nullable().optional(),
  logStreams: z.array(logStreamSchema),
});

export const logEventSchema = z.looseObject({
  timestamp: isoInstantSchema,
  message: z.string(),
});

export const logEventsResponseSchema = z.looseObject({
  nextToken: z.string().nullable().optional(),
  prevToken: z.string().nullable().optional(),
  events: z.array(logEventSchema).nullable().optional(),
});

/**
 * Every error the API (and API Gateway in front of it) answers: `{ "message": "..." }`. Some gateway
 * denials (a resource policy's) are documented as `{ "Message": "..." }`; either is read.
 */
export const parallelClusterErrorSchema = z.looseObject({
  message: errorText,
  Message: errorText,
});

export type StackEvent = z.infer<typeof stackEventSchema>;
export type StackEventsResponse = z.infer<typeof stackEventsResponseSchema>;
export type LogStreamRecord = z.infer<typeof logStreamSchema>;
export type LogEventRecord = z.infer<typeof logEventSchema>;

import { eventKey, type AuditEvent } from '../../timeline/audit-event.ts';
import { PARALLELCLUSTER_CATEGORY, parallelClusterOutcome } from './mapping.ts';
import type { LogEventRecord, LogStreamRecord, StackEvent } from './schema.ts';

const STACK_TYPE = 'AWS::CloudFormation::Stack';
const MAX_REASON = 400;

/** `arn:aws:cloudformation:us-east-1:123456789012:stack/name/uuid` → `us-east-1`. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region ? region : undefined;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON ? `${flat.slice(0, MAX_REASON - 1)}…` : flat;
}

function summaryOf(event: StackEvent): string {
  const reason = event.resourceStatusReason ? `: ${oneLine(event.resourceStatusReason)}` : '';
  if (event.resourceType === STACK_TYPE)
    return `Image stack ${event.stackName} ${event.resourceStatus}${reason}`;
  return `${event.logicalResourceId} ${event.resourceStatus}${reason}`;
}

/**
 * One CloudFormation stack event of an image build as an `AuditEvent`; the wire record is kept whole in
 * `raw`. Stack events name no person: the actor stays empty.
 */
export function normalizeStackEvent(event: StackEvent, imageId: string, demo: boolean): AuditEvent {
  return {
    // Every image's stack has the same logical resources, so an event id is unique within one image only.
    key: eventKey('parallelcluster.stack', `${imageId}:${event.eventId}`),
    provider: 'parallelcluster',
    source: 'parallelcluster.stack',
    time: Date.parse(event.timestamp),
    action: event.resourceStatus,
    category: PARALLELCLUSTER_CATEGORY,
    outcome: parallelClusterOutcome(event.resourceStatus),
    actor: {},
    target: {
      id: event.physicalResourceId || event.logicalResourceId,
      name: event.logicalResourceId,
      type: event.resourceType,
    },
    scope: { image: imageId, region: regionOfArn(event.stackId) },
    requestId: event.clientRequestToken ?? undefined,
    summary: summaryOf(event),
    demo,
    raw: event,
  };
}

/**
 * One line of an image build log. Lines have no id and a build log repeats lines for real, so a line is
 * known by its stream and its position, never de-duplicated.
 */
export interface LogLine {
  /** `${stream}#${position}`. */
  key: string;
  imageId: string;
  stream: string;
  /** Ordinal within the stream as the reader walked it (negative when counted back from the tail). */
  position: number;
  time: number;
  /** The API's original timestamp string. */
  timestamp: string;
  message: string;
  demo: boolean;
}

export function normalizeLogEvent(
  record: LogEventRecord,
  imageId: string,
  stream: string,
  position: number,
  demo: boolean,
): LogLine {
  return {
    key: `${stream}#${position}`,
    imageId,
    stream,
    position,
    time: Date.parse(record.timestamp),
    timestamp: record.timestamp,
    message: record.message,
    demo,
  };
}

/** A log stream of an image's log group, with its times as epoch ms. */
export interface LogStreamInfo {
  imageId: string;
  name: string;
  arn: string;
  creationTime: number;
  firstEventTime: number;
  /** Eventually consistent in CloudWatch: can lag the real last event by up to an hour. */
  lastEventTime: number;
  lastIngestionTime: number;
}

export function normalizeLogStream(record: LogStreamRecord, imageId: string): LogStreamInfo {
  return {
    imageId,
    name: record.logStreamName,
    arn: record.logStreamArn,
    creationTime: Date.parse(record.creationTime),
    firstEventTime: Date.parse(record.firstEventTimestamp),
    lastEventTime: Date.parse(record.lastEventTimestamp),
    lastIngestionTime: Date.parse(record.lastIngestionTime),
  };
}

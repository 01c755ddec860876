import { describe, expect, it } from 'vitest';
import { auditEventSchema } from '../../timeline/audit-event.ts';
import { PARALLELCLUSTER_OUTCOME_RULES, parallelClusterOutcome } from './mapping.ts';
import { normalizeLogEvent, normalizeLogStream, normalizeStackEvent, regionOfArn } from './normalize.ts';
import {
  logEventsResponseSchema,
  logStreamsResponseSchema,
  stackEventSchema,
  stackEventsResponseSchema,
  type StackEvent,
} from './schema.ts';

/** The provider doc's examples, composed from the spec's field names and the user guide's values. */
const LOG_STREAMS_EXAMPLE = {
  logStreams: [
    {
      logStreamName: '3.12.0/1',
      creationTime: '2024-05-14T09:00:03.875Z',
      firstEventTimestamp: '2024-05-14T09:00:03.775Z',
      lastEventTimestamp: '2024-05-14T09:41:23.944Z',
      lastIngestionTime: '2024-05-14T09:41:56.026Z',
      uploadSequenceToken: '49039859633400612399124380726012237213591290349776318898',
      logStreamArn:
        'arn:aws:logs:us-east-1:123456789012:log-group:/aws/imagebuilder/ParallelClusterImage-my-image:log-stream:3.12.0/1',
    },
  ],
};
const LOG_EVENTS_EXAMPLE = {
  nextToken: 'f/38261702551386047139421311735003913373858097545536978946/s',
  prevToken: 'b/38261702479373262043006398766372163512066046541431488512/s',
  events: [
    { timestamp: '2024-05-14T09:02:11.228Z', message: 'ExecuteBash: STARTED EXECUTION' },
    {
      timestamp: '2024-05-14T09:02:11.230Z',
      message: 'ExecuteBash: Created temporary directory: /tmp/1234567890abcdef0',
    },
  ],
};
const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/my-image/5c1d9a40-b51c-11ec-8a3e-0e8ae4c5d2f1';
const STACK_EVENTS_EXAMPLE = {
  events: [
    {
      stackId: STACK_ID,
      eventId: 'ParallelClusterImage-CREATE_IN_PROGRESS-2022-04-05T21:39:24.725Z',
      stackName: 'my-image',
      logicalResourceId: 'ParallelClusterImage',
      physicalResourceId:
        'arn:aws:imagebuilder:us-east-1:123456789012:image/parallelclusterimage-my-image/3.1.2/1',
      resourceType: 'AWS::ImageBuilder::Image',
      timestamp: '2022-04-05T21:39:24.725Z',
      resourceStatus: 'CREATE_IN_PROGRESS',
      resourceStatusReason: 'Resource creation Initiated',
      resourceProperties: '{"EnhancedImageMetadataEnabled":"true"}',
      futureField: { kept: true },
    },
    {
      stackId: STACK_ID,
      eventId: '4a9f6e10-b51c-11ec-b6d4-12f0e4b8c0a3',
      stackName: 'my-image',
      logicalResourceId: 'my-image',
      physicalResourceId: STACK_ID,
      resourceType: 'AWS::CloudFormation::Stack',
      timestamp: '2022-04-05T21:36:49.052Z',
      resourceStatus: 'CREATE_IN_PROGRESS',
      resourceStatusReason: 'User Initiated',
    },
  ],
};

describe('ParallelCluster schemas and normalizer on the documented examples', () => {
  it('validates and normalizes stack events', () => {
    const parsed = stackEventsResponseSchema.parse(STACK_EVENTS_EXAMPLE);
    const [resource, stack] = (parsed.events ?? []).map((e) => normalizeStackEvent(e, 'my-image', false));
    expect(auditEventSchema.parse(resource)).toBeTruthy();
    expect(resource).toMatchObject({
      key: 'parallelcluster.stack:my-image:ParallelClusterImage-CREATE_IN_PROGRESS-2022-04-05T21:39:24.725Z',
      time: Date.parse('2022-04-05T21:39:24.725Z'),
      action: 'CREATE_IN_PROGRESS',
      category: 'build',
      outcome: 'unknown',
      actor: {},
      target: {
        id: 'arn:aws:imagebuilder:us-east-1:123456789012:image/parallelclusterimage-my-image/3.1.2/1',
        name: 'ParallelClusterImage',
        type: 'AWS::ImageBuilder::Image',
      },
      scope: { image: 'my-image', region: 'us-east-1' },
      summary: 'ParallelClusterImage CREATE_IN_PROGRESS: Resource creation Initiated',
      demo: false,
    });
    expect((resource?.raw as Record<string, unknown>).futureField).toEqual({ kept: true });
    expect(stack?.summary).toBe('Image stack my-image CREATE_IN_PROGRESS: User Initiated');
    expect(stack?.key).toBe('parallelcluster.stack:my-image:4a9f6e10-b51c-11ec-b6d4-12f0e4b8c0a3');
    // Two images' stacks name the same resources at the same instant: two events, two keys.
    const other = normalizeStackEvent(parsed.events?.[0] as StackEvent, 'other-image', false);
    expect(other.key).not.toBe(resource?.key);
  });

  it('accepts stack statuses outside the resource enum and folds long reasons to one line', () => {
    const event = stackEventSchema.parse({
      ...STACK_EVENTS_EXAMPLE.events[1],
      resourceStatus: 'UPDATE_ROLLBACK_COMPLETE',
      resourceStatusReason: `line one\nline two ${'x'.repeat(600)}`,
    });
    const normalized = normalizeStackEvent(event, 'my-image', true);
    expect(normalized.outcome).toBe('failure');
    expect(normalized.summary).not.toContain('\n');
    expect(normalized.summary.length).toBeLessThan(460);
  });

  it('refuses a record with a missing field or an unreadable time', () => {
    const noId: Record<string, unknown> = { ...STACK_EVENTS_EXAMPLE.events[1] };
    delete noId.eventId;
    expect(stackEventSchema.safeParse(noId).success).toBe(false);
    expect(
      stackEventSchema.safeParse({ ...STACK_EVENTS_EXAMPLE.events[1], timestamp: '2022-04-05 21:36' })
        .success,
    ).toBe(false);
    expect(
      stackEventSchema.safeParse({ ...STACK_EVENTS_EXAMPLE.events[1], timestamp: '1970-01-01T00:00:00.000Z' })
        .success,
    ).toBe(false);
  });

  it('validates and normalizes log streams and log events', () => {
    const streams = logStreamsResponseSchema.parse(LOG_STREAMS_EXAMPLE);
    const [stream] = streams.logStreams.map((s) => normalizeLogStream(s, 'my-image'));
    expect(stream).toMatchObject({
      name: '3.12.0/1',
      imageId: 'my-image',
      lastEventTime: Date.parse('2024-05-14T09:41:23.944Z'),
    });
    const events = logEventsResponseSchema.parse(LOG_EVENTS_EXAMPLE);
    const lines = (events.events ?? []).map((e, i) =>
      normalizeLogEvent(e, 'my-image', '3.12.0/1', 10 + i, false),
    );
    expect(lines.map((l) => l.key)).toEqual(['3.12.0/1#10', '3.12.0/1#11']);
    expect(lines[0]).toMatchObject({
      message: 'ExecuteBash: STARTED EXECUTION',
      time: Date.parse('2024-05-14T09:02:11.228Z'),
    });
    expect(logEventsResponseSchema.parse({ nextToken: 'f/1/s' }).events).toBeUndefined();
  });

  it('reads the region of a stack ARN', () => {
    expect(regionOfArn(STACK_ID)).toBe('us-east-1');
    expect(regionOfArn('not-an-arn')).toBeUndefined();
  });
});

describe('ParallelCluster outcome table', () => {
  it.each([
    ['CREATE_COMPLETE', 'success'],
    ['DELETE_COMPLETE', 'success'],
    ['UPDATE_COMPLETE', 'success'],
    ['CREATE_FAILED', 'failure'],
    ['DELETE_FAILED', 'failure'],
    ['ROLLBACK_IN_PROGRESS', 'failure'],
    ['ROLLBACK_COMPLETE', 'failure'],
    ['UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'failure'],
    ['IMPORT_ROLLBACK_COMPLETE', 'failure'],
    ['CREATE_IN_PROGRESS', 'unknown'],
    ['DELETE_SKIPPED', 'unknown'],
    ['SOMETHING_NEW', 'unknown'],
  ] as const)('%s → %s', (status, outcome) => {
    expect(parallelClusterOutcome(status)).toBe(outcome);
  });

  it('is one readable table', () => {
    expect(PARALLELCLUSTER_OUTCOME_RULES.map(([, outcome, rule]) => `${rule} → ${outcome}`)).toEqual([
      '*ROLLBACK* (any rollback status) → failure',
      '*_FAILED → failure',
      '*_COMPLETE → success',
      '*_IN_PROGRESS → unknown',
    ]);
  });
});

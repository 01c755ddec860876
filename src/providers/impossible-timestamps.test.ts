import { describe, expect, it } from 'vitest';
import { cfTimestampSchema } from './cloudfoundry/schema.ts';
import { contaboTimeMs } from './contabo/schema.ts';
import { logStreamSchema } from './parallelcluster/schema.ts';

const STREAM = {
  logStreamName: '3.8.0/1',
  creationTime: '2024-02-29T10:00:00.000Z',
  firstEventTimestamp: '2024-02-29T10:00:00.000Z',
  lastEventTimestamp: '2024-02-29T10:05:00.000Z',
  lastIngestionTime: '2024-02-29T10:05:01.000Z',
  uploadSequenceToken: '1',
  logStreamArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/imagebuilder/x:log-stream:3.8.0/1',
};

// Date.parse reads each of these as another, real instant: a record carrying one is broken, not a row.
const IMPOSSIBLE = [
  '2024-02-30T10:00:00Z',
  '2023-02-29T10:00:00Z',
  '2024-04-31T10:00:00Z',
  '2024-05-14T24:00:00Z',
];

describe('timestamps no calendar has', () => {
  it.each(IMPOSSIBLE)('%s is refused by every adapter that reads ISO instants', (text) => {
    expect(contaboTimeMs(text)).toBeUndefined();
    expect(cfTimestampSchema.safeParse(text).success).toBe(false);
    expect(logStreamSchema.safeParse({ ...STREAM, creationTime: text }).success).toBe(false);
  });

  it('still reads real ones, leap days included', () => {
    expect(contaboTimeMs('2024-02-29T10:00:00.000Z')).toBe(Date.UTC(2024, 1, 29, 10));
    expect(cfTimestampSchema.safeParse('2024-02-29T23:59:59Z').success).toBe(true);
    expect(logStreamSchema.safeParse(STREAM).success).toBe(true);
  });
});

import { DAY_MS, HOUR_MS } from '../../simulator-kit/clock.ts';
import { hashSeed, randomAlnum, randomUuid, seededRandom, type Random } from '../../simulator-kit/random.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';

export const DEMO_REGION = 'us-east-1';
export const DEMO_ACCOUNT = '111122223333';

export type BuildOutcome = 'complete' | 'failed' | 'rollback';

/** One custom image the demo account builds, and how its build went. */
export interface DemoImage {
  imageId: string;
  /** ParallelCluster version that built it: names the log stream (`3.12.0/1`) and the Image Builder ARNs. */
  version: string;
  outcome: BuildOutcome;
  /** When the build began, from the simulator clock's start (`startedAt`). */
  startsAt: (anchor: number) => number;
  buildMinutes: number;
  /** Lines of the build's log stream. */
  logLines: number;
  /** The stack was deleted afterwards: stack events answer 404, the log group stays. */
  stackDeleted?: boolean;
  /** Older log streams kept in the same log group from a previous build of this image id. */
  olderStreams?: readonly { version: string; daysEarlier: number; logLines: number }[];
  /** CloudFormation client request token the stack operation carried. */
  clientRequestToken?: string;
  failureReason?: string;
}

/** Midnight UTC of the clock's start, minus whole days, plus hours. */
function daysAgo(days: number, hour: number, minute: number) {
  return (anchor: number) =>
    Math.floor(anchor / DAY_MS) * DAY_MS - days * DAY_MS + hour * HOUR_MS + minute * 60_000;
}

const NVIDIA_FAILURE =
  'Resource handler returned message: "Error occurred during the ImageBuilder Image creation: Image status is FAILED, ' +
  `image arn: arn:aws:imagebuilder:${DEMO_REGION}:${DEMO_ACCOUNT}:image/parallelclusterimage-ubuntu2004-genomics/3.11.1/1, ` +
  'reason: Workflow Execution ID: wf-8f4c2a1e-3b7d-4e59-9c61-0a2f5d7e8b13 failed with reason: Step Build failed: ' +
  'Error executing component: ExecuteBash step failed, please check the CloudWatch log for details." ' +
  '(RequestToken: 5e0c9b1a-6a7f-4f3e-8d2b-9c4e1f7a3b65, HandlerErrorCode: GeneralServiceException)';

const VALIDATION_FAILURE =
  'Resource handler returned message: "Error occurred during the ImageBuilder Image creation: Image status is FAILED, ' +
  `image arn: arn:aws:imagebuilder:${DEMO_REGION}:${DEMO_ACCOUNT}:image/parallelclusterimage-centos7-legacy-mpi/3.9.3/1, ` +
  'reason: Workflow Execution ID: wf-2d6e9f0b-7c1a-4b8e-a5d3-61f0c2e4b7a9 failed with reason: Step Test failed: ' +
  'Error executing component: the AMI was created with ParallelCluster 3.9.3 but version 3.12.0 is used to validate it." ' +
  '(RequestToken: a7d3e1f0-2b9c-4c6a-8e5f-0d1b3c7a9e24, HandlerErrorCode: GeneralServiceException)';

/** The demo account's custom images: built, failed, rolled back, one with its stack gone, one from the story. */
export const DEMO_IMAGES: readonly DemoImage[] = [
  {
    imageId: 'alinux2023-slurm-base',
    version: '3.12.0',
    outcome: 'complete',
    startsAt: daysAgo(27, 9, 14),
    buildMinutes: 48,
    logLines: 6_400,
  },
  {
    imageId: 'ubuntu2204-cuda-12',
    version: '3.12.0',
    outcome: 'complete',
    startsAt: daysAgo(13, 14, 2),
    buildMinutes: 131,
    logLines: 200_000,
  },
  {
    imageId: 'ubuntu2004-genomics',
    version: '3.11.1',
    outcome: 'failed',
    startsAt: daysAgo(9, 10, 41),
    buildMinutes: 37,
    logLines: 4_100,
    failureReason: NVIDIA_FAILURE,
  },
  {
    imageId: 'centos7-legacy-mpi',
    version: '3.9.3',
    outcome: 'rollback',
    startsAt: daysAgo(6, 16, 20),
    buildMinutes: 55,
    logLines: 5_200,
    failureReason: VALIDATION_FAILURE,
  },
  {
    imageId: 'alinux2-hpc-legacy',
    version: '3.10.1',
    outcome: 'complete',
    startsAt: daysAgo(20, 8, 5),
    buildMinutes: 52,
    logLines: 5_800,
    stackDeleted: true,
    olderStreams: [{ version: '3.9.0', daysEarlier: 4, logLines: 3_300 }],
  },
  {
    imageId: 'rhel9-secure-base',
    version: '3.12.0',
    outcome: 'complete',
    startsAt: COMPROMISED_ACCOUNT.imageReplacedAt,
    buildMinutes: 44,
    logLines: 5_000,
    clientRequestToken: COMPROMISED_ACCOUNT.requestId,
  },
];

export const DEMO_IMAGE_IDS: readonly string[] = DEMO_IMAGES.map((image) => image.imageId);

/** A stack event in the API's wire shape (camelCase, ISO time with ms), with its time for indexing. */
export interface SimulatedStackEvent {
  time: number;
  record: {
    stackId: string;
    eventId: string;
    stackName: string;
    logicalResourceId: string;
    physicalResourceId: string;
    resourceType: string;
    timestamp: string;
    resourceStatus: string;
    resourceStatusReason?: string;
    resourceProperties?: string;
    clientRequestToken?: string;
  };
}

interface StackResource {
  logicalId: string;
  type: string;
  physicalId: string;
  /** Seconds from the stack's start until creation begins and how long it takes. */
  startAfter: number;
  takes: number;
  properties?: Record<string, unknown>;
}

function arn(service: string, resource: string): string {
  return `arn:aws:${service}:${DEMO_REGION}:${DEMO_ACCOUNT}:${resource}`;
}

function stackResources(image: DemoImage, random: Random, buildSeconds: number): StackResource[] {
  const lower = image.imageId.toLowerCase();
  const v = image.version;
  const suffix = () => randomAlnum(random, 12).toUpperCase();
  const component = (kind: string) =>
    arn('imagebuilder', `component/parallelclusterimage-${kind}${randomUuid(random)}/${v}/1`);
  // The first wave starts in the same millisecond, as CloudFormation does for independent resources.
  return [
    {
      logicalId: 'InstanceRole',
      type: 'AWS::IAM::Role',
      physicalId: `${image.imageId}-InstanceRole-${suffix()}`,
      startAfter: 3,
      takes: 17,
    },
    {
      logicalId: 'DeleteStackFunctionExecutionRole',
      type: 'AWS::IAM::Role',
      physicalId: `${image.imageId}-DeleteStackFunctionExecutionRole-${suffix()}`,
      startAfter: 3,
      takes: 18,
    },
    {
      logicalId: 'ImageLogGroup',
      type: 'AWS::Logs::LogGroup',
      physicalId: `/aws/imagebuilder/ParallelClusterImage-${image.imageId}`,
      startAfter: 3,
      takes: 2,
    },
    {
      logicalId: 'BuildNotificationTopic',
      type: 'AWS::SNS::Topic',
      physicalId: arn('sns', `${image.imageId}-BuildNotificationTopic-${suffix()}`),
      startAfter: 3,
      takes: 11,
    },
    {
      logicalId: 'UpdateOSComponent',
      type: 'AWS::ImageBuilder::Component',
      physicalId: component('updateos-'),
      startAfter: 3,
      takes: 4,
    },
    {
      logicalId: 'ParallelClusterComponent',
      type: 'AWS::ImageBuilder::Component',
      physicalId: component(''),
      startAfter: 3,
      takes: 5,
    },
    {
      logicalId: 'ParallelClusterTagComponent',
      type: 'AWS::ImageBuilder::Component',
      physicalId: component('tag-'),
      startAfter: 3,
      takes: 4,
    },
    {
      logicalId: 'ParallelClusterValidateComponent',
      type: 'AWS::ImageBuilder::Component',
      physicalId: component('validate-'),
      startAfter: 3,
      takes: 4,
    },
    {
      logicalId: 'ParallelClusterTestComponent',
      type: 'AWS::ImageBuilder::Component',
      physicalId: component('test-'),
      startAfter: 3,
      takes: 4,
    },
    {
      logicalId: 'DeleteStackFunctionLog',
      type: 'AWS::Logs::LogGroup',
      physicalId: `/aws/lambda/ParallelClusterImage-${lower}`,
      startAfter: 3,
      takes: 2,
    },
    {
      logicalId: 'DistributionConfiguration',
      type: 'AWS::ImageBuilder::DistributionConfiguration',
      physicalId: arn(
        'imagebuilder',
        `distribution-configuration/parallelclusterimage-${randomUuid(random)}`,
      ),
      startAfter: 9,
      takes: 3,
    },
    {
      logicalId: 'ImageRecipe',
      type: 'AWS::ImageBuilder::ImageRecipe',
      physicalId: arn('imagebuilder', `image-recipe/parallelclusterimage-${lower}/${v}`),
      startAfter: 10,
      takes: 3,
    },
    {
      logicalId: 'InstanceProfile',
      type: 'AWS::IAM::InstanceProfile',
      physicalId: `${image.imageId}-InstanceProfile-${suffix()}`,
      startAfter: 21,
      takes: 126,
    },
    {
      logicalId: 'DeleteStackFunction',
      type: 'AWS::Lambda::Function',
      physicalId: `ParallelClusterImage-${lower}-DeleteStackFunction-${suffix()}`,
      startAfter: 22,
      takes: 8,
    },
    {
      logicalId: 'BuildNotificationSubscription',
      type: 'AWS::SNS::Subscription',
      physicalId: arn('sns', `${image.imageId}-BuildNotificationTopic:${randomUuid(random)}`),
      startAfter: 31,
      takes: 2,
    },
    {
      logicalId: 'DeleteStackFunctionPermission',
      type: 'AWS::Lambda::Permission',
      physicalId: `ParallelClusterImage-${lower}-DeleteStackFunctionPermission-${suffix()}`,
      startAfter: 31,
      takes: 10,
    },
    {
      logicalId: 'InfrastructureConfiguration',
      type: 'AWS::ImageBuilder::InfrastructureConfiguration',
      physicalId: arn(
        'imagebuilder',
        `infrastructure-configuration/parallelclusterimage-${randomUuid(random)}`,
      ),
      startAfter: 148,
      takes: 4,
      properties: { InstanceTypes: ['g4dn.xlarge'], TerminateInstanceOnFailure: true },
    },
    {
      logicalId: 'ParallelClusterImage',
      type: 'AWS::ImageBuilder::Image',
      physicalId: arn('imagebuilder', `image/parallelclusterimage-${lower}/${v}/1`),
      startAfter: 153,
      takes: buildSeconds,
      properties: { EnhancedImageMetadataEnabled: true },
    },
  ];
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** All stack events of one image's build, newest first, including ones still in the future. */
export function buildStackEvents(image: DemoImage, anchor: number): SimulatedStackEvent[] {
  const random = seededRandom(hashSeed('parallelcluster', image.imageId));
  const start = image.startsAt(anchor) + Math.floor(random() * 1000);
  const stackId = arn('cloudformation', `stack/${image.imageId}/${randomUuid(random)}`);
  const buildSeconds = image.buildMinutes * 60;
  const resources = stackResources(image, random, buildSeconds);
  const events: SimulatedStackEvent[] = [];
  const push = (
    time: number,
    resource: Pick<StackResource, 'logicalId' | 'type' | 'physicalId' | 'properties'> | 'stack',
    status: string,
    reason?: string,
  ) => {
    const isStack = resource === 'stack';
    const logicalId = isStack ? image.imageId : resource.logicalId;
    const record: SimulatedStackEvent['record'] = {
      stackId,
      eventId: isStack ? randomUuid(random) : `${logicalId}-${status}-${iso(time)}`,
      stackName: image.imageId,
      logicalResourceId: logicalId,
      physicalResourceId: isStack ? stackId : resource.physicalId,
      resourceType: isStack ? 'AWS::CloudFormation::Stack' : resource.type,
      timestamp: iso(time),
      resourceStatus: status,
    };
    if (reason) record.resourceStatusReason = reason;
    if (!isStack && resource.properties) record.resourceProperties = JSON.stringify(resource.properties);
    if (image.clientRequestToken) record.clientRequestToken = image.clientRequestToken;
    events.push({ time, record });
  };

  push(start, 'stack', 'CREATE_IN_PROGRESS', 'User Initiated');
  const failing = image.outcome !== 'complete';
  const failedAt = start + (153 + buildSeconds) * 1000 + 412;
  const created: { resource: StackResource; at: number }[] = [];
  for (const resource of resources) {
    const begin =
      start + resource.startAfter * 1000 + (resource.startAfter === 3 ? 0 : Math.floor(random() * 900));
    push(begin, resource, 'CREATE_IN_PROGRESS');
    push(
      begin + 150 + Math.floor(random() * 700),
      resource,
      'CREATE_IN_PROGRESS',
      'Resource creation Initiated',
    );
    const end = begin + resource.takes * 1000 + Math.floor(random() * 800);
    if (resource.logicalId === 'ParallelClusterImage' && failing) {
      push(failedAt, resource, 'CREATE_FAILED', image.failureReason ?? 'Resource creation failed');
      continue;
    }
    push(end, resource, 'CREATE_COMPLETE');
    created.push({ resource, at: end });
  }

  const failure = 'The following resource(s) failed to create: [ParallelClusterImage]. ';
  if (image.outcome === 'complete') {
    const last = Math.max(...created.map((c) => c.at));
    push(last + 210, 'stack', 'CREATE_COMPLETE');
  } else if (image.outcome === 'failed') {
    push(failedAt + 380, 'stack', 'CREATE_FAILED', failure);
  } else {
    let at = failedAt + 512;
    push(at, 'stack', 'ROLLBACK_IN_PROGRESS', `${failure}Rollback requested by user.`);
    const image_ = resources.find((r) => r.logicalId === 'ParallelClusterImage');
    for (const { resource } of [...created].reverse().concat(image_ ? [{ resource: image_, at: 0 }] : [])) {
      at += 300 + Math.floor(random() * 1500);
      push(at, resource, 'DELETE_IN_PROGRESS');
      at += 1000 + Math.floor(random() * 4000);
      push(at, resource, 'DELETE_COMPLETE');
    }
    push(at + 650, 'stack', 'ROLLBACK_COMPLETE');
  }
  return events.sort(newestFirst);
}

/** CloudFormation's order: newest first; equal instants keep a stable order by event id. */
export function newestFirst(a: SimulatedStackEvent, b: SimulatedStackEvent): number {
  if (a.time !== b.time) return b.time - a.time;
  return a.record.eventId < b.record.eventId ? 1 : a.record.eventId > b.record.eventId ? -1 : 0;
}

/** The build window of an image, for its log stream: from the Image resource's start to its end. */
export function buildWindow(image: DemoImage, anchor: number): { start: number; end: number } {
  const start = image.startsAt(anchor) + 154_000;
  return { start, end: start + image.buildMinutes * 60_000 };
}

export function demoUploadToken(random: Random): string {
  let digits = '';
  while (digits.length < 56) digits += String(Math.floor(random() * 1e9)).padStart(9, '0');
  return digits.slice(0, 56);
}

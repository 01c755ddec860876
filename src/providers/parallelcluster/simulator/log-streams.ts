import { hashSeed, pick, randomUuid, seededRandom, type Random } from '../../simulator-kit/random.ts';
import { DAY_MS } from '../../simulator-kit/clock.ts';
import { buildWindow, DEMO_ACCOUNT, DEMO_REGION, demoUploadToken, type DemoImage } from './data.ts';

/**
 * One Image Builder log stream. Lines are never stored: the time and text of line `i` are computed from the
 * stream's seed and `i`, so a 200,000-line stream costs nothing until a page of it is asked for.
 */
export interface SimulatedLogStream {
  imageId: string;
  name: string;
  arn: string;
  creationTime: number;
  uploadSequenceToken: string;
  count: number;
  timeAt(index: number): number;
  messageAt(index: number): string;
  /** The first index whose time is >= `time` (count when none). */
  lowerBound(time: number): number;
}

/** Lines written in one burst share a millisecond, as TOE flushes chef output. */
const BURST = 4;

const COOKBOOKS = ['platform', 'environment', 'computefleet', 'shared_storage', 'slurm', 'awsbatch'] as const;
const RECIPES = [
  'install',
  'config',
  'directories',
  'packages',
  'nvidia',
  'efa',
  'lustre',
  'cloudwatch',
  'sudo_access',
  'chrony',
] as const;
const RESOURCES = [
  'directory',
  'package',
  'template',
  'execute',
  'bash',
  'remote_file',
  'cookbook_file',
  'service',
  'user',
  'link',
] as const;
const PATHS = [
  '/opt/parallelcluster',
  '/opt/parallelcluster/shared',
  '/etc/parallelcluster/cfnconfig',
  '/opt/slurm/etc/slurm.conf',
  '/etc/chrony.conf',
  '/opt/amazon/efa',
  '/usr/local/cuda',
  '/etc/sudoers.d/99-parallelcluster-user-tty',
  '/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json',
  '/etc/security/limits.d/00_all_limits.conf',
] as const;
const PACKAGES = [
  ['libnuma-dev', '2.0.14-3ubuntu2'],
  ['nfs-common', '1:2.6.1-1ubuntu1.2'],
  ['libibverbs1', '39.0-1'],
  ['python3-pip', '22.0.2+dfsg-1ubuntu0.4'],
  ['nvidia-driver-535-server', '535.183.06-0ubuntu0.22.04.1'],
  ['lustre-client-modules-aws', '2.15.4-1'],
  ['munge', '0.5.14-6'],
  ['jq', '1.6-2.1ubuntu3'],
  ['stunnel4', '3:5.63-1build1'],
  ['hwloc', '2.7.0-2ubuntu1'],
] as const;
const ACTIONS = ['create', 'install', 'run', 'enable', 'start', 'nothing'] as const;

function componentArn(kind: string, random: Random, version: string): string {
  return `arn:aws:imagebuilder:${DEMO_REGION}:${DEMO_ACCOUNT}:component/parallelclusterimage-${kind}${randomUuid(random)}/${version}/1`;
}

function openingLines(image: DemoImage, version: string, random: Random): string[] {
  return [
    `Document ${componentArn('updateos-', random, version)}`,
    'Phase build',
    'Step UpdateOS',
    'ExecuteBash: STARTED EXECUTION',
    `ExecuteBash: Created temporary directory: /tmp/${String(1_000_000_000 + Math.floor(random() * 8e9))}`,
    `ExecuteBash: Stdout: Building image ${image.imageId} with AWS ParallelCluster ${version}`,
    'ExecuteBash: FINISHED EXECUTION',
    `Document ${componentArn('', random, version)}`,
    'Phase build',
    'Step InstallParallelCluster',
    'ExecuteBash: STARTED EXECUTION',
    `ExecuteBash: Created temporary directory: /tmp/${String(1_000_000_000 + Math.floor(random() * 8e9))}`,
    'Stdout: Starting Cinc Client, version 18.4.12',
    'Stdout: [2024-05-14T09:02:11+00:00] INFO: Run List is [recipe[aws-parallelcluster-entrypoints::init]]',
  ];
}

function closingLines(image: DemoImage, version: string, random: Random, succeeded: boolean): string[] {
  if (succeeded) {
    return [
      'Stdout: Cinc Client finished, 1873/2410 resources updated in 38 minutes 12 seconds',
      'ExecuteBash: FINISHED EXECUTION',
      `Document ${componentArn('test-', random, version)}`,
      'Phase test',
      'Step ValidateParallelCluster',
      'ExecuteBash: STARTED EXECUTION',
      `ExecuteBash: Stdout: AMI was created with ParallelCluster ${version}, version ${version} is used to validate it`,
      'ExecuteBash: FINISHED EXECUTION',
      'TOE has completed execution successfully',
    ];
  }
  const nvidia = image.outcome === 'failed';
  return [
    nvidia
      ? 'Stdout: STDERR: E: Unable to correct problems, you have held broken packages.\nnvidia-driver-535-server : Depends: nvidia-dkms-535-server (<= 535.183.06-1) but it is not going to be installed'
      : `Stdout: ERROR: AMI was created with ParallelCluster ${version}, but version 3.12.0 is used to validate it`,
    nvidia
      ? "Stdout: [2024-05-14T09:39:48+00:00] FATAL: Mixlib::ShellOut::ShellCommandFailed: execute[install_nvidia_driver] (aws-parallelcluster-platform::nvidia_driver line 87) had an error: Expected process to exit with [0], but received '100'"
      : 'Stdout: Validation of the image failed',
    'ExecuteBash: FINISHED EXECUTION WITH ERROR',
    `Failed to execute component '${componentArn(nvidia ? '' : 'validate-', random, version)}'`,
    'TOE has completed execution with failure',
  ];
}

function middleLine(random: Random, index: number): string {
  const roll = random();
  const cookbook = pick(random, COOKBOOKS);
  const recipe = pick(random, RECIPES);
  const resource = pick(random, RESOURCES);
  const path = pick(random, PATHS);
  const action = pick(random, ACTIONS);
  if (roll < 0.12) return `Stdout: Recipe: aws-parallelcluster-${cookbook}::${recipe}`;
  if (roll < 0.42) return `Stdout:   * ${resource}[${path}] action ${action}`;
  if (roll < 0.6) return `Stdout:     - ${action === 'create' ? 'create new' : 'update'} ${resource} ${path}`;
  if (roll < 0.72) {
    const [name, version] = pick(random, PACKAGES);
    return `Stdout: Setting up ${name} (${version}) ...`;
  }
  if (roll < 0.8) {
    const [name, version] = pick(random, PACKAGES);
    return `Stdout: Get:${(index % 900) + 1} http://${DEMO_REGION}.ec2.archive.ubuntu.com/ubuntu jammy-updates/main amd64 ${name} amd64 ${version} [${Math.floor(random() * 4000) + 12} kB]`;
  }
  if (roll < 0.97) {
    return `Stdout: [2024-05-14T09:1${index % 10}:${String(index % 60).padStart(2, '0')}+00:00] INFO: Processing ${resource}[${path}] action ${action} (aws-parallelcluster-${cookbook}::${recipe} line ${(index % 240) + 1})`;
  }
  // Now and then chef prints a whole command's output as one multi-line message.
  return `Stdout: ---- Begin output of "bash" "/tmp/chef-script${index}" ----\nSTDOUT: ${path} configured\nSTDERR: \n---- End output of "bash" "/tmp/chef-script${index}" ----\nRan "bash" "/tmp/chef-script${index}" returned 0`;
}

function makeStream(
  image: DemoImage,
  version: string,
  window: { start: number; end: number },
  count: number,
  succeeded: boolean,
): SimulatedLogStream {
  const name = `${version}/1`;
  const seed = hashSeed('parallelcluster-log', image.imageId, name);
  const setup = seededRandom(seed);
  const opening = openingLines(image, version, setup);
  const closing = closingLines(image, version, setup, succeeded);
  const span = window.end - window.start;
  const timeAt = (index: number) =>
    window.start + Math.floor((Math.floor(index / BURST) * BURST * span) / count);
  return {
    imageId: image.imageId,
    name,
    arn: `arn:aws:logs:${DEMO_REGION}:${DEMO_ACCOUNT}:log-group:/aws/imagebuilder/ParallelClusterImage-${image.imageId}:log-stream:${name}`,
    creationTime: window.start - 97,
    uploadSequenceToken: demoUploadToken(setup),
    count,
    timeAt,
    messageAt(index) {
      if (index < opening.length) return opening[index] ?? '';
      const fromEnd = count - 1 - index;
      if (fromEnd < closing.length) return closing[closing.length - 1 - fromEnd] ?? '';
      return middleLine(seededRandom(hashSeed(seed, index)), index);
    },
    lowerBound(time) {
      let lo = 0;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (timeAt(mid) < time) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

/** An image's log group: one stream per build, in CloudWatch's order (by name). */
export function logStreamsFor(image: DemoImage, anchor: number): SimulatedLogStream[] {
  const window = buildWindow(image, anchor);
  const streams = [makeStream(image, image.version, window, image.logLines, image.outcome === 'complete')];
  for (const older of image.olderStreams ?? []) {
    const shift = older.daysEarlier * DAY_MS;
    const minutes = (window.end - window.start) * 0.9;
    streams.push(
      makeStream(
        image,
        older.version,
        { start: window.start - shift, end: window.start - shift + minutes },
        older.logLines,
        true,
      ),
    );
  }
  return streams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

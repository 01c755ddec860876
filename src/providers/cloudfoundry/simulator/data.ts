import { CAST, type Person } from '../../simulator-kit/cast.ts';
import { createHourlyHistory, eventsThisHour } from '../../simulator-kit/hourly-events.ts';
import {
  hashSeed,
  pick,
  pickWeighted,
  randomHex,
  randomUuid,
  seededRandom,
  type Random,
} from '../../simulator-kit/random.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';

type Party = { guid: string; type: string; name: string } | null;

/** An audit event in Cloud Foundry's wire format, without `links` (they depend on the API's base URL). */
export interface CfWireEvent {
  guid: string;
  created_at: string;
  updated_at: string;
  type: string;
  actor: Party;
  target: Party;
  data: Record<string, unknown>;
  space: { guid: string } | null;
  organization: { guid: string } | null;
}

/** A simulated event plus the fields the simulator filters and sorts on. */
export interface SimulatedCfEvent {
  /** Epoch ms of the whole second CF stores. */
  time: number;
  second: number;
  record: CfWireEvent;
}

interface Org {
  guid: string;
  name: string;
  people: readonly Person[];
}
interface Space {
  guid: string;
  name: string;
  org: Org;
  services: readonly { guid: string; name: string }[];
}
interface App {
  guid: string;
  name: string;
  space: Space;
  routeGuid: string;
  host: string;
}

const ORG_PLAN = [
  {
    name: 'payments',
    spaces: ['dev', 'staging', 'prod'],
    people: [0, 30],
    apps: [
      'payments-api',
      'ledger-worker',
      'checkout-web',
      'fraud-scorer',
      'invoice-mailer',
      'refund-service',
      'card-vault',
      'fx-rates',
      'settlement-batch',
      'webhook-relay',
      'merchant-portal',
      'receipt-render',
      'dispute-tracker',
      'kyc-checker',
      'payout-scheduler',
      'audit-exporter',
      'tax-calc',
    ],
  },
  {
    name: 'platform',
    spaces: ['tools', 'monitoring', 'sandbox'],
    people: [30, 60],
    apps: [
      'grafana',
      'prometheus-proxy',
      'log-router',
      'status-page',
      'cert-rotator',
      'dns-updater',
      'backup-agent',
      'ci-runner',
      'artifact-cache',
      'ldap-sync',
      'chaos-monkey',
      'uptime-probe',
      'alert-relay',
      'secrets-sync',
      'cost-report',
      'quota-watch',
    ],
  },
  {
    name: 'data-science',
    spaces: ['notebooks', 'pipelines', 'prod'],
    people: [60, 90],
    apps: [
      'jupyter-hub',
      'feature-store',
      'model-serving',
      'etl-runner',
      'spark-driver',
      'label-tool',
      'experiment-api',
      'dataset-catalog',
      'drift-monitor',
      'embedding-svc',
      'report-builder',
      'airflow-web',
      'airflow-scheduler',
      'vector-index',
      'notebook-proxy',
      'batch-scorer',
    ],
  },
] as const;

const SERVICES = ['postgres-main', 'redis-cache', 'rabbitmq', 's3-bucket', 'autoscaler'] as const;

function buildFoundation() {
  const random = seededRandom(hashSeed('cloudfoundry-foundation'));
  const orgs: Org[] = [];
  const spaces: Space[] = [];
  const apps: App[] = [];
  for (const plan of ORG_PLAN) {
    const org: Org = {
      guid: randomUuid(random),
      name: plan.name,
      people: CAST.slice(plan.people[0], plan.people[1]),
    };
    orgs.push(org);
    for (const spaceName of plan.spaces) {
      const space: Space = {
        guid: randomUuid(random),
        name: spaceName,
        org,
        services: SERVICES.map((name) => ({ guid: randomUuid(random), name })),
      };
      spaces.push(space);
      for (const appName of plan.apps) {
        apps.push({
          guid: randomUuid(random),
          name: appName,
          space,
          routeGuid: randomUuid(random),
          host: `${appName}-${plan.name}-${spaceName}`,
        });
      }
    }
  }
  return { orgs, spaces, apps };
}

const FOUNDATION = buildFoundation();
/** Operators with the admin role. */
const ADMINS = CAST.slice(290, 300);
/** The CI pipeline's UAA client acts as a user whose guid is the client id and whose name is empty. */
const PIPELINE: Party = { guid: 'concourse-deployer', type: 'user', name: '' };
const HIDDEN = '[PRIVATE DATA HIDDEN]';

/** Event types of the simulated foundation and how often each happens. */
const TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['audit.app.update', 10],
  ['audit.app.start', 8],
  ['audit.app.stop', 6],
  ['audit.app.restart', 4],
  ['audit.app.restage', 4],
  ['audit.app.create', 2],
  ['audit.app.delete-request', 1],
  ['audit.app.ssh-authorized', 6],
  ['audit.app.ssh-unauthorized', 1],
  ['audit.app.environment_variables.show', 3],
  ['audit.app.package.create', 3],
  ['audit.app.package.upload', 3],
  ['audit.app.build.create', 3],
  ['audit.app.droplet.create', 3],
  ['audit.app.build.failed', 0.5],
  ['audit.app.process.scale', 3],
  ['audit.app.process.crash', 3],
  ['app.crash', 2],
  ['audit.app.map-route', 2],
  ['audit.app.unmap-route', 1],
  ['audit.app.deployment.create', 2],
  ['audit.app.apply_manifest', 2],
  ['audit.app.task.create', 2],
  ['audit.route.create', 2],
  ['audit.route.delete-request', 0.5],
  ['audit.service_instance.create', 1],
  ['audit.service_instance.update', 1],
  ['audit.service_instance.delete', 0.5],
  ['audit.service_binding.create', 1.5],
  ['audit.service_binding.delete', 0.7],
  ['audit.service_key.create', 0.5],
  ['audit.space.create', 0.2],
  ['audit.space.update', 0.2],
  ['audit.user.space_developer_add', 1],
  ['audit.user.space_developer_remove', 0.5],
  ['audit.user.space_auditor_add', 0.3],
  ['audit.user.space_manager_add', 0.3],
  ['audit.user.organization_user_add', 0.3],
  ['audit.organization.update', 0.1],
  ['audit.service_broker.update', 0.05],
  ['audit.space_quota.apply', 0.05],
  ['blob.remove_orphan', 0.3],
];

function iso(second: number): string {
  return new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function hex8(random: Random): string {
  return Math.floor(random() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

/** A UUID v4 from four draws: the kit's `randomUuid` is too slow for a million events. */
function fastUuid(random: Random): string {
  const a = hex8(random);
  const b = hex8(random);
  const c = hex8(random);
  const d = hex8(random);
  const variant = '89ab'.charAt(Math.floor(random() * 4));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

function userParty(person: Person): Party {
  return { guid: person.uuid, type: 'user', name: person.email };
}

function appParty(app: App): Party {
  return { guid: app.guid, type: 'app', name: app.name };
}

function crashData(random: Random): Record<string, unknown> {
  const oom = random() < 0.5;
  return {
    instance: fastUuid(random),
    index: Math.floor(random() * 3),
    cell_id: fastUuid(random),
    exit_status: oom ? 137 : 1,
    exit_description: oom
      ? 'APP/PROC/WEB: Exited with status 137 (out of memory)'
      : 'APP/PROC/WEB: Exited with status 1',
    reason: 'CRASHED',
  };
}

function updateRequest(random: Random): Record<string, unknown> {
  switch (Math.floor(random() * 5)) {
    case 0:
      return { environment_variables: HIDDEN };
    case 1:
      return { instances: 1 + Math.floor(random() * 6) };
    case 2:
      return { memory_in_mb: pick(random, [256, 512, 1024, 2048]) };
    case 3:
      return { state: pick(random, ['STARTED', 'STOPPED']) };
    default:
      return { health_check_type: pick(random, ['port', 'http', 'process']) };
  }
}

/** One event of `type` about `app` (or its space and org), in CF's shapes for that type. */
function makeEvent(
  random: Random,
  second: number,
  type: string,
  actor: Party,
  app: App,
  other: Person,
): SimulatedCfEvent {
  const space = app.space;
  const org = space.org;
  let target: Party = appParty(app);
  let data: Record<string, unknown> = {};
  let spaceRef: CfWireEvent['space'] = { guid: space.guid };
  let orgRef: CfWireEvent['organization'] = { guid: org.guid };
  const service = pick(random, space.services);
  switch (type) {
    case 'audit.app.create':
      data = { request: { name: app.name, lifecycle: { type: 'buildpack', data: { stack: 'cflinuxfs4' } } } };
      break;
    case 'audit.app.update':
      data = { request: updateRequest(random) };
      if (random() < 0.2) data.manifest_triggered = true;
      break;
    case 'audit.app.delete-request':
      data = { request: { recursive: true } };
      break;
    case 'audit.app.ssh-authorized':
    case 'audit.app.ssh-unauthorized':
      data = { index: Math.floor(random() * 3) };
      break;
    case 'audit.app.package.create':
    case 'audit.app.package.upload':
      data = { package_guid: fastUuid(random), request: { type: 'bits' } };
      break;
    case 'audit.app.build.create':
    case 'audit.app.build.failed':
      data = { build_guid: fastUuid(random), package_guid: fastUuid(random) };
      if (type === 'audit.app.build.failed')
        data.error = 'StagingError - Staging error: App staging failed in the buildpack compile phase';
      break;
    case 'audit.app.droplet.create':
      data = { droplet_guid: fastUuid(random), package_guid: fastUuid(random) };
      break;
    case 'audit.app.process.scale':
      data = {
        process_guid: app.guid,
        process_type: 'web',
        request: { instances: 1 + Math.floor(random() * 8), memory_in_mb: 1024 },
      };
      break;
    case 'audit.app.process.crash':
      actor = { guid: app.guid, type: 'process', name: 'web' };
      data = crashData(random);
      break;
    case 'app.crash':
      actor = appParty(app);
      data = crashData(random);
      break;
    case 'audit.app.map-route':
    case 'audit.app.unmap-route':
      data = {
        route_guid: app.routeGuid,
        app_port: 8080,
        destination_guid: fastUuid(random),
        process_type: 'web',
      };
      break;
    case 'audit.app.deployment.create':
      data = {
        deployment_guid: fastUuid(random),
        droplet_guid: fastUuid(random),
        type: 'rolling',
        request: { strategy: 'rolling' },
      };
      break;
    case 'audit.app.apply_manifest':
      data = { request: { applications: [{ name: app.name, instances: 2, env: HIDDEN }] } };
      break;
    case 'audit.app.task.create':
      data = {
        task_guid: fastUuid(random),
        request: { name: pick(random, ['db-migrate', 'reindex', 'cleanup']), command: HIDDEN },
      };
      break;
    case 'audit.route.create':
    case 'audit.route.delete-request':
      target = { guid: app.routeGuid, type: 'route', name: app.host };
      data = { request: { host: app.host, domain_guid: 'b1a2c3d4-0000-4000-8000-00000000d0a1' } };
      break;
    case 'audit.service_instance.create':
    case 'audit.service_instance.update':
    case 'audit.service_instance.delete':
      target = { guid: service.guid, type: 'service_instance', name: service.name };
      data = { request: { name: service.name, parameters: HIDDEN } };
      break;
    case 'audit.service_binding.create':
    case 'audit.service_binding.delete':
      target = { guid: fastUuid(random), type: 'service_binding', name: '' };
      data = {
        request: {
          type: 'app',
          relationships: {
            app: { data: { guid: app.guid } },
            service_instance: { data: { guid: service.guid } },
          },
        },
      };
      break;
    case 'audit.service_key.create':
      target = { guid: fastUuid(random), type: 'service_key', name: `${service.name}-key` };
      data = { request: { name: `${service.name}-key`, service_instance_guid: service.guid } };
      break;
    case 'audit.space.create':
    case 'audit.space.update':
      target = { guid: space.guid, type: 'space', name: space.name };
      data = { request: { name: space.name } };
      break;
    case 'audit.user.space_developer_add':
    case 'audit.user.space_developer_remove':
    case 'audit.user.space_auditor_add':
    case 'audit.user.space_manager_add':
      target = { guid: other.uuid, type: 'user', name: other.email };
      data = {};
      break;
    case 'audit.user.organization_user_add':
      target = { guid: other.uuid, type: 'user', name: other.email };
      spaceRef = null;
      break;
    case 'audit.organization.update':
      target = { guid: org.guid, type: 'organization', name: org.name };
      data = { request: { suspended: false } };
      spaceRef = null;
      break;
    case 'audit.space_quota.apply':
      target = { guid: fastUuid(random), type: 'space_quota', name: `${space.name}-quota` };
      data = { request: { space_guid: space.guid } };
      spaceRef = null;
      break;
    case 'audit.service_broker.update':
      // The platform's catalog refresh: nobody acted and no org or space owns a broker.
      actor = random() < 0.5 ? null : actor;
      target = { guid: 'a7f0c2d9-5b1e-4c3f-9d8a-6e2b1c0f4a55', type: 'service_broker', name: 'aws-broker' };
      data = { request: { name: 'aws-broker', url: 'https://broker.sys.demo.example' } };
      spaceRef = null;
      orgRef = null;
      break;
    case 'blob.remove_orphan':
      actor = null;
      target = null;
      data = { blobstore_key: `${randomHex(random, 2)}/${randomHex(random, 2)}/${fastUuid(random)}` };
      spaceRef = null;
      orgRef = null;
      break;
  }
  const createdAt = iso(second);
  return {
    time: second * 1000,
    second,
    record: {
      guid: fastUuid(random),
      created_at: createdAt,
      updated_at: createdAt,
      type,
      actor,
      target,
      data,
      space: spaceRef,
      organization: orgRef,
    },
  };
}

function actorFor(random: Random, type: string, app: App): Party {
  if (/^audit\.(user|organization|space_quota|service_broker)\./.test(type))
    return userParty(pick(random, ADMINS));
  const roll = random();
  if (roll < 0.15) return PIPELINE;
  if (roll < 0.2) return userParty(pick(random, ADMINS));
  return userParty(pick(random, app.space.org.people));
}

function randomSecond(random: Random, hourStart: number): number {
  return Math.floor(hourStart / 1000) + Math.floor(random() * 3600);
}

/** A pipeline's nightly bulk restage: 120 apps in one second, more than a page. */
function nightlyRestage(random: Random, second: number): SimulatedCfEvent[] {
  const start = Math.floor(random() * FOUNDATION.apps.length);
  const events: SimulatedCfEvent[] = [];
  for (let i = 0; i < 120; i++) {
    const app = FOUNDATION.apps[(start + i) % FOUNDATION.apps.length] as App;
    events.push(makeEvent(random, second, 'audit.app.restage', PIPELINE, app, CAST[0] as Person));
  }
  return events;
}

/** An onboarding script adds 250 people as auditors of the payments prod space in one second. */
function auditorOnboarding(random: Random, second: number): SimulatedCfEvent[] {
  const admin = userParty(pick(random, ADMINS));
  const app = FOUNDATION.apps.find((a) => a.space.org.name === 'payments' && a.space.name === 'prod') as App;
  return CAST.slice(40, 290).map((person) =>
    makeEvent(random, second, 'audit.user.space_auditor_add', admin, app, person),
  );
}

const BLUE_GREEN = [
  'audit.app.create',
  'audit.route.create',
  'audit.app.map-route',
  'audit.app.package.create',
  'audit.app.package.upload',
  'audit.app.build.create',
  'audit.app.droplet.create',
  'audit.app.start',
  'audit.app.unmap-route',
  'audit.app.stop',
  'audit.app.delete-request',
] as const;

function generateHour(scale: number) {
  return (random: Random, hourStart: number): SimulatedCfEvent[] => {
    const events: SimulatedCfEvent[] = [];
    const count = eventsThisHour(random, hourStart, 11, scale);
    for (let i = 0; i < count; i++) {
      const type = pickWeighted(random, TYPE_WEIGHTS);
      const app = pick(random, FOUNDATION.apps);
      events.push(
        makeEvent(
          random,
          randomSecond(random, hourStart),
          type,
          actorFor(random, type, app),
          app,
          pick(random, CAST),
        ),
      );
    }
    // A blue-green deploy writes a dozen events in the same second.
    if (random() < 0.3 * Math.min(scale, 3)) {
      const app = pick(random, FOUNDATION.apps);
      const second = randomSecond(random, hourStart);
      const actor = random() < 0.6 ? PIPELINE : userParty(pick(random, app.space.org.people));
      for (const type of BLUE_GREEN)
        events.push(makeEvent(random, second, type, actor, app, CAST[0] as Person));
    }
    const date = new Date(hourStart);
    if (date.getUTCHours() === 2) {
      for (let i = 0; i < Math.max(1, Math.round(scale)); i++)
        events.push(...nightlyRestage(random, randomSecond(random, hourStart)));
    }
    if (date.getUTCDay() === 1 && date.getUTCHours() === 9)
      events.push(...auditorOnboarding(random, randomSecond(random, hourStart)));
    return events;
  };
}

/** Alice's account, used from the intruder's machine: reads an app's secrets, changes them, restarts, SSHes in. */
function storyEvents(anchor: number): SimulatedCfEvent[] {
  const story = COMPROMISED_ACCOUNT;
  const random = seededRandom(hashSeed('cloudfoundry-story'));
  const app = FOUNDATION.apps.find((a) => a.name === 'payments-api' && a.space.name === 'prod') as App;
  const alice = userParty(story.actor);
  const at = Math.floor(story.appChangedAt(anchor) / 1000);
  const show = makeEvent(random, at - 40, 'audit.app.environment_variables.show', alice, app, story.actor);
  const update = makeEvent(random, at, 'audit.app.update', alice, app, story.actor);
  update.record.data = {
    request: { environment_variables: HIDDEN },
    request_id: story.requestId,
  };
  const restart = makeEvent(random, at + 4, 'audit.app.restart', alice, app, story.actor);
  const ssh = makeEvent(random, at + 95, 'audit.app.ssh-authorized', alice, app, story.actor);
  ssh.record.data = { index: 0 };
  return [show, update, restart, ssh];
}

export function newestFirst(a: SimulatedCfEvent, b: SimulatedCfEvent): number {
  if (a.second !== b.second) return b.second - a.second;
  return a.record.guid < b.record.guid ? 1 : a.record.guid > b.record.guid ? -1 : 0;
}

/** The simulated foundation's audit events: about 14,000 (×scale) over 30 days, newest first. */
export function createCloudFoundryHistory(scale: number, storyAnchor: number) {
  const history = createHourlyHistory('cloudfoundry', generateHour(scale));
  const story = storyEvents(storyAnchor);
  let memo: { second: number; events: SimulatedCfEvent[] } | undefined;
  return {
    window(now: number): SimulatedCfEvent[] {
      const second = Math.floor(now / 1000);
      if (memo?.second !== second) {
        const events = [...history.window(now), ...story.filter((event) => event.time <= now)];
        memo = { second, events: events.sort(newestFirst) };
      }
      return memo.events;
    },
  };
}

export const SIMULATED_FOUNDATION = {
  orgs: FOUNDATION.orgs.map(({ guid, name }) => ({ guid, name })),
  spaces: FOUNDATION.spaces.map(({ guid, name, org }) => ({ guid, name, orgGuid: org.guid })),
  apps: FOUNDATION.apps.map(({ guid, name, space }) => ({ guid, name, spaceGuid: space.guid })),
  pipelineClientId: 'concourse-deployer',
};

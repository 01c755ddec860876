import { CAST, INTRUDER_IP, type Person } from '../../simulator-kit/cast.ts';
import { DAY_MS, HOUR_MS } from '../../simulator-kit/clock.ts';
import { createHourlyHistory, eventsThisHour } from '../../simulator-kit/hourly-events.ts';
import {
  hashSeed,
  pick,
  randomHex,
  randomUuid,
  seededRandom,
  type Random,
} from '../../simulator-kit/random.ts';
import { COMPROMISED_ACCOUNT } from '../../simulator-kit/stories.ts';

/** One image audit entry in Contabo's wire format. */
export interface ContaboWireAudit {
  id: number;
  action: 'CREATED' | 'UPDATED' | 'DELETED';
  timestamp: string;
  tenantId: string;
  customerId: string;
  changedBy: string;
  username: string;
  requestId: string;
  traceId: string;
  imageId: string;
  changes?: { prev?: Record<string, unknown>; new?: Record<string, unknown> };
}

/** A simulated entry plus its time in ms for the simulator's own indexing. */
export interface SimulatedImageAudit {
  time: number;
  record: ContaboWireAudit;
}

/** Updates an hour before the working-hours shape: ~400 entries a day, ~12,000 over 30 days at scale 1. */
const UPDATES_PER_HOUR = 18.5;
/** Ids grow with time: hours since 2020 × 1,000,000 + rank within the hour (room for scale 1000). */
const ID_BASE_HOUR = Date.UTC(2020, 0, 1) / HOUR_MS;
const CREATE_DELAY_MS = 5 * 60_000;
const DELETE_LEAD_MS = 10 * 60_000;
const VERSION_EVERY_MS = 4 * HOUR_MS;

const IMAGE_NAMES = [
  'ubuntu-22.04-base',
  'ubuntu-24.04-hardened',
  'debian-12-base',
  'debian-12-docker',
  'rocky-9-web',
  'alma-9-db',
  'win2022-iis',
  'win2019-sql',
  'k8s-worker',
  'k8s-control-plane',
  'gitlab-runner',
  'postgres-16',
  'nginx-edge',
  'haproxy-lb',
  'redis-cache',
  'mail-relay',
  'vpn-gateway',
  'monitoring-node',
  'elastic-data',
  'build-agent',
  'ci-cache',
  'jumphost',
  'backup-target',
  'wordpress-stack',
  'nextcloud',
  'minio-node',
  'kafka-broker',
  'ml-gpu-base',
  'freebsd-14-router',
  'opensuse-15-base',
  'arch-dev',
  'centos-stream-9',
  'fedora-40-workstation',
  'alpine-3.20-mini',
  'proxmox-lab',
  'pfsense-firewall',
] as const;

const DESCRIPTIONS = [
  'Golden image, CIS hardened',
  'Nightly rebuild from packer',
  'Security patches applied',
  'Kernel upgraded, reboot tested',
  'Agent config updated',
  'Trimmed unused packages',
  'Monitoring agent added',
  'SSH config tightened',
  'Base for staging',
  'Base for production',
] as const;

/** A custom image slot. Permanent slots hold one image all month; the others are replaced every few days. */
interface ImageSlot {
  index: number;
  base: string;
  osType: 'Linux' | 'Windows';
  tenantId: 'DE' | 'INT';
  customerId: string;
  periodMs?: number;
  offsetMs: number;
  weight: number;
}

const CUSTOMERS = { DE: '54321', INT: '70815' } as const;
/** The people who build images: a team of the shared cast, alice among them. */
const TEAM: readonly Person[] = CAST.slice(0, 24);

function buildSlots(): ImageSlot[] {
  const random = seededRandom(hashSeed('contabo-image-slots'));
  return IMAGE_NAMES.map((base, index) => {
    const tenantId = index % 3 === 2 ? 'INT' : 'DE';
    const permanent = index < 12;
    return {
      index,
      base,
      osType: base.startsWith('win') ? 'Windows' : 'Linux',
      tenantId,
      customerId: CUSTOMERS[tenantId],
      periodMs: permanent ? undefined : Math.round((8 + random() * 16) * DAY_MS),
      offsetMs: Math.floor(random() * 24 * DAY_MS),
      weight: 0.3 + random() * 2,
    };
  });
}

const SLOTS = buildSlots();
const SLOT_WEIGHTS = SLOTS.map((slot) => [slot, slot.weight] as const);
export const SIMULATED_IMAGE_SLOTS: readonly ImageSlot[] = SLOTS;

/** The generation of a slot's image at time t: a new image id every period. */
function generationAt(slot: ImageSlot, t: number): number {
  return slot.periodMs === undefined ? 0 : Math.floor((t - slot.offsetMs) / slot.periodMs);
}

const imageIds = new Map<string, string>();
export function imageIdOf(slot: ImageSlot, generation: number): string {
  const key = `${slot.index}:${generation}`;
  let id = imageIds.get(key);
  if (!id) {
    id = randomUuid(seededRandom(hashSeed('contabo-image', slot.index, generation)));
    imageIds.set(key, id);
  }
  return id;
}

function createdAt(slot: ImageSlot, generation: number, period: number): number {
  return slot.offsetMs + generation * period + CREATE_DELAY_MS;
}

function deletedAt(slot: ImageSlot, generation: number, period: number): number {
  return slot.offsetMs + (generation + 1) * period - DELETE_LEAD_MS;
}

/** Whether the slot's image exists at t (permanent slots always do). */
function isLive(slot: ImageSlot, t: number): boolean {
  if (slot.periodMs === undefined) return true;
  const generation = generationAt(slot, t);
  return t > createdAt(slot, generation, slot.periodMs) && t < deletedAt(slot, generation, slot.periodMs);
}

function versionAt(slot: ImageSlot, t: number): number {
  const born = slot.periodMs === undefined ? 0 : createdAt(slot, generationAt(slot, t), slot.periodMs);
  return 1 + (Math.floor((t - born) / VERSION_EVERY_MS) % 500);
}

function nameAt(slot: ImageSlot, t: number): string {
  return `${slot.base}-v${versionAt(slot, t)}`;
}

function owner(slot: ImageSlot, generation: number): Person {
  return pick(seededRandom(hashSeed('contabo-owner', slot.index, generation)), TEAM);
}

interface Draft {
  time: number;
  record: Omit<ContaboWireAudit, 'id' | 'timestamp'>;
}

function draft(
  random: Random,
  time: number,
  action: ContaboWireAudit['action'],
  slot: ImageSlot,
  person: Person,
  changes: ContaboWireAudit['changes'],
  traceId = randomHex(random, 32),
): Draft {
  return {
    time,
    record: {
      action,
      tenantId: slot.tenantId,
      customerId: slot.customerId,
      changedBy: person.uuid,
      username: person.email,
      requestId: randomUuid(random),
      traceId,
      imageId: imageIdOf(slot, generationAt(slot, time)),
      changes,
    },
  };
}

function updateChanges(random: Random, slot: ImageSlot, t: number): ContaboWireAudit['changes'] {
  const roll = random();
  const version = versionAt(slot, t);
  const rename = {
    prev: { name: `${slot.base}-v${version}` },
    new: { name: `${slot.base}-v${version + 1}` },
  };
  const before = pick(random, DESCRIPTIONS);
  const after = pick(
    random,
    DESCRIPTIONS.filter((text) => text !== before),
  );
  if (roll < 0.4) return rename;
  if (roll < 0.8) return { prev: { description: before }, new: { description: after } };
  return { prev: { ...rename.prev, description: before }, new: { ...rename.new, description: after } };
}

function lifecycleDrafts(random: Random, hourStart: number): Draft[] {
  const drafts: Draft[] = [];
  const hourEnd = hourStart + HOUR_MS;
  for (const slot of SLOTS) {
    const period = slot.periodMs;
    if (period === undefined) continue;
    const first = Math.floor((hourStart - slot.offsetMs) / period) - 1;
    const last = Math.floor((hourEnd - slot.offsetMs) / period) + 1;
    for (let generation = first; generation <= last; generation++) {
      const created = createdAt(slot, generation, period);
      if (created >= hourStart && created < hourEnd) {
        drafts.push(
          draft(random, created, 'CREATED', slot, owner(slot, generation), {
            new: {
              name: slot.base,
              description: 'Uploaded from packer build',
              osType: slot.osType,
              version: '1.0',
              url: `https://images.example.com/${slot.base}.qcow2`,
            },
          }),
        );
      }
      const deleted = deletedAt(slot, generation, period);
      if (deleted >= hourStart && deleted < hourEnd) {
        drafts.push(
          draft(random, deleted, 'DELETED', slot, owner(slot, generation), {
            prev: { name: nameAt(slot, deleted), osType: slot.osType },
          }),
        );
      }
    }
  }
  return drafts;
}

function generateHour(scale: number) {
  return (random: Random, hourStart: number): SimulatedImageAudit[] => {
    const drafts = lifecycleDrafts(random, hourStart);
    const count = eventsThisHour(random, hourStart, UPDATES_PER_HOUR, scale);
    for (let i = 0; i < count; i++) {
      const at = hourStart + Math.floor(random() * HOUR_MS);
      const slot = pickSlot(random);
      if (!isLive(slot, at)) continue;
      drafts.push(draft(random, at, 'UPDATED', slot, pick(random, TEAM), updateChanges(random, slot, at)));
    }
    // A pipeline now and then retags many images in one call: runs of equal timestamps are real.
    if (random() < 0.05) {
      const at = hourStart + Math.floor(random() * HOUR_MS);
      const person = pick(random, TEAM);
      const traceId = `pipeline-${String(Math.floor(random() * 90_000) + 10_000)}`;
      const burst = 3 + Math.floor(random() * 10);
      for (let i = 0; i < burst; i++) {
        const slot = pickSlot(random);
        if (!isLive(slot, at)) continue;
        const changes = {
          prev: { description: pick(random, DESCRIPTIONS) },
          new: { description: `Rebuilt by ${traceId}` },
        };
        drafts.push(draft(random, at, 'UPDATED', slot, person, changes, traceId));
      }
    }
    drafts.sort((a, b) => a.time - b.time);
    const idBase = (hourStart / HOUR_MS - ID_BASE_HOUR) * 1_000_000;
    return drafts.map((entry, rank) => ({
      time: entry.time,
      record: { id: idBase + rank + 1, timestamp: new Date(entry.time).toISOString(), ...entry.record },
    }));
  };
}

function pickSlot(random: Random): ImageSlot {
  const total = SLOT_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [slot, weight] of SLOT_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return slot;
  }
  return SLOTS[SLOTS.length - 1] as ImageSlot;
}

/** Alice's side of the compromised-account story: the golden image now points at the intruder's host. */
export function storyAudit(anchor: number): SimulatedImageAudit {
  const story = COMPROMISED_ACCOUNT;
  const time = story.imageReplacedAt(anchor);
  const slot = SLOTS[0] as ImageSlot;
  const name = nameAt(slot, time);
  return {
    time,
    record: {
      id: (Math.floor(time / HOUR_MS) - ID_BASE_HOUR) * 1_000_000 + 999_999,
      action: 'UPDATED',
      timestamp: new Date(time).toISOString(),
      tenantId: slot.tenantId,
      customerId: slot.customerId,
      changedBy: story.actor.uuid,
      username: story.actor.email,
      requestId: story.requestId,
      traceId: story.traceId,
      imageId: imageIdOf(slot, 0),
      changes: {
        prev: {
          name,
          description: 'Golden image, CIS hardened',
          url: `https://images.example.com/${slot.base}.qcow2`,
        },
        new: {
          name,
          description: 'Golden image, CIS hardened (hotfix)',
          url: `http://${INTRUDER_IP}/${slot.base}.qcow2`,
        },
      },
    },
  };
}

/** Newest first; equal timestamps by id, descending. */
export function newestFirst(a: SimulatedImageAudit, b: SimulatedImageAudit): number {
  return b.time - a.time || b.record.id - a.record.id;
}

/** The simulated account's image audit history: ~12,000 entries (×scale) over 30 days, newest first. */
export function createContaboHistory(scale: number, storyAnchor: number) {
  const history = createHourlyHistory('contabo', generateHour(scale));
  const story = storyAudit(storyAnchor);
  let memo: { second: number; audits: SimulatedImageAudit[] } | undefined;
  return {
    window(now: number): SimulatedImageAudit[] {
      const second = Math.floor(now / 1000);
      if (memo?.second !== second) {
        const audits = history.window(now);
        if (story.time <= now) audits.push(story);
        memo = { second, audits: audits.sort(newestFirst) };
      }
      return memo.audits;
    },
  };
}

import { z } from 'zod';
import type { SimulatorClock } from '../providers/simulator-kit/clock.ts';
import { hostileBody } from '../providers/simulator-kit/hostile.ts';
import { seededRandom, type Random } from '../providers/simulator-kit/random.ts';
import { PROVIDER_IDS, type ProviderId } from '../timeline/audit-event.ts';
import type { ApiRequest } from './api-handler.ts';
import { refusal } from './refusal.ts';

/**
 * Test-only fault switch for the simulators. It exists only when AUDIT_LENS_TEST_CONTROL=1; otherwise
 * its routes are plain 404s. `POST /api/_test/fault {provider, fault}` arms a fault, `POST /api/_test/reset`
 * clears all, `POST /api/_test/clock {advanceMs}` moves the simulators' clock, `POST /api/_test/hostile
 * {enabled}` switches hostile mode (attack strings in every string field of every simulator's records).
 */
export const faultSchema = z.object({
  /** Answer with this status and body instead of the simulator's. */
  status: z.number().int().min(100).max(599).optional(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Wait this long before answering. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Never answer (until the proxy's timeout). */
  hang: z.boolean().optional(),
  /** How many requests the fault applies to; absent means until reset. */
  times: z.number().int().min(1).optional(),
  /** Answer 200 with the simulator's headers, send half its body, then drop the connection. */
  dropMidBody: z.boolean().optional(),
  /**
   * Answer each second request for a path with the previous answer for that path, so the cursor in it
   * comes back again (OpenAI `last_id`, ParallelCluster `nextToken`, a Contabo page, a CF page).
   */
  repeatCursor: z.boolean().optional(),
  /** Drop the middle half of the records in the answer, as if a page had been skipped. */
  skipPage: z.boolean().optional(),
  /** Apply `status` (default 503) to this share of requests only, by a seeded random; the rest pass. */
  errorRate: z.number().min(0).max(1).optional(),
  /** Seed of `errorRate`'s random; the same seed fails the same requests. */
  seed: z.number().int().optional(),
});
export type Fault = z.infer<typeof faultSchema>;

const faultRequestSchema = z.object({ provider: z.enum(PROVIDER_IDS), fault: faultSchema });
const clockRequestSchema = z.object({ advanceMs: z.number().int() });
const hostileRequestSchema = z.object({ enabled: z.boolean() });

export interface TestControl {
  faultFor(provider: ProviderId): Fault | undefined;
  routes(request: ApiRequest): Promise<Response | undefined>;
  requestCount(provider: ProviderId): number;
  countRequest(provider: ProviderId): void;
  /** True while hostile mode is on. */
  hostile(): boolean;
  /** Per-provider state of the stateful faults: the previous answer per path, the error-rate random. */
  faultState(provider: ProviderId): FaultState;
}

export interface FaultState {
  previous: Map<string, { status: number; headers: Headers; body: string }>;
  random?: Random;
}

export function createTestControl(clock: SimulatorClock): TestControl {
  const faults = new Map<ProviderId, Fault>();
  const counts = new Map<ProviderId, number>();
  const states = new Map<ProviderId, FaultState>();
  let hostile = false;
  return {
    hostile: () => hostile,
    faultState(provider) {
      let state = states.get(provider);
      if (!state) {
        state = { previous: new Map() };
        states.set(provider, state);
      }
      return state;
    },
    faultFor(provider) {
      const fault = faults.get(provider);
      if (!fault) return undefined;
      if (fault.times !== undefined) {
        if (fault.times <= 1) faults.delete(provider);
        else faults.set(provider, { ...fault, times: fault.times - 1 });
      }
      return fault;
    },
    requestCount: (provider) => counts.get(provider) ?? 0,
    countRequest: (provider) => {
      counts.set(provider, (counts.get(provider) ?? 0) + 1);
    },
    async routes(request) {
      const path = request.rawTarget.split('?')[0] ?? '';
      if (!path.startsWith('/api/_test/')) return undefined;
      if (path === '/api/_test/requests' && request.method === 'GET') {
        return Response.json(Object.fromEntries(PROVIDER_IDS.map((id) => [id, counts.get(id) ?? 0])));
      }
      if (request.method !== 'POST') return refusal(405, 'method_not_allowed', 'test control takes POST');
      const text = (await request.body?.()) ?? '';
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : {};
      } catch {
        return refusal(400, 'bad_json', 'test control body is not JSON');
      }
      if (path === '/api/_test/fault') {
        const parsed = faultRequestSchema.safeParse(json);
        if (!parsed.success) return refusal(400, 'bad_fault', parsed.error.message);
        faults.set(parsed.data.provider, parsed.data.fault);
        states.delete(parsed.data.provider);
        return Response.json({ ok: true });
      }
      if (path === '/api/_test/reset') {
        faults.clear();
        counts.clear();
        states.clear();
        hostile = false;
        return Response.json({ ok: true });
      }
      if (path === '/api/_test/hostile') {
        const parsed = hostileRequestSchema.safeParse(json);
        if (!parsed.success) return refusal(400, 'bad_hostile', parsed.error.message);
        hostile = parsed.data.enabled;
        return Response.json({ ok: true, hostile });
      }
      if (path === '/api/_test/clock') {
        const parsed = clockRequestSchema.safeParse(json);
        if (!parsed.success) return refusal(400, 'bad_clock', parsed.error.message);
        clock.advance(parsed.data.advanceMs);
        return Response.json({ ok: true, now: new Date(clock.now()).toISOString() });
      }
      return refusal(404, 'unknown_route', 'no such test control route');
    },
  };
}

/** Wraps a simulator's sender so armed faults answer instead of it, and hostile mode rewrites its pages. */
export function withFaults(
  provider: ProviderId,
  control: TestControl,
  send: (url: URL, headers: Headers, signal: AbortSignal) => Promise<Response>,
) {
  const sendMaybeHostile = async (url: URL, headers: Headers, signal: AbortSignal): Promise<Response> => {
    const response = await send(url, headers, signal);
    return control.hostile() ? hostileResponse(response) : response;
  };
  return async (url: URL, headers: Headers, signal: AbortSignal): Promise<Response> => {
    control.countRequest(provider);
    const fault = control.faultFor(provider);
    if (!fault) return sendMaybeHostile(url, headers, signal);
    const state = control.faultState(provider);
    if (fault.errorRate !== undefined) {
      state.random ??= seededRandom(fault.seed ?? 1);
      if (state.random() >= fault.errorRate) return sendMaybeHostile(url, headers, signal);
    }
    if (fault.hang) {
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortReason(signal))));
    }
    if (fault.delayMs) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, fault.delayMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(abortReason(signal));
        });
      });
    }
    if (fault.dropMidBody) return droppedMidBody(await sendMaybeHostile(url, headers, signal));
    if (fault.repeatCursor) return repeatedAnswer(state, url, await sendMaybeHostile(url, headers, signal));
    if (fault.skipPage) return skippedRecords(await sendMaybeHostile(url, headers, signal));
    if (fault.status === undefined && fault.errorRate === undefined)
      return sendMaybeHostile(url, headers, signal);
    return new Response(fault.body ?? '', {
      status: fault.status ?? 503,
      headers: fault.headers ?? { 'content-type': 'application/json' },
    });
  };
}

async function hostileResponse(response: Response): Promise<Response> {
  if (response.status !== 200 || !isJson(response.headers)) return response;
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new Response(text, { status: response.status, headers: response.headers });
  }
  return new Response(hostileBody(json), { status: response.status, headers: response.headers });
}

function isJson(headers: Headers): boolean {
  return /json/i.test(headers.get('content-type') ?? '');
}

/** Status and headers arrive, then half the body, then the stream errors as a dropped connection does. */
async function droppedMidBody(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const half = bytes.slice(0, Math.floor(bytes.length / 2));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(half);
    },
    pull(controller) {
      controller.error(new TypeError('the connection dropped mid-body (test fault)'));
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** The first answer for a path is remembered and goes out; the next request for that path gets it again. */
async function repeatedAnswer(state: FaultState, url: URL, response: Response): Promise<Response> {
  const previous = state.previous.get(url.pathname);
  if (previous) {
    state.previous.delete(url.pathname);
    return new Response(previous.body, { status: previous.status, headers: previous.headers });
  }
  const body = await response.text();
  if (response.status === 200)
    state.previous.set(url.pathname, { status: response.status, headers: response.headers, body });
  return new Response(body, { status: response.status, headers: response.headers });
}

/** Every top-level array of records loses its middle half; cursors and totals stay as the server sent them. */
async function skippedRecords(response: Response): Promise<Response> {
  if (response.status !== 200 || !isJson(response.headers)) return response;
  const json = (await response.json()) as unknown;
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return Response.json(json, { headers: response.headers });
  const out = Object.fromEntries(
    Object.entries(json).map(([key, value]) => {
      if (!Array.isArray(value) || value.length < 2) return [key, value];
      const records = value as unknown[];
      const drop = Math.floor(records.length / 2);
      const start = Math.floor((records.length - drop) / 2);
      return [key, [...records.slice(0, start), ...records.slice(start + drop)]];
    }),
  );
  return new Response(JSON.stringify(out), { status: response.status, headers: response.headers });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

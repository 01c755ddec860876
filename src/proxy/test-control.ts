import { z } from 'zod';
import type { SimulatorClock } from '../providers/simulator-kit/clock.ts';
import { PROVIDER_IDS, type ProviderId } from '../timeline/audit-event.ts';
import type { ApiRequest } from './api-handler.ts';
import { refusal } from './refusal.ts';

/**
 * Test-only fault switch for the simulators. It exists only when AUDIT_LENS_TEST_CONTROL=1; otherwise
 * its routes are plain 404s. `POST /api/_test/fault {provider, fault}` arms a fault, `POST /api/_test/reset`
 * clears all, `POST /api/_test/clock {advanceMs}` moves the simulators' clock.
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
});
export type Fault = z.infer<typeof faultSchema>;

const faultRequestSchema = z.object({ provider: z.enum(PROVIDER_IDS), fault: faultSchema });
const clockRequestSchema = z.object({ advanceMs: z.number().int() });

export interface TestControl {
  faultFor(provider: ProviderId): Fault | undefined;
  routes(request: ApiRequest): Promise<Response | undefined>;
  requestCount(provider: ProviderId): number;
  countRequest(provider: ProviderId): void;
}

export function createTestControl(clock: SimulatorClock): TestControl {
  const faults = new Map<ProviderId, Fault>();
  const counts = new Map<ProviderId, number>();
  return {
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
        return Response.json({ ok: true });
      }
      if (path === '/api/_test/reset') {
        faults.clear();
        counts.clear();
        return Response.json({ ok: true });
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

/** Wraps a simulator's sender so armed faults answer instead of it. */
export function withFaults(
  provider: ProviderId,
  control: TestControl,
  send: (url: URL, headers: Headers, signal: AbortSignal) => Promise<Response>,
) {
  return async (url: URL, headers: Headers, signal: AbortSignal): Promise<Response> => {
    control.countRequest(provider);
    const fault = control.faultFor(provider);
    if (!fault) return send(url, headers, signal);
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
    if (fault.status === undefined) return send(url, headers, signal);
    return new Response(fault.body ?? '', {
      status: fault.status,
      headers: fault.headers ?? { 'content-type': 'application/json' },
    });
  };
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectPages, type RecordedResponse } from '../../bench/collect-pages.ts';
import { agilicusAuditListSchema, agilicusAuthAuditListSchema } from '../agilicus/schema.ts';
import { cfAuditEventListSchema } from '../cloudfoundry/schema.ts';
import { contaboAuditListSchema } from '../contabo/schema.ts';
import { openAiListSchema } from '../openai/schema.ts';
import {
  logEventsResponseSchema,
  logStreamsResponseSchema,
  stackEventsResponseSchema,
} from '../parallelcluster/schema.ts';
import { schemaGuard } from './schema-guard.ts';

/** The schema each adapter validates a response path with. */
function schemaFor(url: string): z.ZodType {
  const path = new URL(url).pathname;
  if (path.startsWith('/api/contabo/')) return contaboAuditListSchema;
  if (path.endsWith('/v1/auth_audits')) return agilicusAuthAuditListSchema;
  if (path.endsWith('/v1/audits')) return agilicusAuditListSchema;
  if (path.startsWith('/api/cloudfoundry/')) return cfAuditEventListSchema;
  if (path.startsWith('/api/openai/')) return openAiListSchema;
  if (path.endsWith('/stackevents')) return stackEventsResponseSchema;
  if (path.endsWith('/logstreams')) return logStreamsResponseSchema;
  if (path.includes('/logstreams/')) return logEventsResponseSchema;
  throw new Error(`no schema for ${path}`);
}

type Json = unknown;

/** Every path into a JSON value (objects and arrays), so a mutation can land anywhere. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value))
    return here.concat(...value.map((item, i) => pathsOf(item as Json, [...prefix, i])));
  if (typeof value === 'object' && value !== null)
    return here.concat(
      ...Object.entries(value).map(([key, item]) => pathsOf(item as Json, [...prefix, key])),
    );
  return here;
}

type Mutation = 'replace' | 'delete' | 'add';

/** Replaces or deletes the value at `path`, or adds `name` to the object there; the root can be replaced. */
function mutate(
  value: Json,
  path: readonly (string | number)[],
  replacement: Json,
  how: Mutation,
  name: string,
): Json {
  if (path.length === 0 && how !== 'add') return replacement;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let parent: Json = copy;
  const steps = how === 'add' ? path : path.slice(0, -1);
  for (const step of steps) parent = (parent as Record<string | number, Json>)[step];
  if (how === 'add') {
    // defineProperty, as JSON.parse does: assigning __proto__ would set the prototype instead.
    if (typeof parent === 'object' && parent !== null && !Array.isArray(parent))
      Object.defineProperty(parent, name, {
        value: replacement,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return copy;
  }
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, Json>;
  if (how === 'delete' && !Array.isArray(container)) Reflect.deleteProperty(container, last);
  else container[last] = replacement;
  return copy;
}

/** A replacement near what schemas check: wrong types, empty strings, bad dates, nulls, big numbers. */
const replacement = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', '2026-13-40T99:99:99Z', 'not a date', -1, 1.5, 2 ** 60, null, [], {}, '12', 'list'),
);

describe('schema guard (copy-free fast path for zod)', () => {
  let responses: RecordedResponse[] = [];
  beforeAll(async () => {
    responses = [...(await collectPages({ scale: 0.05, days: 3 })).responses].filter(
      (response) => response.status === 200,
    );
  }, 60_000);

  it('has a guard for every schema an adapter validates pages with, and it passes every simulator page', () => {
    expect(responses.length).toBeGreaterThan(10);
    const schemas = new Set(responses.map((response) => schemaFor(response.url)));
    // The timeline reads six; the two log-stream schemas (no feed reads them yet) are checked directly.
    expect(schemas.size).toBe(6);
    expect(schemaGuard(logStreamsResponseSchema)).toBeDefined();
    expect(schemaGuard(logEventsResponseSchema)).toBeDefined();
    for (const response of responses) {
      const guard = schemaGuard(schemaFor(response.url));
      expect(guard, response.url).toBeDefined();
      expect(guard?.(JSON.parse(response.body)), response.url).toBe(true);
    }
  });

  it('answers true only where zod accepts and returns the value unchanged, whatever is mutated', () => {
    const bodies = responses.slice(0, 40).map((response) => ({
      schema: schemaFor(response.url),
      value: JSON.parse(response.body) as Json,
    }));
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        replacement,
        fc.constantFrom<Mutation>('replace', 'delete', 'add'),
        fc.constantFrom('__proto__', 'extra', 'time', 'constructor', 'toString', 'data', 'id'),
        (whichBody, wherePath, value, how, name) => {
          const body = bodies[whichBody % bodies.length] as (typeof bodies)[number];
          const paths = pathsOf(body.value);
          const mutated = mutate(body.value, paths[wherePath % paths.length] ?? [], value, how, name);
          const guard = schemaGuard(body.schema);
          const parsed = body.schema.safeParse(mutated);
          if (guard?.(mutated)) {
            accepted++;
            expect(parsed.success).toBe(true);
            expect(parsed.data).toStrictEqual(mutated);
          } else {
            refused++;
          }
        },
      ),
      { numRuns: 2000 },
    );
    // Both sides of the property were exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
    // 2,000 zod parses of whole pages: about 4 s alone, more beside the other test files on two cores.
  }, 30_000);

  it('runs zod checks and refinements as zod does', () => {
    const schema = z.looseObject({
      id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
      name: z.string().min(1).nullable().optional(),
      when: z.string().refine((text) => !Number.isNaN(Date.parse(text))),
      tags: z.array(z.enum(['a', 'b'])).optional(),
      data: z.record(z.string(), z.unknown()).optional(),
      kind: z.literal('list'),
    });
    const guard = schemaGuard(schema);
    const good = { id: '42', name: null, when: '2026-11-20T10:00:00Z', tags: ['a'], kind: 'list', extra: 1 };
    expect(guard?.(good)).toBe(true);
    for (const bad of [
      { ...good, id: -1 },
      { ...good, id: 1.5 },
      { ...good, id: '4a' },
      { ...good, name: '' },
      { ...good, when: 'never' },
      { ...good, tags: ['c'] },
      { ...good, data: [] },
      { ...good, kind: 'page' },
      [good],
      null,
    ])
      expect(guard?.(bad), JSON.stringify(bad)).toBe(false);
  });

  it('leaves to zod what it would change or refuse however harmless it looks', () => {
    const loose = schemaGuard(z.looseObject({ a: z.string().optional(), b: z.unknown() }));
    const record = schemaGuard(z.record(z.string(), z.unknown()));
    // zod drops an own __proto__ key (JSON.parse makes one), so its output is not its input.
    expect(loose?.(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe(false);
    expect(record?.(JSON.parse('{"__proto__":{"x":1}}'))).toBe(false);
    // A required key must be present, even when any value (or undefined) would do.
    expect(loose?.({})).toBe(false);
    expect(z.looseObject({ b: z.unknown() }).safeParse({}).success).toBe(false);
    expect(loose?.({ b: undefined })).toBe(true);
    // Format schemas are their own checks.
    expect(schemaGuard(z.int())?.(1.5)).toBe(false);
    expect(schemaGuard(z.uuid())?.('x')).toBe(false);
    expect(schemaGuard(z.uuid())?.('0f4cc1cf-1c9e-499d-83a5-33015b3b3984')).toBe(true);
    // A numeric enum's reverse mapping is not one of its values.
    enum Level {
      Low = 1,
      High = 2,
    }
    expect(schemaGuard(z.enum(Level))?.('Low')).toBe(false);
    expect(schemaGuard(z.enum(Level))?.(2)).toBe(true);
    // Exactly one option of z.xor may match: no guard.
    expect(schemaGuard(z.xor([z.string(), z.string().min(1)]))).toBeUndefined();
  });

  it('has no guard where zod would change the value: stripping objects, transforms, defaults, trims', () => {
    expect(schemaGuard(z.object({ a: z.string() }))).toBeUndefined();
    expect(schemaGuard(z.looseObject({ a: z.string().transform((text) => text.length) }))).toBeUndefined();
    expect(schemaGuard(z.looseObject({ a: z.string().default('x') }))).toBeUndefined();
    expect(schemaGuard(z.looseObject({ a: z.string().trim() }))).toBeUndefined();
    expect(schemaGuard(z.looseObject({ a: z.coerce.number() }))).toBeUndefined();
    expect(schemaGuard(z.strictObject({ a: z.string() }))?.({ a: 'x', b: 1 })).toBe(false);
  });
});

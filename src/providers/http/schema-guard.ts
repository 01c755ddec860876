import type { z } from 'zod';

/**
 * A copy-free fast path for zod: `schemaGuard(schema)` returns a predicate that answers true only for a
 * value zod would accept and return unchanged. Zod's parse builds a copy of every object and array it
 * checks, which made validation cost as much as JSON.parse itself; the guard only reads. When it answers
 * false, the caller asks zod, which decides and explains — so the guard may be conservative, never lax.
 *
 * Schemas whose output can differ from their input (transforms, defaults, stripping objects, overwriting
 * checks such as `.trim()`) have no guard: `schemaGuard` returns undefined and zod does all the work. An
 * object with an own `__proto__` key (which zod drops) is always left to zod.
 *
 * @example
 * const guard = schemaGuard(z.looseObject({ id: z.string() }));
 * guard?.({ id: 'a', extra: 1 }); // true, and zod would return the same value
 */
export type Guard = (value: unknown) => boolean;

type AnySchema = z.core.$ZodType;
type Check = z.core.$ZodCheck<unknown>;

const cache = new WeakMap<AnySchema, Guard | null>();

export function schemaGuard(schema: AnySchema): Guard | undefined {
  let guard = cache.get(schema);
  if (guard === undefined) {
    guard = compile(schema) ?? null;
    cache.set(schema, guard);
  }
  return guard ?? undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Zod's own checks (min, int, regex, refine…), run as zod runs them; any issue means "ask zod". */
function withChecks(typeGuard: Guard, checks: readonly Check[] | undefined): Guard | undefined {
  if (!checks?.length) return typeGuard;
  if (checks.some((check) => check._zod.def.check === 'overwrite')) return undefined;
  // One payload for every call: checks run synchronously, and it is emptied before each.
  const payload: z.core.ParsePayload = { value: undefined, issues: [] };
  return (value) => {
    if (!typeGuard(value)) return false;
    payload.value = value;
    payload.issues.length = 0;
    for (const check of checks) {
      const result: unknown = check._zod.check(payload);
      if (result instanceof Promise || payload.issues.length > 0) return false;
    }
    return true;
  };
}

function compileObject(def: z.core.$ZodObjectDef): Guard | undefined {
  const catchall = def.catchall?._zod.def.type;
  // A plain z.object strips unknown keys, so its output is not its input.
  if (catchall !== 'unknown' && catchall !== 'any' && catchall !== 'never') return undefined;
  const strict = catchall === 'never';
  // Zod requires the key itself (not only its value) unless the schema accepts it missing.
  const entries: { key: string; guard: Guard; required: boolean }[] = [];
  for (const [key, child] of Object.entries(def.shape)) {
    const guard = compile(child);
    if (!guard) return undefined;
    entries.push({ key, guard, required: child._zod.optin === undefined });
  }
  const keys = new Set(entries.map(({ key }) => key));
  return (value) => {
    if (!isPlainObject(value) || Object.hasOwn(value, '__proto__')) return false;
    for (const { key, guard, required } of entries) {
      const field = value[key];
      if (!guard(field)) return false;
      // Only an undefined value can be a missing key.
      if (field === undefined && required && !(key in value)) return false;
    }
    if (strict) for (const key in value) if (!keys.has(key)) return false;
    return true;
  };
}

function compileRecord(def: z.core.$ZodRecordDef): Guard | undefined {
  const keyGuard = compile(def.keyType);
  const valueGuard = compile(def.valueType);
  if (!keyGuard || !valueGuard || def.keyType._zod.def.type !== 'string') return undefined;
  return (value) => {
    if (!isPlainObject(value) || Object.hasOwn(value, '__proto__')) return false;
    for (const key of Object.keys(value)) if (!keyGuard(key) || !valueGuard(value[key])) return false;
    return true;
  };
}

function compileType(schema: AnySchema): Guard | undefined {
  const def = schema._zod.def as z.core.$ZodTypes['_zod']['def'];
  if ('coerce' in def && def.coerce) return undefined;
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'null':
      return (value) => value === null;
    case 'unknown':
    case 'any':
      return () => true;
    case 'literal': {
      const values = new Set<unknown>(def.values);
      return (value) => values.has(value);
    }
    case 'enum': {
      // Not `def.entries`: a numeric TypeScript enum lists its reverse mapping there too.
      const values = new Set<unknown>(schema._zod.values);
      return (value) => values.has(value);
    }
    case 'optional': {
      const inner = compile(def.innerType);
      return inner && ((value) => value === undefined || inner(value));
    }
    case 'nullable': {
      const inner = compile(def.innerType);
      return inner && ((value) => value === null || inner(value));
    }
    case 'array': {
      const element = compile(def.element);
      return (
        element &&
        ((value) => {
          if (!Array.isArray(value)) return false;
          for (const item of value) if (!element(item)) return false;
          return true;
        })
      );
    }
    case 'union': {
      // z.xor: exactly one option may match, which `some` cannot tell.
      if ('inclusive' in def && def.inclusive === false) return undefined;
      const options = def.options.map(compile);
      if (options.some((option) => !option)) return undefined;
      const guards = options as Guard[];
      return (value) => guards.some((guard) => guard(value));
    }
    case 'object':
      return compileObject(def);
    case 'record':
      return compileRecord(def);
    default:
      return undefined;
  }
}

function compile(schema: AnySchema): Guard | undefined {
  const typeGuard = compileType(schema);
  // Checks are typed for the schema's own input; here that input is whatever passed the type guard.
  const checks = [...((schema._zod.def.checks ?? []) as unknown as readonly Check[])];
  // A format schema (z.int(), z.uuid(), z.email()…) is its own check and is not listed among them.
  if (schema._zod.traits.has('$ZodCheck')) checks.unshift(schema as unknown as Check);
  return typeGuard && withChecks(typeGuard, checks);
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './audit-event.ts';
import { createEventIndex, rowList } from './event-index.ts';
import { countFacets, FACET_FIELDS } from './facets.ts';
import { compileFilters, EVENT_FIELDS, type EventFilter } from './filter.ts';
import { timeHistogram } from './histogram.ts';
import { packedPage, plainEvent } from './packed-events.ts';
import { testEvent } from './test-event.ts';

const PROVIDERS = ['openai', 'contabo', 'agilicus'] as const;
const SOURCES = {
  openai: 'openai.audit_logs',
  contabo: 'contabo.images',
  agilicus: 'agilicus.auth',
} as const;
const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const maybe = (values: readonly string[]) => fc.option(pick(values), { nil: undefined });

const eventArb = fc
  .record({
    provider: pick(PROVIDERS),
    time: fc.integer({ min: 0, max: 10_000 }),
    action: pick(['login', 'LOGIN.failed', 'login*', 'create', 'delete']),
    outcome: pick(['success', 'failure', 'unknown'] as const),
    email: maybe(['alice@example.com', 'Bob@example.com', '']),
    // Lone surrogates, which a URL carries as U+FFFD (see isExactly).
    name: maybe(['Alice', 'bob', 'bob\uDC00']),
    id: maybe(['u1', 'u2', 'alice@example.com']),
    targetName: maybe(['db', 'web', '', 'db\uD800x']),
    targetId: maybe(['db', 't2']),
    ip: maybe(['198.51.100.66', '203.0.113.1', '']),
    session: maybe(['s1', 's2']),
    category: pick(['authentication', 'configuration', 'build'] as const),
    targetType: maybe(['image', 'app', 'db']),
    org: maybe(['o1', 'o2']),
    project: maybe(['p1', 'o1']),
    space: maybe(['sp1', 'p1']),
    image: maybe(['i1', 'sp1']),
  })
  .map((r): Omit<AuditEvent, 'key'> => ({
    provider: r.provider,
    source: SOURCES[r.provider],
    time: r.time,
    action: r.action,
    category: r.category,
    outcome: r.outcome,
    actor: { email: r.email, name: r.name, id: r.id },
    target: { name: r.targetName, id: r.targetId, type: r.targetType },
    scope: { org: r.org, project: r.project, space: r.space, image: r.image },
    ip: r.ip,
    sessionId: r.session,
    summary: '',
    demo: true,
    raw: {},
  }));

const eventsArb = fc
  .array(eventArb, { maxLength: 60 })
  .map((events) =>
    events.map((event, i) => ({ ...event, key: `${event.source}:${i}` })).sort((a, b) => b.time - a.time),
  );

/**
 * The same events in the same order, packed as feeds pack them: event i in page i % pages, so rows
 * interleave more pages than the index keeps codes for, and page 0 is left plain (a mix, as test feeds
 * and provider feeds give). 0 pages: all plain.
 */
function packedRoundRobin(events: readonly AuditEvent[], pages: number): AuditEvent[] {
  if (pages === 0) return [...events];
  const groups = Array.from({ length: pages }, (_, page) =>
    events.filter((_event, at) => at % pages === page),
  );
  const packed = groups.map((group, page) => (page === 0 ? group : packedPage(group)));
  return events.map((_event, at) => packed[at % pages]?.[Math.floor(at / pages)] as AuditEvent);
}
const pagesArb = fc.constantFrom(0, 1, 3, 20);

/** The index counts a value an event holds twice (target name = id) once; so does this reference. */
const countedOnce = (event: AuditEvent): AuditEvent =>
  event.target.name !== undefined && event.target.name === event.target.id
    ? { ...plainEvent(event), target: { ...event.target, id: undefined } }
    : event;

const filterArb: fc.Arbitrary<EventFilter> = fc.record({
  // Every filterable field: the indexed ones and those the index leaves to the event-by-event test.
  field: pick(EVENT_FIELDS),
  value: pick([
    'openai',
    'login*',
    'LOGIN.FAILED',
    'failure',
    'alice@example.com',
    'Alice',
    'Bob@example.com',
    'bob',
    'u2',
    'db',
    '198.51.100.66',
    's1',
    'o1',
    'p1',
    'sp1',
    'i1',
    'image',
    'build',
    'contabo.images',
    'nothing',
  ]),
  exclude: fc.boolean(),
  disabled: fc.boolean(),
  exact: fc.boolean(),
});

describe('event index', () => {
  it('selects exactly the rows the event-by-event filter keeps, appended in any number of steps', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.array(filterArb, { maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        pagesArb,
        (given, filters, chunk, maxAppend, pages) => {
          const events = packedRoundRobin(given, pages);
          const index = createEventIndex();
          const rows: AuditEvent[] = [];
          // The first sync of an array builds the index from it whole; later ones append to it.
          index.sync(rows);
          for (let start = 0; start < events.length; start += chunk) {
            rows.push(...events.slice(start, start + chunk));
            const before = index.size;
            index.sync(rows, 0, maxAppend);
            expect(index.size).toBe(Math.min(rows.length, before + (maxAppend ?? Infinity)));
          }
          // Whatever a capped sync left behind, later syncs of the same rows add, capped as well.
          while (index.size < rows.length) index.sync(rows, 0, maxAppend);
          // A rebuild is never capped: another array (or generation) is indexed whole at once.
          const rebuilt = createEventIndex();
          rebuilt.sync(rows.slice(0, 1));
          rebuilt.sync([...rows], 0, 1);
          expect(rebuilt.size).toBe(rows.length);
          const selection = index.select(filters);
          const picked = selection ? [...selection].map((row) => index.event(row)) : rows;
          expect(picked.map((event) => event.key)).toEqual(
            rows.filter(compileFilters(filters)).map((e) => e.key),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps every row exact while its arrays grow ahead of need, in batches of any size', () => {
    // Enough rows to cross several capacity doublings (1,024 → 16,384), where arrays grow one at a time,
    // packed in more interleaved pages than the index keeps codes for.
    const events = packedRoundRobin(
      fc
        .sample(eventArb, { numRuns: 9_000, seed: 7 })
        .map((event, i) => ({ ...event, key: `${event.source}:${i}` }))
        .sort((a, b) => b.time - a.time),
      80,
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3_000 }), { minLength: 1, maxLength: 12 }),
        fc.array(filterArb, { maxLength: 3 }),
        (chunks, filters) => {
          const index = createEventIndex();
          const rows: AuditEvent[] = [];
          for (let step = 0; rows.length < events.length; step++) {
            const chunk = chunks[step % chunks.length] as number;
            rows.push(...events.slice(rows.length, rows.length + chunk));
            index.sync(rows);
          }
          const selection = index.select(filters);
          const picked = selection ? [...selection].map((row) => index.event(row)) : rows;
          const expected = rows.filter(compileFilters(filters));
          expect(picked.map((event) => event.key)).toEqual(expected.map((event) => event.key));
          // Every code slot of every column, read through a selection (which forces a pass over the codes
          // rather than the running totals), against the event-by-event count.
          const everyRow = index.select([], () => true);
          expect(everyRow?.length).toBe(rows.length);
          const lists = index.facets(everyRow);
          expect(new Map([...lists].map(([field, list]) => [field, list.top(Infinity)]))).toEqual(
            countFacets(rows.map(countedOnce), FACET_FIELDS),
          );
          const range = { from: 0, to: 10_000 };
          const histogram = index.histogram(everyRow, range);
          const expectedHistogram = timeHistogram(rows, range, { seriesOf: (event) => event.provider });
          expect(histogram.totals).toEqual(expectedHistogram.totals);
          expect(new Map([...histogram.series].sort())).toEqual(
            new Map([...expectedHistogram.series].sort()),
          );
          // A rebuild (the merge rewrote its rows) allocates at the final size in one step.
          index.sync(rows, 1);
          const rebuilt = index.facets(index.select([], () => true));
          expect([...rebuilt].map(([field, list]) => [field, list.top(Infinity)])).toEqual(
            [...lists].map(([field, list]) => [field, list.top(Infinity)]),
          );
          // Rebuilt from rows in another order, the dictionaries number values anew: nothing of the
          // previous numbering may survive (a fresh index is the reference).
          const reordered = [...rows].reverse();
          index.sync(reordered, 2);
          const fresh = createEventIndex();
          fresh.sync(reordered);
          const allOf = (of: typeof index) =>
            [...of.facets(of.select([], () => true))].map(([field, list]) => [field, list.top(Infinity)]);
          expect(allOf(index)).toEqual(allOf(fresh));
          expect(index.select(filters)).toEqual(fresh.select(filters));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('reads rows as indexed even when the merge changes its array in place before the next sync', () => {
    const [a, b, c] = ['x:1', 'x:2', 'x:3'].map((key, i) => testEvent({ key, time: 100 - i, action: key }));
    const rows = [a, b] as AuditEvent[];
    const index = createEventIndex();
    index.sync(rows);
    rows.unshift(c as AuditEvent);
    expect(index.event(0)).toBe(a);
    expect(index.rowOf('x:2')).toBe(1);
    expect(index.rowOf('x:3')).toBe(-1);
    expect(
      rowList(
        index,
        index.select([{ field: 'action', value: 'x:2', exclude: false, disabled: false }]),
        2,
      ).at(0),
    ).toBe(b);
    index.sync(rows, 1);
    expect(index.event(0)).toBe(c);
    expect(index.rowOf('x:2')).toBe(2);
  });

  it('picks the top values of a field with many values exactly as a full sort orders them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 300, size: 'max' }),
        fc.integer({ min: 0, max: 12 }),
        (counts, limit) => {
          const events = counts.flatMap((count, value) =>
            Array.from({ length: count }, (_, copy) =>
              testEvent({ key: `k${value}-${copy}`, time: 0, action: `a${(value * 7919) % 1000}` }),
            ),
          );
          const index = createEventIndex();
          index.sync(events);
          const expected = countFacets(events, ['action']).get('action') ?? [];
          // A fresh list each time: asking once for all would sort them and serve every later call.
          expect(index.facets(null, ['action']).get('action')?.top(limit)).toEqual(expected.slice(0, limit));
          const selection = index.select([], (event) => event.key.endsWith('-0'));
          const picked = countFacets(
            events.filter((event) => event.key.endsWith('-0')),
            ['action'],
          );
          expect(index.facets(selection, ['action']).get('action')?.top(limit)).toEqual(
            (picked.get('action') ?? []).slice(0, limit),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts facets and the histogram exactly as the event-by-event functions do', () => {
    fc.assert(
      fc.property(eventsArb, fc.array(filterArb, { maxLength: 2 }), pagesArb, (given, filters, pages) => {
        const events = packedRoundRobin(given, pages);
        const index = createEventIndex();
        // Facets asked between appends: the alphabetical ranks grow by merging, and must stay exact.
        const rows: AuditEvent[] = [];
        for (let start = 0; start < events.length; start += 7) {
          rows.push(...events.slice(start, start + 7));
          index.sync(rows);
          index.facets(null);
        }
        const selection = index.select(filters);
        const picked = events.filter(compileFilters(filters));
        const deduped = picked.map(countedOnce);
        const lists = index.facets(selection);
        const expectedFacets = countFacets(deduped, FACET_FIELDS);
        expect(new Map([...lists].map(([field, list]) => [field, list.top(Infinity)]))).toEqual(
          expectedFacets,
        );
        for (const [field, list] of lists) {
          const all = expectedFacets.get(field) ?? [];
          expect(list.distinct).toBe(all.length);
          expect(list.top(2)).toEqual(all.slice(0, 2));
          const hits = all.filter((entry) => entry.value.toLowerCase().includes('li'));
          expect(list.search('LI', 1)).toEqual({ values: hits.slice(0, 1), matches: hits.length });
        }
        const range = { from: 0, to: 10_000 };
        const expected = timeHistogram(picked, range, { seriesOf: (event) => event.provider });
        const actual = index.histogram(selection, range);
        expect(actual.totals).toEqual(expected.totals);
        expect(new Map([...actual.series].sort())).toEqual(new Map([...expected.series].sort()));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves, after a facet click, exactly the rows the facet counted', () => {
    fc.assert(
      fc.property(eventsArb, fc.array(filterArb, { maxLength: 2 }), pagesArb, (given, filters, pages) => {
        const events = packedRoundRobin(given, pages);
        const index = createEventIndex();
        index.sync(events);
        const selection = index.select(filters);
        const shown = selection ? selection.length : index.size;
        for (const [field, list] of index.facets(selection)) {
          // Values of one field are alternatives: a click beside an included value of its field widens.
          const widens = filters.some((f) => f.field === field && !f.exclude && !f.disabled);
          for (const { value, count } of list.top(Infinity)) {
            // A click is a link: the value comes back from the URL.
            const viaUrl = new URLSearchParams(new URLSearchParams({ f: value }).toString()).get('f') ?? '';
            const click = { field, value: viaUrl, disabled: false, exact: true };
            const included = [...filters, { ...click, exclude: false }];
            if (!widens) {
              expect(index.select(included)?.length).toBe(count);
              expect(events.filter(compileFilters(included))).toHaveLength(count);
            }
            expect(index.select([...filters, { ...click, exclude: true }])?.length).toBe(shown - count);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rebuilds when the merge rewrites rows in place, and finds rows by key', () => {
    const index = createEventIndex();
    const [a, b, c] = ['x:1', 'x:2', 'x:3'].map((key, i) => testEvent({ key, time: 100 - i }));
    const rows = [a, c] as AuditEvent[];
    index.sync(rows);
    rows.splice(1, 0, b as AuditEvent);
    index.sync(rows, 1);
    expect(index.rowOf('x:2')).toBe(1);
    expect(index.rowOf('x:3')).toBe(2);
    expect(index.rowOf('nope')).toBe(-1);
  });

  it('keeps rows passing an extra predicate (the query box) and treats no filter as every row', () => {
    const index = createEventIndex();
    const events = [
      testEvent({ key: 'a', time: 2, action: 'x' }),
      testEvent({ key: 'b', time: 1, action: 'y' }),
    ];
    index.sync(events);
    expect(index.select([])).toBeNull();
    expect([...(index.select([], (event) => event.action === 'y') ?? [])]).toEqual([1]);
  });

  it('lists a selection in either order, finds positions by key, and stops at the size it was given', () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.array(filterArb, { maxLength: 2 }),
        fc.boolean(),
        (events, filters, oldestFirst) => {
          const index = createEventIndex();
          index.sync(events);
          const cut = Math.floor(events.length / 2);
          const expected = events.slice(0, cut).filter(compileFilters(filters));
          if (oldestFirst) expected.reverse();
          const list = rowList(
            index,
            index.select(filters, undefined, cut),
            cut,
            oldestFirst ? 'time' : '-time',
          );
          expect(list.toArray().map((event) => event.key)).toEqual(expected.map((event) => event.key));
          expected.forEach((event, position) => {
            expect(list.indexOf(event.key)).toBe(position);
            expect(list.at(position)?.key).toBe(event.key);
          });
          for (const event of events.slice(cut)) expect(list.indexOf(event.key)).toBe(-1);
          expect(list.at(expected.length)).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

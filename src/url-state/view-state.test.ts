import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../timeline/audit-event.ts';
import { EVENT_FIELDS } from '../timeline/filter.ts';
import { parseQuery } from '../timeline/query/parse-query.ts';
import { createEventIndex } from '../timeline/event-index.ts';
import { compileFilters } from '../timeline/filter.ts';
import { testEvent } from '../timeline/test-event.ts';
import {
  COLUMN_IDS,
  DEFAULT_VIEW,
  facetFilter,
  linkLosses,
  parseViewState,
  serializeViewState,
  unreadEntries,
  viewSearch,
  type ViewState,
} from './view-state.ts';

const parse = (search: string) => parseViewState(new URLSearchParams(search));

describe('the URL contract', () => {
  it('reads a readable link', () => {
    const { view, problems } = parse(
      'from=now-7d&f=actor:alice@example.com&f=-action:login.failed&tz=Europe/Berlin&p=openai,contabo',
    );
    expect(problems).toEqual([]);
    expect(view).toMatchObject({
      from: 'now-7d',
      to: 'now',
      tz: 'Europe/Berlin',
      providers: ['openai', 'contabo'],
      filters: [
        { field: 'actor', value: 'alice@example.com', exclude: false, disabled: false },
        { field: 'action', value: 'login.failed', exclude: true, disabled: false },
      ],
    });
  });

  it('keeps everything after the first colon as the value, and reads disabled pills', () => {
    expect(parse('f=~target:arn:aws:cloudformation:us-east-1').view.filters).toEqual([
      { field: 'target', value: 'arn:aws:cloudformation:us-east-1', exclude: false, disabled: true },
    ]);
  });

  it('reads field=value as an exact filter, and the first of : and = as the end of the field', () => {
    expect(parse('f=actor=Alice&f=target:a=b&f=-~actor=x=y:z&f=~-space=s').view.filters).toEqual([
      { field: 'actor', value: 'Alice', exclude: false, disabled: false, exact: true },
      { field: 'target', value: 'a=b', exclude: false, disabled: false },
      { field: 'actor', value: 'x=y:z', exclude: true, disabled: true, exact: true },
      { field: 'space', value: 's', exclude: true, disabled: true, exact: true },
    ]);
    expect(parse('f=--actor=x&f=~~actor=x').problems.map((p) => p.parameter)).toEqual(['f', 'f']);
    const exact = { field: 'actor' as const, value: 'a:b', exclude: true, disabled: false, exact: true };
    expect(serializeViewState({ ...DEFAULT_VIEW, filters: [exact] }).getAll('f')).toEqual(['-actor=a:b']);
  });

  it('omits defaults', () => {
    expect(serializeViewState(DEFAULT_VIEW).toString()).toBe('');
  });

  it('names a query that does not parse and applies the rest', () => {
    const { view, problems } = parse('q=actor%3A&p=openai');
    expect(problems).toEqual([
      { parameter: 'q', value: 'actor:', problem: expect.stringMatching(/^at 7: /) as unknown },
    ]);
    expect(view.q).toBe('');
    expect(view.providers).toEqual(['openai']);
  });

  it.each([
    ['p=', 'no provider named: all are shown'],
    ['p=,,', 'no provider named: all are shown'],
    ['p=github', 'unknown provider: all are shown'],
  ])('says what %s shows rather than ignore it', (search, problem) => {
    const { view, problems } = parse(search);
    expect(problems.map((p) => p.problem)).toEqual([problem]);
    expect(view.providers).toBeNull();
  });

  it.each([
    ['cols=', 'no column named: the default columns are shown'],
    ['cols=,,', 'no column named: the default columns are shown'],
    ['cols=colour', 'unknown column: the default columns are shown'],
  ])('says what %s shows rather than ignore it', (search, problem) => {
    const { view, problems } = parse(search);
    expect(problems.map((p) => p.problem)).toEqual([problem]);
    expect(view.cols).toBeNull();
  });

  it('names only the unknown columns and keeps the known ones', () => {
    const { view, problems } = parse('cols=actor,colour,action,size');
    expect(problems).toEqual([{ parameter: 'cols', value: 'colour,size', problem: 'unknown column' }]);
    expect(view.cols).toEqual(['actor', 'action']);
  });

  it('names each unreadable parameter and applies the rest', () => {
    const { view, problems } = parse(
      'from=yesterday&tz=Mars/Olympus&f=nofield&f=actor:bob&sort=up&p=github,openai&zzz=1',
    );
    expect(problems.map((p) => p.parameter)).toEqual(['from', 'tz', 'p', 'f', 'sort', 'zzz']);
    expect(view.from).toBe('now-24h');
    expect(view.filters).toEqual([{ field: 'actor', value: 'bob', exclude: false, disabled: false }]);
    expect(view.providers).toEqual(['openai']);
  });

  it.each(['1969-12-31', '2026-02-30', '2026-11-20T25:00:00Z', 'now-999999w'])(
    'reports from=%s, which is no instant it could show, and keeps the default',
    (value) => {
      const { view, problems } = parse(`from=${value}`);
      expect(problems).toEqual([{ parameter: 'from', value, problem: expect.any(String) as unknown }]);
      expect(view.from).toBe('now-24h');
    },
  );

  it('reads an offset whose + a link turned into a space', () => {
    const { view, problems } = parse('from=2026-03-01T10:00:00+05:30&to=2026-03-01T12:00:00%2B05:30');
    expect(problems).toEqual([]);
    expect(view.from).toBe('2026-03-01T10:00:00+05:30');
    expect(view.to).toBe('2026-03-01T12:00:00+05:30');
  });

  it('keeps links link-safe: no trailing punctuation', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: [{ field: 'actor', value: 'alice.', exclude: false, disabled: false }],
    };
    expect(viewSearch(view)).toMatch(/[A-Za-z0-9]$/);
    expect(parse(viewSearch(view).slice(1)).view.filters[0]?.value).toBe('alice.');
  });

  it('shows the part of a long query where it fails, and cuts values between whole characters', () => {
    const query = `${'a '.repeat(100)}actor: bob`;
    const [problem] = parse(`q=${encodeURIComponent(query)}`).problems;
    expect(problem?.problem).toBe('at 207: expected a value after actor:');
    expect(problem?.value).toMatch(/^….*actor: bob$/);
    const emoji = '\u{1F600}'.repeat(80);
    const [cut] = parse(`tz=${encodeURIComponent(emoji)}`).problems;
    expect(cut?.value).toBe(`${'\u{1F600}'.repeat(57)}…`);
  });

  it('says what a link to a view would lose: a filter value too long for a link', () => {
    const long = 'x'.repeat(2_001);
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: [
        { field: 'actor', value: 'alice', exclude: false, disabled: false },
        { field: 'target', value: long, exclude: false, disabled: false, exact: true },
      ],
    };
    const losses = linkLosses(view);
    expect(losses.map((loss) => loss.parameter)).toEqual(['f']);
    expect(losses[0]?.value).toMatch(/^target=x+…$/);
    expect(losses[0]?.problem).toMatch(/over 2,000/);
    expect(linkLosses({ ...view, filters: view.filters.slice(0, 1) })).toEqual([]);
  });

  const viewArb: fc.Arbitrary<ViewState> = fc.record({
    from: fc.constantFrom('now-24h', 'now-15m', 'now-7d', 'now-1d/d', '2026-11-20T08:00:00Z'),
    to: fc.constantFrom('now', 'now/d', '2026-11-21T08:00:00.500Z'),
    tz: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
    providers: fc.option(fc.uniqueArray(fc.constantFrom(...PROVIDER_IDS), { minLength: 1 }), { nil: null }),
    filters: fc.array(
      fc.record({
        field: fc.constantFrom(...EVENT_FIELDS),
        value: fc.string({ minLength: 1, maxLength: 40 }),
        exclude: fc.boolean(),
        disabled: fc.boolean(),
        exact: fc.option(fc.constant(true), { nil: undefined }),
      }),
      { maxLength: 5 },
    ),
    // Only queries that parse: an invalid one is named as a problem on purpose (tested above).
    // The search box applies trimmed text.
    q: fc
      .string({ maxLength: 60 })
      .map((q) => q.trim())
      .filter((q) => parseQuery(q).ok),
    sort: fc.constantFrom('-time' as const, 'time' as const),
    cols: fc.option(fc.uniqueArray(fc.constantFrom(...COLUMN_IDS), { minLength: 1 }), { nil: null }),
    ev: fc.option(
      fc.string({ minLength: 1, maxLength: 30 }).map((id) => `openai.audit_logs:${id}`),
      { nil: null },
    ),
  });

  it('names a parameter given twice, reading the first; filters may repeat', () => {
    const { view, problems } = parse('from=now-1d&from=now-2d&q=a&q=b&f=actor:x&f=actor:y');
    expect(view.from).toBe('now-1d');
    expect(view.q).toBe('a');
    expect(view.filters).toHaveLength(2);
    expect(problems).toEqual([
      { parameter: 'from', value: 'now-2d', problem: 'given 2 times: only the first is read' },
      { parameter: 'q', value: 'b', problem: 'given 2 times: only the first is read' },
    ]);
  });

  it('trims the query, so a link applies exactly what the search box would', () => {
    expect(parse('q=actor:bob%20').view.q).toBe('actor:bob');
    expect(parse('q=%20').view.q).toBe('');
    expect(parse('q=%20').problems).toEqual([]);
  });

  it('names hidden or direction-changing characters in a query, a filter or an event key, and applies them', () => {
    const { view, problems } = parse(
      `q=${encodeURIComponent('actor:\u202Eexe.gnp')}&f=${encodeURIComponent('actor:a\u200Bb')}&ev=${encodeURIComponent('openai.audit_logs:x\u2066')}`,
    );
    expect(view.q).toBe('actor:\u202Eexe.gnp');
    expect(view.filters[0]?.value).toBe('a\u200Bb');
    expect(view.ev).toBe('openai.audit_logs:x\u2066');
    expect(problems.map((problem) => [problem.parameter, problem.applied])).toEqual([
      ['f', true],
      ['q', true],
      ['ev', true],
    ]);
    // Nothing is lost in a link to it: Share names no loss.
    expect(linkLosses(view)).toEqual([]);
    // An emoji's joiner and selector are no hidden characters.
    expect(parse(`q=${encodeURIComponent('\u{1F469}\u200D\u{1F4BB}')}`).problems).toEqual([]);
  });

  it('writes a zone in its own spelling: utc is UTC, europe/berlin is Europe/Berlin', () => {
    expect(parse('tz=utc').view.tz).toBe('UTC');
    expect(parse('tz=Etc/UTC').view.tz).toBe('UTC');
    expect(parse('tz=europe/berlin').view.tz).toBe('Europe/Berlin');
    expect(parse('tz=utc').problems).toEqual([]);
  });

  it('counts a lone surrogate, which a link cannot carry, among what a link loses', () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: [{ field: 'actor', value: 'b\uD800*', exclude: false, disabled: false }],
    };
    expect(linkLosses(view)).not.toEqual([]);
  });

  it('survives serialise → parse for any view', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        const { view: back, problems } = parse(viewSearch(view).replace(/^\?/, ''));
        // Hidden characters are named, but read as written.
        expect(problems.filter((problem) => !problem.applied)).toEqual([]);
        expect(back).toEqual(view);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary parameters, and names every one it ignores', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('from', 'to', 'tz', 'p', 'f', 'q', 'sort', 'cols', 'ev', 'v', 'x'),
            fc.string(),
          ),
          { maxLength: 8 },
        ),
        (pairs) => {
          const params = new URLSearchParams(pairs);
          const { view, problems } = parseViewState(params);
          expect(view).toBeDefined();
          for (const problem of problems) expect(problem.problem.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('unreadEntries', () => {
  it('keeps, as written, what was read into nothing, and not what was read in part or repeated', () => {
    const params = new URLSearchParams(
      'from=now-1M&to=now&f=nofield&f=actor:alice&p=openai,bogus&q=actor:%22Alice&zzz=%3Cx%3E&sort=time&sort=up&cols=nope&ev=bad key',
    );
    expect(unreadEntries(params)).toEqual([
      ['from', 'now-1M'],
      ['f', 'nofield'],
      ['q', 'actor:"Alice'],
      ['zzz', '<x>'],
      ['cols', 'nope'],
      ['ev', 'bad key'],
    ]);
    expect(unreadEntries(new URLSearchParams('from=now-6h&f=actor:a&q=x'))).toEqual([]);
  });

  it('writes kept entries after the view, still link-safe', () => {
    const view = { ...DEFAULT_VIEW, sort: 'time' as const };
    expect(
      viewSearch(view, [
        ['q', 'actor:"A'],
        ['zzz', '1'],
      ]),
    ).toBe('?sort=time&q=actor%3A%22A&zzz=1');
    expect(viewSearch(DEFAULT_VIEW, [['zzz', 'x.']])).toBe('?zzz=x.&v=1');
  });
});

describe('facetFilter', () => {
  it('is exact for a value a link carries, a prefix that reads back for one too long', () => {
    expect(facetFilter('actor', 'alice', true)).toEqual({
      field: 'actor',
      value: 'alice',
      exclude: true,
      disabled: false,
      exact: true,
    });
    const flood = `${'x'.repeat(1_998)}😀${'y'.repeat(600)}`;
    const long = facetFilter('target', flood, false);
    expect(long.exact).toBeUndefined();
    expect(long.value).toBe(`${'x'.repeat(1_998)}*`);
    const { view, problems } = parseViewState(serializeViewState({ ...DEFAULT_VIEW, filters: [long] }));
    expect(problems).toEqual([]);
    expect(view.filters).toEqual([long]);
  });
  it('matches a cut long value (facetFilter) in the index as event by event, whatever its last letter', () => {
    const cases = [
      'ΑΣ'.repeat(1_300).slice(1),
      `${'a'.repeat(100)}\uD800${'b'.repeat(2_500)}`,
      'x'.repeat(2_600),
    ];
    const events = cases.map((action, i) =>
      testEvent({ key: `openai.audit_logs:${i}`, time: 1_000 - i, action }),
    );
    const index = createEventIndex();
    index.sync(events);
    for (const action of cases) {
      const filter = facetFilter('action', action, false);
      // Through the URL, as a click's filter comes back on reload.
      const { view } = parseViewState(
        new URLSearchParams(serializeViewState({ ...DEFAULT_VIEW, filters: [filter] }).toString()),
      );
      const selected = index.select(view.filters);
      expect(selected?.length, action.slice(0, 3)).toBe(1);
      expect(events.filter(compileFilters(view.filters))).toHaveLength(1);
    }
  });
});

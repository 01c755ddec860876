import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CATEGORIES, OUTCOMES, PROVIDER_IDS, SOURCES, type AuditEvent } from './audit-event.ts';
import type { FeedPage, ProviderFeed } from './feed.ts';
import { packedFeed, packedPage, packedPageOf, plainEvent, rawJsonText } from './packed-events.ts';

// Any text: astral characters, lone surrogates, empty strings, and values shared between fields and events.
const textArb = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'shared', 'alice@example.com'),
);
const maybeText = fc.option(textArb, { nil: undefined });

const eventArb: fc.Arbitrary<AuditEvent> = fc.record({
  key: textArb,
  provider: fc.constantFrom(...PROVIDER_IDS),
  source: fc.constantFrom(...SOURCES),
  time: fc.oneof(fc.integer(), fc.double()),
  action: textArb,
  category: fc.constantFrom(...CATEGORIES),
  outcome: fc.constantFrom(...OUTCOMES),
  actor: fc.record({ id: maybeText, name: maybeText, email: maybeText, type: maybeText }),
  target: fc.record({ id: maybeText, name: maybeText, type: maybeText }),
  scope: fc.record({
    org: maybeText,
    project: maybeText,
    space: maybeText,
    region: maybeText,
    image: maybeText,
  }),
  ip: maybeText,
  userAgent: maybeText,
  requestId: maybeText,
  traceId: maybeText,
  sessionId: maybeText,
  summary: textArb,
  demo: fc.boolean(),
  raw: fc.option(fc.jsonValue(), { nil: undefined }),
});

/** What can be compared: every field, with `raw` as its JSON text (JSON keeps no -0). */
const comparable = (event: AuditEvent) => ({
  ...plainEvent(event),
  raw: JSON.stringify(event.raw),
});

describe('packed events', () => {
  it('give back every field of the events packed, whatever their strings', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const packed = packedPage(events);
        // Each field the event has, read straight from the packed one (no helper in between)…
        events.forEach((event, at) => {
          const read = packed[at] as unknown as Record<string, unknown>;
          for (const [field, value] of Object.entries(event))
            if (field === 'raw') expect(JSON.stringify(read.raw)).toBe(JSON.stringify(value));
            else expect(read[field]).toEqual(value);
        });
        // …and every field, through plainEvent as exports and the bench copy them.
        expect(packed.map(comparable)).toEqual(events.map(comparable));
        expect(packed.map((event) => event.key)).toEqual(events.map((event) => event.key));
        expect(packed.map(rawJsonText)).toEqual(
          events.map((event) => (event.raw === undefined ? '' : JSON.stringify(event.raw))),
        );
        // Exports write events with JSON.stringify: a packed event writes the same fields.
        expect(JSON.parse(JSON.stringify(packed))).toEqual(JSON.parse(JSON.stringify(events)));
      }),
      { numRuns: 300 },
    );
  });

  it('keep a hostile raw record exactly, own __proto__ key included', () => {
    const body =
      '{"__proto__":{"polluted":true},"n":12345678901234567890,"s":"\\ud800<script>","a":[0.1,null]}';
    const raw: unknown = JSON.parse(body);
    const [event] = packedPage([{ ...plainEvent(sampleEvent()), raw }]);
    expect(rawJsonText(event as AuditEvent)).toBe(JSON.stringify(raw));
    const read = event?.raw as Record<string, unknown>;
    expect(Object.hasOwn(read, '__proto__')).toBe(true);
    expect(read).toEqual(raw);
  });

  it('are told apart from plain events, for the index', () => {
    const plain = sampleEvent();
    const [packed] = packedPage([plain]);
    expect(packedPageOf(plain)).toBeUndefined();
    expect(packedPageOf(packed as AuditEvent)).toBeDefined();
  });

  it('are what a packed feed pages hold, with the rest of each page as the feed gave it', async () => {
    const page: FeedPage = {
      events: [sampleEvent()],
      nextCursor: { after: 'x' },
      total: 7,
      warnings: ['possible gap'],
      pushedDown: ['actor'],
    };
    const feed: ProviderFeed = {
      id: 'openai.audit_logs',
      provider: 'openai',
      source: 'openai.audit_logs',
      fetchPage: () => Promise.resolve(page),
    };
    const wrapped = packedFeed(feed);
    const got = await wrapped.fetchPage({ range: { from: 0, to: 1 } }, null, { demo: true });
    expect({ ...got, events: [] }).toEqual({ ...page, events: [] });
    expect(got.events.map(comparable)).toEqual(page.events.map(comparable));
    expect(packedPageOf(got.events[0] as AuditEvent)).toBeDefined();
    expect([wrapped.id, wrapped.provider, wrapped.source]).toEqual([feed.id, feed.provider, feed.source]);
  });
});

describe('a packed feed', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('packs each page in a task of its own where the browser can yield', async () => {
    const yieldTask = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: yieldTask });
    vi.resetModules();
    const { packedFeed: feedYielding } = await import('./packed-events.ts');
    const feed = feedYielding({
      id: 'openai.audit_logs',
      provider: 'openai',
      source: 'openai.audit_logs',
      fetchPage: () => Promise.resolve({ events: [sampleEvent()], nextCursor: null, warnings: [] }),
    });
    await feed.fetchPage({ range: { from: 0, to: 1 } }, null, { demo: true });
    expect(yieldTask).toHaveBeenCalledTimes(1);
  });
});

function sampleEvent(): AuditEvent {
  return {
    key: 'openai.audit_logs:1',
    provider: 'openai',
    source: 'openai.audit_logs',
    time: 1,
    action: 'login.failed',
    category: 'authentication',
    outcome: 'failure',
    actor: { email: 'alice@example.com' },
    target: {},
    scope: {},
    summary: 'Login failed',
    demo: true,
    raw: { id: 1 },
  };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../audit-event.ts';
import {
  buildSearchTextsInBackground,
  compileQuery,
  forgetSearchTexts,
  searchText,
  usesFreeText,
} from './evaluate-query.ts';
import { parseQuery } from './parse-query.ts';

let counter = 0;
function makeEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  counter += 1;
  return {
    key: `openai.audit_logs:e${counter}`,
    provider: 'openai',
    source: 'openai.audit_logs',
    time: 1_700_000_000_000 + counter,
    action: 'login.succeeded',
    category: 'authentication',
    outcome: 'success',
    actor: {},
    target: {},
    scope: {},
    summary: '',
    demo: true,
    raw: {},
    ...overrides,
  };
}

const alice = makeEvent({
  key: 'alice',
  actor: { email: 'alice@example.com', name: 'Alice Smith', id: 'user-1' },
  ip: '198.51.100.7',
  summary: 'Alice signed in',
  raw: { type: 'login.succeeded', actor: { session: { user_agent: 'Mozilla/5.0 Firefox' } } },
});
const bobFailed = makeEvent({
  key: 'bob',
  action: 'login.failed',
  outcome: 'failure',
  actor: { email: 'bob@example.com' },
  ip: '203.0.113.9',
  raw: { type: 'login.failed', error: { code: 'MFA_REQUIRED' } },
});
const apiKey = makeEvent({
  key: 'apikey',
  action: 'api_key.created',
  category: 'configuration',
  actor: { email: 'alice@example.com' },
  target: { id: 'key-42', name: 'CI deploy key', type: 'api_key' },
  scope: { project: 'proj-payments' },
  raw: { type: 'api_key.created', details: { scopes: ['api.model.read'] } },
});
const contabo = makeEvent({
  key: 'contabo',
  provider: 'contabo',
  source: 'contabo.images',
  action: 'UPDATED',
  category: 'lifecycle',
  outcome: 'unknown',
  actor: { name: 'Bob' },
  scope: { image: 'img-ubuntu' },
  requestId: 'req-77',
  raw: { changes: { name: { from: 'old', to: 'Ubuntu 24.04' } } },
});
const events = [alice, bobFailed, apiKey, contabo];

function keys(query: string): string[] {
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return events.filter(compileQuery(parsed.ast)).map((event) => event.key);
}

describe('compileQuery', () => {
  it('keeps every event for an empty query', () => {
    expect(keys('')).toEqual(['alice', 'bob', 'apikey', 'contabo']);
  });

  it('matches field terms like the pills: case-insensitive equality, actor by id, name or email', () => {
    expect(keys('actor:ALICE@example.com')).toEqual(['alice', 'apikey']);
    expect(keys('actor:"alice smith"')).toEqual(['alice']);
    expect(keys('actor:user-1')).toEqual(['alice']);
    expect(keys('actor:alice')).toEqual([]);
    expect(keys('target:key-42')).toEqual(['apikey']);
    expect(keys('target.type:API_KEY')).toEqual(['apikey']);
    expect(keys('request:req-77 image:img-ubuntu')).toEqual(['contabo']);
  });

  it('matches prefixes with a trailing *, and a quoted * literally', () => {
    expect(keys('action:login.*')).toEqual(['alice', 'bob']);
    expect(keys('actor:ali*')).toEqual(['alice', 'apikey']);
    expect(keys('ip:*')).toEqual(['alice', 'bob']);
    expect(keys('action:"login.*"')).toEqual([]);
  });

  it('excludes with - and NOT', () => {
    expect(keys('-outcome:success')).toEqual(['bob', 'contabo']);
    expect(keys('NOT provider:openai')).toEqual(['contabo']);
    expect(keys('actor:alice@example.com -action:api_key.created')).toEqual(['alice']);
    expect(keys('-(outcome:success OR provider:contabo)')).toEqual(['bob']);
    expect(keys('-ip:*')).toEqual(['apikey', 'contabo']);
  });

  it('binds OR looser than AND', () => {
    expect(keys('provider:contabo OR actor:alice@example.com category:configuration')).toEqual([
      'apikey',
      'contabo',
    ]);
    expect(keys('(provider:contabo OR actor:alice@example.com) category:configuration')).toEqual(['apikey']);
  });

  it('matches free text case-insensitively in the normalized fields', () => {
    expect(keys('signed')).toEqual(['alice']);
    expect(keys('"CI DEPLOY"')).toEqual(['apikey']);
    expect(keys('payments')).toEqual(['apikey']);
    expect(keys('198.51.100')).toEqual(['alice']);
    expect(keys('lifecycle')).toEqual(['contabo']);
    expect(keys('login fail*')).toEqual(['bob']);
  });

  it('matches free text in the raw JSON', () => {
    expect(keys('firefox')).toEqual(['alice']);
    expect(keys('mfa_required')).toEqual(['bob']);
    expect(keys('"ubuntu 24.04"')).toEqual(['contabo']);
    expect(keys('api.model.read')).toEqual(['apikey']);
  });

  it('matches a raw value holding a quote or a backslash as it was written, not as JSON escapes it', () => {
    const windows = makeEvent({ key: 'windows', raw: { path: 'C:\\Temp\\x', note: 'say "hi"' } });
    const matches = (query: string) => {
      const parsed = parseQuery(query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return compileQuery(parsed.ast)(windows);
    };
    expect(matches(String.raw`"C:\\Temp"`)).toBe(true);
    expect(matches(String.raw`"say \"hi\""`)).toBe(true);
    expect(matches(String.raw`"C:\\Tmp"`)).toBe(false);
  });

  it('never matches across two fields', () => {
    const event = makeEvent({ action: 'ab', summary: 'cd' });
    expect(searchText(event)).toContain('ab');
    expect(searchText(event).includes('ab cd')).toBe(false);
    expect(searchText(event).includes('abcd')).toBe(false);
    // A link can carry the separator itself: the term still matches within one value only.
    const parsed = parseQuery('"ab\u0000cd"');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(compileQuery(parsed.ast)(event)).toBe(false);
    expect(compileQuery(parsed.ast)(makeEvent({ raw: { note: 'ab\u0000cd' } }))).toBe(true);
  });

  it('computes the search text once per event', () => {
    const event = makeEvent({ raw: { note: 'Once' } });
    const first = searchText(event);
    (event.raw as { note: string }).note = 'changed';
    expect(searchText(event)).toBe(first);
    expect(first).toContain('"note":"once"');
  });

  it('builds the search texts again once they are forgotten', () => {
    const event = makeEvent({ raw: { note: 'Once' } });
    searchText(event);
    (event.raw as { note: string }).note = 'Again';
    forgetSearchTexts();
    expect(searchText(event)).toContain('"note":"again"');
  });

  it('tells which queries read the search texts', () => {
    const uses = (query: string) => {
      const parsed = parseQuery(query);
      return parsed.ok && usesFreeText(parsed.ast);
    };
    expect(uses('')).toBe(false);
    expect(uses('actor:alice outcome:failure')).toBe(false);
    expect(uses('198.51')).toBe(true);
    expect(uses('actor:alice (outcome:failure OR -"api key")')).toBe(true);
  });

  it('survives raw values JSON cannot write', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const event = makeEvent({ action: 'odd.raw', raw: circular });
    const parsed = parseQuery('odd');
    expect(parsed.ok && compileQuery(parsed.ast)(event)).toBe(true);
    expect(searchText(makeEvent({ raw: 10n }))).toContain('login.succeeded');
    expect(searchText(makeEvent({ raw: undefined }))).toContain('login.succeeded');
  });

  it('filters 100,000 events quickly once their search text is built', () => {
    const many = Array.from({ length: 100_000 }, (_, index) =>
      makeEvent({
        actor: { email: `user${index % 500}@example.com` },
        ip: `10.0.${index % 250}.${index % 200}`,
        raw: { id: `evt-${index}`, details: { note: `event number ${index}` } },
      }),
    );
    for (const event of many) searchText(event);
    const timings: number[] = [];
    for (const query of ['actor:user7@example.com', 'number 4242', 'action:login.* -ip:10.0.1.*']) {
      const parsed = parseQuery(query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const started = performance.now();
      const matched = many.filter(compileQuery(parsed.ast)).length;
      timings.push(performance.now() - started);
      expect(matched).toBeGreaterThan(0);
    }
    // The budget is 50 ms; the bound here is loose because CI shares two cores with other work.
    expect(Math.min(...timings)).toBeLessThan(150);
  });
});

describe('buildSearchTextsInBackground', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetSearchTexts();
  });

  /** A browser's idle callbacks, run by hand, each with `budget` ms to give. */
  function idleQueue() {
    const callbacks = new Map<number, (deadline: { timeRemaining(): number }) => void>();
    let next = 1;
    vi.stubGlobal('requestIdleCallback', (callback: (deadline: { timeRemaining(): number }) => void) => {
      callbacks.set(next, callback);
      return next++;
    });
    return {
      get waiting() {
        return callbacks.size;
      },
      /** Runs the waiting callback, whose deadline says time remains for `looks` looks at it. */
      run(looks: number) {
        const [handle, callback] = [...callbacks][0] ?? [];
        if (handle === undefined || !callback) throw new Error('no idle callback waiting');
        callbacks.delete(handle);
        let left = looks;
        callback({ timeRemaining: () => (left-- > 0 ? 10 : 0) });
      },
    };
  }
  /** Whether the event's search text was built before now: a cached text does not see a change to raw. */
  const built = (event: AuditEvent) => {
    event.raw = { changed: 'zz-after-build' };
    return !searchText(event).includes('zz-after-build');
  };

  it('builds the texts in idle chunks until done, so a search after it finds them built', () => {
    const queue = idleQueue();
    const events = Array.from({ length: 500 }, () => makeEvent({ raw: { note: 'before' } }));
    buildSearchTextsInBackground(events.length, (at) => events[at] as AuditEvent);
    // Nothing is built in the call itself: it all waits for idle time.
    queue.run(1);
    // One look at the deadline builds one chunk (200), then the next idle period is asked for.
    expect(queue.waiting).toBe(1);
    queue.run(5);
    expect(queue.waiting).toBe(0);
    expect(events.every(built)).toBe(true);
  });

  it('stops when told, leaving the rest unbuilt', () => {
    const queue = idleQueue();
    const events = Array.from({ length: 500 }, () => makeEvent({ raw: { note: 'before' } }));
    const stop = buildSearchTextsInBackground(events.length, (at) => events[at] as AuditEvent);
    queue.run(1);
    stop();
    // The slice already asked for runs, finds it is stopped, and asks for no other.
    queue.run(5);
    expect(queue.waiting).toBe(0);
    expect(events.slice(0, 200).every(built)).toBe(true);
    expect(events.slice(200).some(built)).toBe(false);
  });

  it('runs slices back to back as background tasks where the browser can post them', async () => {
    const posted: { task: () => void; priority: string }[] = [];
    vi.stubGlobal('scheduler', {
      postTask: (task: () => void, options: { priority: string }) => {
        posted.push({ task, priority: options.priority });
        return Promise.resolve();
      },
    });
    vi.stubGlobal('requestIdleCallback', () => {
      throw new Error('idle callbacks are not used when tasks can be posted');
    });
    const events = Array.from({ length: 1_000 }, () => makeEvent({ raw: { note: 'before' } }));
    buildSearchTextsInBackground(events.length, (at) => events[at] as AuditEvent);
    let slices = 0;
    for (let task = posted.shift(); task; task = posted.shift()) {
      expect(task.priority).toBe('background');
      task.task();
      slices++;
    }
    await Promise.resolve();
    expect(slices).toBeGreaterThan(0);
    expect(events.every(built)).toBe(true);
  });

  it('does nothing where there is no idle callback', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const event = makeEvent({ raw: { note: 'before' } });
    buildSearchTextsInBackground(1, () => event)();
    expect(built(event)).toBe(false);
  });
});

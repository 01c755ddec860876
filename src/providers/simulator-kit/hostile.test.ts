import { describe, expect, it } from 'vitest';
import { TEST_NOW_MS, setupProxyInProcess } from '../../testing/proxy-in-process.ts';
import type { ProviderFeed, TimelineQuery } from '../../timeline/feed.ts';
import { DEMO_IMAGE_IDS } from '../parallelcluster/simulator/data.ts';
import { PROVIDERS } from '../registry.ts';
import {
  HOSTILE_NESTING_DEPTH,
  HOSTILE_PAYLOADS,
  HOSTILE_PROTECTED_KEYS,
  hostileBody,
  hostileRecord,
  hugeString,
  nestedValue,
  stringLeaves,
} from './hostile.ts';

setupProxyInProcess();
const QUERY: TimelineQuery = { range: { from: TEST_NOW_MS - 6 * 3_600_000, to: TEST_NOW_MS } };

function depth(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depth));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depth));
  return 0;
}

const startsWithPayload = (text: string) =>
  HOSTILE_PAYLOADS.some((payload) => text.startsWith(payload.value));

describe('hostile records', () => {
  it('puts a payload first in every string field except identity, time and paging keys', () => {
    const record = {
      id: 7,
      timestamp: '2026-11-20T11:00:00Z',
      action: 'CREATED',
      actor: { name: 'ann', tags: ['x'] },
    };
    const out = hostileRecord(record);
    expect(out.id).toBe(7);
    expect(out.timestamp).toBe(record.timestamp);
    for (const leaf of stringLeaves({ action: out.action, actor: out.actor })) {
      expect(startsWithPayload(leaf.value), leaf.path).toBe(true);
    }
    expect(String(out.action).endsWith('CREATED')).toBe(true);
  });

  it('is deterministic, so a repeated page still de-duplicates', () => {
    const record = { guid: 'g-1', type: 'audit.app.update', data: { request: { name: 'web' } } };
    expect(JSON.stringify(hostileRecord(record))).toBe(JSON.stringify(hostileRecord(record)));
  });

  it('writes limit numbers raw and nests JSON 200 levels deep', () => {
    const text = hostileBody({ data: [{ id: 1, action: 'x' }], has_more: false });
    expect(text).toContain('9007199254740993');
    expect(text).toContain('-0,');
    expect(text).toContain('1e308');
    const parsed = JSON.parse(text) as { data: { hostile: { nested: unknown } }[]; has_more: boolean };
    expect(parsed.has_more).toBe(false);
    expect(depth(parsed.data[0]?.hostile.nested)).toBe(HOSTILE_NESTING_DEPTH);
    expect(depth(nestedValue(3))).toBe(3);
  });

  it('builds a 1 MB string out of every payload', () => {
    const huge = hugeString();
    expect(huge.length).toBe(1024 * 1024);
    for (const payload of HOSTILE_PAYLOADS.slice(0, 10)) expect(huge).toContain(payload.value);
  });

  it('leaves cursors and totals outside the records alone', () => {
    const body = { _pagination: { totalElements: 3, page: 1 }, nextToken: 'abc', data: [] };
    expect(JSON.parse(hostileBody(body))).toEqual(body);
  });
});

describe('hostile mode through the proxy, every provider', () => {
  const feeds: ProviderFeed[] = PROVIDERS.flatMap((provider) =>
    provider.feeds({ id: provider.id, mode: 'demo', reason: '', images: [...DEMO_IMAGE_IDS] }),
  );

  for (const feed of feeds) {
    it(`${feed.id}: the adapter still pages, and every event carries payloads`, async () => {
      const enabled = await fetch('http://127.0.0.1/api/_test/hostile', {
        method: 'POST',
        body: JSON.stringify({ enabled: true }),
      });
      expect(enabled.ok).toBe(true);
      let cursor: unknown = null;
      let events = 0;
      let hostileLeaves = 0;
      for (let page = 0; page < 200; page++) {
        const result = await feed.fetchPage(QUERY, cursor, { demo: true });
        for (const event of result.events) {
          events++;
          const raw = event.raw as Record<string, unknown>;
          expect(raw.hostile, event.key).toBeDefined();
          for (const [key, value] of Object.entries(raw)) {
            if (HOSTILE_PROTECTED_KEYS.has(key) || key === 'hostile') continue;
            for (const leaf of stringLeaves(value, key)) {
              if (leaf.path.endsWith('logStreamName')) continue;
              expect(startsWithPayload(leaf.value), `${event.key} ${leaf.path}`).toBe(true);
              hostileLeaves++;
            }
          }
        }
        if (result.nextCursor === null) break;
        cursor = result.nextCursor;
      }
      if (feed.provider !== 'parallelcluster') {
        expect(events).toBeGreaterThan(0);
        expect(hostileLeaves).toBeGreaterThan(events);
      }
    });
  }
});

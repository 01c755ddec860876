// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompletenessLedger } from './completeness-ledger.tsx';
import type { FeedView } from './timeline-controller.ts';

afterEach(cleanup);

const feedView = (over: Partial<FeedView> & Pick<FeedView, 'feedId' | 'source' | 'provider'>): FeedView => ({
  state: 'partial',
  fetching: false,
  loaded: 0,
  waiting: 0,
  hasMore: true,
  warnings: [],
  notes: [],
  ...over,
});

const entry = (provider: string) => {
  const found = screen
    .getByRole('region', { name: 'Completeness by provider' })
    .querySelector(`[data-provider="${provider}"]`);
  if (!found) throw new Error(`no ledger entry for ${provider}`);
  return found;
};

describe('CompletenessLedger', () => {
  it('says how many loaded events are not on the table yet, and which feed they wait for', () => {
    const feeds = [
      feedView({
        feedId: 'openai.audit_logs',
        source: 'openai.audit_logs',
        provider: 'openai',
        loaded: 1200,
        waiting: 700,
        waitingFor: 'contabo.images',
      }),
      feedView({ feedId: 'contabo.images', source: 'contabo.images', provider: 'contabo', loaded: 100 }),
    ];
    render(<CompletenessLedger feeds={feeds} statuses={[]} onRetry={vi.fn()} />);
    expect(entry('openai')).toHaveTextContent(
      /1,200 loaded\(700 not shown yet\), Waiting for Contabo to load further back/,
    );
    expect(entry('contabo')).toHaveTextContent('100 loaded');
    expect(entry('contabo')).not.toHaveTextContent('not shown');
  });

  it('names the feed within a provider of several feeds', () => {
    const feeds = [
      feedView({
        feedId: 'agilicus.audits',
        source: 'agilicus.audits',
        provider: 'agilicus',
        loaded: 50,
        waiting: 20,
        waitingFor: 'agilicus.auth',
      }),
      feedView({
        feedId: 'agilicus.auth',
        source: 'agilicus.auth',
        provider: 'agilicus',
        loaded: 10,
        waiting: 0,
      }),
    ];
    render(<CompletenessLedger feeds={feeds} statuses={[]} onRetry={vi.fn()} />);
    expect(entry('agilicus')).toHaveTextContent(
      /60 loaded\(20 not shown yet\), Waiting for Agilicus auth to load further back/,
    );
  });
});

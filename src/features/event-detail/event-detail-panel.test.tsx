// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventFilter } from '../../timeline/filter.ts';
import { packedPage } from '../../timeline/packed-events.ts';
import { testEvent } from '../../timeline/test-event.ts';
import { EventDetailPanel } from './event-detail-panel.tsx';

const BIDI_AND_INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/;

afterEach(cleanup);

describe('event detail panel', () => {
  it('shows every hostile string visibly, the before/after rows of a change included', () => {
    const hostile = '\u202Egnp.exe\u200Bjumphost';
    const event = testEvent({
      key: 'contabo.images:1',
      time: Date.UTC(2026, 10, 20),
      provider: 'contabo',
      source: 'contabo.images',
      action: `UPDATED${hostile}`,
      raw: { changes: { prev: { name: hostile }, new: { [`name${hostile}`]: { nested: hostile } } } },
    });
    render(
      <EventDetailPanel
        event={event}
        timeZone="UTC"
        permalink="/?ev=contabo.images:1"
        onPivot={() => undefined}
        onClose={() => undefined}
      />,
    );
    const changes = screen.getByRole('region', { name: 'Changes' });
    expect(changes.textContent).toContain('jumphost');
    expect(document.body.textContent).not.toMatch(BIDI_AND_INVISIBLE);
  });

  it('pivots on exactly the value shown, but on an actor id among ids, names and emails', () => {
    const pivots: EventFilter[] = [];
    render(
      <EventDetailPanel
        event={testEvent({
          key: 'openai.audit_logs:2',
          time: Date.UTC(2026, 10, 20),
          actor: { email: '', name: 'Admin', id: 'u-1' },
          target: { name: 'logs-*', type: 'bucket' },
        })}
        timeZone="UTC"
        permalink="/"
        onPivot={(filter) => pivots.push(filter)}
        onClose={() => undefined}
      />,
    );
    for (const name of ['same actor', 'same actor id', 'same target'])
      fireEvent.click(screen.getByRole('button', { name }));
    expect(pivots).toEqual([
      { field: 'actor', value: 'Admin', exclude: false, disabled: false, exact: true },
      { field: 'actor', value: 'u-1', exclude: false, disabled: false, exact: false },
      { field: 'target', value: 'logs-*', exclude: false, disabled: false, exact: true },
    ]);
  });

  it('shows a named target\'s id, and "same target" is the one with that id, not every one so named', () => {
    const pivots: EventFilter[] = [];
    render(
      <EventDetailPanel
        event={testEvent({
          key: 'cloudfoundry.audit_events:1',
          time: Date.UTC(2026, 10, 20),
          target: { name: 'web', id: 'app-guid-1111', type: 'app' },
        })}
        timeZone="UTC"
        permalink="/"
        onPivot={(filter) => pivots.push(filter)}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByText('Target id').nextElementSibling?.textContent).toContain('app-guid-1111');
    fireEvent.click(screen.getByRole('button', { name: 'same target' }));
    expect(pivots).toEqual([
      { field: 'target', value: 'app-guid-1111', exclude: false, disabled: false, exact: true },
    ]);
  });

  it('says a raw record nested too deeply to write out cannot be shown, and shows the rest', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const plain = testEvent({
      key: 'openai.audit_logs:3',
      time: Date.UTC(2026, 10, 20),
      action: 'deep',
      raw: JSON.parse(deep) as unknown,
    });
    const [event] = packedPage([plain]);
    render(
      <EventDetailPanel
        event={event ?? plain}
        timeZone="UTC"
        permalink="/"
        onPivot={() => undefined}
        onClose={() => undefined}
      />,
    );
    expect(screen.getByText(/the raw record could not be shown/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'deep' })).toBeTruthy();
  });
});

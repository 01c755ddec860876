// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
});

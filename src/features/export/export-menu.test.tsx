// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEvent } from '../../timeline/audit-event.ts';
import type { RowList } from '../../timeline/event-index.ts';
import type { ExportCoverage } from './export-coverage.ts';
import { ExportMenu } from './export-menu.tsx';
import { realEvent, sampleEvent } from './sample-events.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const COMPLETE: ExportCoverage = {
  range: { from: 0, to: 1 },
  complete: true,
  possibleGaps: false,
  failed: [],
};

function rowsOf(events: AuditEvent[], toArray = () => events): RowList {
  return {
    length: events.length,
    at: (position) => events[position],
    indexOf: (key) => events.findIndex((event) => event.key === key),
    toArray,
  };
}

function menu(rows: RowList) {
  return (
    <ExportMenu
      rows={rows}
      columns={['time', 'action']}
      timeZone="UTC"
      coverage={COMPLETE}
      loadingAll={false}
      onLoadAll={() => false}
    />
  );
}

function renderMenu(rows: RowList) {
  return render(menu(rows));
}

/** Blobs handed to object URLs: what a download would have saved. */
function captureDownloads() {
  const blobs: Blob[] = [];
  URL.createObjectURL = vi.fn((blob: Blob) => {
    blobs.push(blob);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  return blobs;
}

describe('ExportMenu', () => {
  it('saves the rows as a file built from parts, and closes', async () => {
    const blobs = captureDownloads();
    renderMenu(rowsOf([sampleEvent(), realEvent]));
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(screen.getByRole('button', { name: 'CSV' }));
    expect(blobs).toHaveLength(1);
    expect((await blobs[0]!.text()).split('\r\n')).toHaveLength(4);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so, and stays open, when the file is more than the browser can hold', async () => {
    const blobs = captureDownloads();
    renderMenu(
      rowsOf([sampleEvent()], () => {
        throw new RangeError('Invalid string length');
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(screen.getByRole('button', { name: 'NDJSON (events with raw)' }));
    expect(blobs).toHaveLength(0);
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The NDJSON (events with raw) export of 1 row failed: it is more than this browser can hold at once.',
    );
    expect(screen.getByRole('dialog')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Export: failed' })).toBeVisible();
  });

  it('forgets a failure once the rows are others (a new range or filter)', async () => {
    captureDownloads();
    const { rerender } = renderMenu(
      rowsOf([sampleEvent()], () => {
        throw new RangeError('Invalid string length');
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export' }));
    await userEvent.click(screen.getByRole('button', { name: 'CSV' }));
    expect(screen.getByRole('button', { name: 'Export: failed' })).toBeVisible();
    rerender(menu(rowsOf([realEvent])));
    expect(screen.getByRole('button', { name: 'Export' })).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

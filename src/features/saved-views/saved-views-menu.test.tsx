// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportSavedViews, loadSavedViews } from './saved-views.ts';
import { SavedViewsMenu } from './saved-views-menu.tsx';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function openMenu(search = '?f=outcome:failure') {
  render(
    <MemoryRouter>
      <SavedViewsMenu search={search} />
    </MemoryRouter>,
  );
  await userEvent.click(screen.getByRole('button', { name: 'Saved views' }));
}

describe('SavedViewsMenu', () => {
  it('says, before saving, that a name already saved is replaced', async () => {
    await openMenu();
    await userEvent.type(screen.getByRole('textbox', { name: 'Name of this view' }), 'Failures');
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Name of this view' }), 'Failures');
    expect(screen.getByRole('button', { name: 'Replace' })).toBeEnabled();
    expect(screen.getByText('A view of this name is saved: saving replaces it.')).toBeVisible();
  });

  it('does not list imported views this browser refused to store', async () => {
    await openMenu();
    const file = new File(
      [exportSavedViews([{ name: 'Imported', search: '?q=x', savedAt: '2026-12-01T00:00:00.000Z' }])],
      'views.json',
      { type: 'application/json' },
    );
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await userEvent.upload(screen.getByLabelText('Import JSON'), file);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/did not let Audit Lens store/));
    expect(screen.queryByRole('button', { name: 'Imported' })).toBeNull();
    expect(loadSavedViews(localStorage)).toEqual([]);
  });
});

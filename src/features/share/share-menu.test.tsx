// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, type ViewState } from '../../url-state/view-state.ts';
import { ShareMenu } from './share-menu.tsx';

afterEach(cleanup);

const alice = { field: 'actor' as const, value: 'alice', exclude: false, disabled: false };

describe('ShareMenu', () => {
  it('gives a link that opens this view, and says nothing more when it carries all of it', async () => {
    render(<ShareMenu view={{ ...DEFAULT_VIEW, filters: [alice] }} range={null} />);
    await userEvent.click(screen.getByRole('button', { name: 'Share' }));
    await userEvent.click(screen.getByRole('checkbox'));
    expect(screen.getByRole('textbox', { name: 'Link to this view' })).toHaveValue(
      `${location.origin}/?f=actor%3Aalice`,
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('warns when the link would lose part of the view', async () => {
    const view: ViewState = {
      ...DEFAULT_VIEW,
      filters: [alice, { field: 'target', value: 'y'.repeat(2_500), exclude: false, disabled: false }],
    };
    render(<ShareMenu view={view} range={{ from: 0, to: 1 }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      /will not see:.*f=target:y+…: a filter value over 2,000 characters is not read/,
    );
  });
});

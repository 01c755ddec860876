// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryBox } from './query-box.tsx';
import { QueryDraftScope } from './query-draft.tsx';

afterEach(cleanup);

describe('QueryBox', () => {
  it('applies a valid query on Enter, and says when an applied one searches "or" as a word', async () => {
    const onApply = vi.fn();
    const { rerender } = render(<QueryBox value="" onApply={onApply} />);
    const box = screen.getByRole('searchbox', { name: 'Search events' });
    await userEvent.type(box, 'outcome:failure or outcome:error{Enter}');
    expect(onApply).toHaveBeenCalledWith('outcome:failure or outcome:error');
    rerender(<QueryBox value="outcome:failure or outcome:error" onApply={onApply} />);
    expect(box).toHaveAccessibleDescription(/"or" is searched as a word: write OR/);
    await userEvent.clear(box);
    await userEvent.type(box, 'outcome:failure OR outcome:error');
    expect(box).toHaveAccessibleDescription('Press Enter to apply');
  });

  it('keeps unapplied text when the box is rebuilt (another range), not once another query is applied', async () => {
    const box = (value: string, mounted = true) => (
      <QueryDraftScope>
        {mounted ? <QueryBox key={value} value={value} onApply={vi.fn()} /> : null}
      </QueryDraftScope>
    );
    const { rerender } = render(box('actor:alice'));
    await userEvent.type(screen.getByRole('searchbox'), ' -outcome:success');
    rerender(box('actor:alice', false));
    rerender(box('actor:alice'));
    expect(screen.getByRole('searchbox')).toHaveValue('actor:alice -outcome:success');
    rerender(box('actor:bob', false));
    rerender(box('actor:bob'));
    expect(screen.getByRole('searchbox')).toHaveValue('actor:bob');
  });
});

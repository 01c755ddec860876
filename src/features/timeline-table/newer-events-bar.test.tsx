// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NewerEventsBar } from './newer-events-bar.tsx';

afterEach(cleanup);

describe('NewerEventsBar', () => {
  it('renders nothing without newer events', () => {
    const { container } = render(<NewerEventsBar count={0} capped={false} onApply={vi.fn()} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('announces the count, marks a lower bound, and applies on click', async () => {
    const onApply = vi.fn();
    const { rerender } = render(<NewerEventsBar count={12} capped={false} onApply={onApply} />);
    expect(screen.getByRole('status')).toHaveTextContent('12 newer events');

    rerender(<NewerEventsBar count={1250} capped onApply={onApply} />);
    expect(screen.getByRole('status')).toHaveTextContent('1,250+ newer events');

    rerender(<NewerEventsBar count={1} capped={false} onApply={onApply} />);
    expect(screen.getByRole('status')).toHaveTextContent('1 newer event');

    await userEvent.click(screen.getByRole('button', { name: 'Show newer events' }));
    expect(onApply).toHaveBeenCalledOnce();
  });

  it('names the providers whose check failed, which hold newer events back, with or without a count', () => {
    const failures = [{ feedId: 'contabo.images', message: 'Contabo: slow down (HTTP 429)' }];
    const { rerender } = render(
      <NewerEventsBar count={0} capped={false} failures={failures} onApply={vi.fn()} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Newer events wait until every provider is checked; not checked: Contabo: slow down (HTTP 429)',
    );
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<NewerEventsBar count={3} capped={false} failures={failures} onApply={vi.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent('3 newer events');
    expect(screen.getByRole('status')).toHaveTextContent('not checked: Contabo');
  });
});

// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeRangePicker } from './time-range-picker.tsx';

afterEach(cleanup);

describe('TimeRangePicker', () => {
  it('refuses a range that starts after now, which the timeline could only replace with the default', async () => {
    const onChange = vi.fn();
    render(<TimeRangePicker from="now-24h" to="now" timeZone="UTC" onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: /Last 24 hours/ }));
    const from = screen.getByRole('textbox', { name: /^From/ });
    const to = screen.getByRole('textbox', { name: /^To/ });
    await userEvent.clear(from);
    await userEvent.type(from, 'now+1h');
    await userEvent.clear(to);
    await userEvent.type(to, 'now+2h');
    expect(screen.getByRole('alert')).toHaveTextContent('"From" must be before now');
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
    // A range reaching past now is fine: its end is clamped to now.
    await userEvent.clear(from);
    await userEvent.type(from, 'now-1h');
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onChange).toHaveBeenCalledWith({ from: 'now-1h', to: 'now+2h' });
  });
});

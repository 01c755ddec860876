// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyButton } from './copy-button.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function stubClipboard(writeText: ((text: string) => Promise<void>) | undefined) {
  Object.defineProperty(navigator, 'clipboard', {
    value: writeText ? { writeText } : undefined,
    configurable: true,
  });
}

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
    await Promise.resolve();
  });
}

describe('CopyButton', () => {
  it('copies with the Clipboard API and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    stubClipboard(writeText);
    render(<CopyButton text="https://audit.example/?ev=x" label="Copy permalink" />);
    await click('Copy permalink');
    expect(writeText).toHaveBeenCalledWith('https://audit.example/?ev=x');
    expect(screen.getByRole('button').textContent).toBe('Copied');
  });

  it('copies a selected field where the Clipboard API is missing (plain http), and gives focus back', async () => {
    stubClipboard(undefined);
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { value: execCommand, configurable: true });
    render(<CopyButton text="the link" label="Copy link" />);
    screen.getByRole('button').focus();
    await click('Copy link');
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(screen.getByRole('button').textContent).toBe('Copied');
    expect(document.activeElement).toBe(screen.getByRole('button'));
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('says the copy failed when the browser refuses both ways, instead of nothing', async () => {
    stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    render(<CopyButton text="x" label="Copy JSON" />);
    await click('Copy JSON');
    expect(screen.getByRole('button').textContent).toBe('Copy failed');
    expect(screen.getByRole('button').title).toMatch(/copy it by hand/);
  });
});

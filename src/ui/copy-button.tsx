import { useEffect, useState } from 'react';
import { Button } from './button.tsx';

/**
 * The text on the clipboard: the Clipboard API, or where it is missing (a page served over plain http
 * from another host than localhost) or refused, the older copy of a selected text field.
 */
async function copyText(text: string): Promise<void> {
  // Absent outside secure contexts, whatever the types say.
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (clipboard) {
    try {
      await clipboard.writeText(text);
      return;
    } catch {
      // Refused (no permission, no focus): the other way may still work.
    }
  }
  const focused = document.activeElement;
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  field.select();
  try {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the only copy outside secure contexts
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    field.remove();
    if (focused instanceof HTMLElement) focused.focus();
  }
}

/** Copies text to the clipboard and says whether it did: "Copied", or "Copy failed" with why. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), state === 'copied' ? 1500 : 4000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <Button
      onClick={() => {
        copyText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
      title={
        state === 'failed' ? 'This browser refused to copy: select the text and copy it by hand' : undefined
      }
      className="py-0.5 text-xs"
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
      </span>
    </Button>
  );
}

import { useState } from 'react';
import { Button } from './button.tsx';

/** Copies text to the clipboard and says so; falls back to selecting nothing silently if the API is missing. */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      onClick={() => {
        void navigator.clipboard
          .writeText(text)
          .then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          })
          .catch(() => setCopied(false));
      }}
      className="py-0.5 text-xs"
    >
      {copied ? 'Copied' : label}
    </Button>
  );
}

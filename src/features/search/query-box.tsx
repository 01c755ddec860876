import { useEffect, useState } from 'react';
import { usesFreeText } from '../../timeline/query/evaluate-query.ts';
import { GRAMMAR } from '../../timeline/query/grammar.ts';
import { parseQuery } from '../../timeline/query/parse-query.ts';
import { queryHint } from '../../timeline/query/query-hints.ts';
import { useKeptQueryDraft } from './query-draft.tsx';

interface QueryBoxProps {
  /** The applied query (the URL's `q`). */
  value: string;
  onApply: (query: string) => void;
  /** Called with whether the text being typed (not yet applied) has, or may be becoming, a free-text term. */
  onTypingFreeText?: (typing: boolean) => void;
}

/**
 * The search box. Text is parsed as it is typed; a valid query is applied on Enter, an invalid one is
 * explained under the box (position and what was expected) while the last valid query stays applied.
 */
export function QueryBox({ value, onApply, onTypingFreeText }: QueryBoxProps) {
  const kept = useKeptQueryDraft();
  // Typed before the box was rebuilt (another range), over the query still applied: it stays.
  const [draft, setDraftText] = useState(() => {
    const typed = kept?.read();
    return typed && typed.applied === value ? typed.draft : value;
  });
  const setDraft = (text: string) => {
    setDraftText(text);
    kept?.keep({ applied: value, draft: text });
  };
  const [applied, setApplied] = useState(value);
  if (applied !== value) {
    // The URL changed underneath (Back, a pivot, a saved view): show what is applied now.
    setApplied(value);
    setDraftText(value);
    kept?.keep(null);
  }
  const parsed = parseQuery(draft);
  const error = parsed.ok ? undefined : parsed.error;
  const hint = parsed.ok ? queryHint(draft) : null;
  const pending = draft.trim() !== value;
  // Half-typed (`"fire`, an open quote) counts too: the texts take a second or so of idle time to build.
  const typingFreeText = pending && (!parsed.ok || usesFreeText(parsed.ast));
  useEffect(() => onTypingFreeText?.(typingFreeText), [typingFreeText, onTypingFreeText]);
  return (
    <form
      role="search"
      className="relative min-w-[16rem] flex-1"
      onSubmit={(event) => {
        event.preventDefault();
        if (parsed.ok) onApply(draft.trim());
      }}
    >
      <input
        type="search"
        aria-label="Search events"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'query-error' : pending || hint ? 'query-hint' : undefined}
        title={GRAMMAR}
        placeholder='Search: actor:alice@example.com -outcome:success "api key" (Enter to apply)'
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        className={`w-full rounded-md border px-2.5 py-1 font-mono text-sm dark:bg-slate-950 ${error ? 'border-red-400' : 'border-slate-300 dark:border-slate-600'}`}
      />
      {error ? (
        <p
          id="query-error"
          role="alert"
          className="absolute left-0 top-full z-20 mt-0.5 rounded bg-red-50 px-2 py-0.5 text-xs text-red-800 shadow dark:bg-red-950 dark:text-red-200"
        >
          At {error.position + 1}: {error.message}
          {value ? ' · the previous query stays applied' : ''}
        </p>
      ) : pending || hint ? (
        <p
          id="query-hint"
          className="absolute left-0 top-full z-20 mt-0.5 rounded bg-white/90 px-1 text-xs text-slate-500 dark:bg-slate-900/90"
        >
          {pending ? 'Press Enter to apply' : ''}
          {pending && hint ? ' · ' : ''}
          {hint ? <span className="text-amber-700 dark:text-amber-300">{hint}</span> : null}
        </p>
      ) : null}
    </form>
  );
}

/**
 * Characters that change how text reads without showing themselves: C0/C1 controls (ANSI and OSC escapes
 * start with ESC), zero-width characters, bidi marks, embeddings, overrides and isolates, the BOM.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Longest text shown in one place; the rest is counted, never silently dropped. */
export const MAX_SHOWN_CHARACTERS = 4000;

/**
 * Text as a person should see it, the way code editors show it: every invisible or direction-changing
 * character becomes a visible `⟨U+202E⟩` marker, and very long text is cut with a count of what follows.
 *
 * @example visibleText('gnp\u202Eexe') // 'gnp⟨U+202E⟩exe'
 */
export function visibleText(text: string, max = MAX_SHOWN_CHARACTERS): string {
  const clipped =
    text.length > max
      ? `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)`
      : text;
  return clipped.replace(
    INVISIBLE,
    (char) => `⟨U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

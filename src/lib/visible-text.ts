/**
 * Characters that change how text reads without showing themselves: C0/C1 controls (ANSI and OSC escapes
 * start with ESC), the soft hyphen, zero-width characters and fillers (the Hangul ones look like blanks),
 * bidi marks, embeddings, overrides and isolates, invisible operators, annotation marks, the BOM, tag
 * characters (U+E0000–E007F, which spell hidden ASCII), variation selectors and lone surrogates; and
 * whatever else Unicode says a font may draw as nothing (Default_Ignorable_Code_Point: musical formatting
 * marks, reserved ranges), and the line and paragraph separators, which break a one-line cell in two.
 */
const INVISIBLE =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5' +
  '\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164' +
  '\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB\\u{1BCA0}-\\u{1BCA3}\\u{E0000}-\\u{E007F}\\u{E0100}-\\u{E01EF}]|\\p{Cs}|\\p{Default_Ignorable_Code_Point}|\\p{Zl}|\\p{Zp}';

/** One emoji element: a pictograph, its presentation selector, its skin tone. */
const PICTOGRAPH = '\\p{Extended_Pictographic}[\\uFE0E\\uFE0F]?\\p{Emoji_Modifier}?';

/**
 * Emoji whose parts are invisible on their own, kept whole: keycaps (1️⃣ is 1 + FE0F + 20E3), pictographs
 * joined by zero-width joiners (👩🏽‍💻) and the three subdivision flags (🏴 + tag letters + cancel tag).
 * Tag letters after any other flag, a selector anywhere else, or a second one, are shown.
 */
const EMOJI = [
  '[0-9#*]\\uFE0F?\\u20E3',
  '\\u{1F3F4}\\u{E0067}\\u{E0062}(?:\\u{E0065}\\u{E006E}\\u{E0067}|\\u{E0073}\\u{E0063}\\u{E0074}|\\u{E0077}\\u{E006C}\\u{E0073})\\u{E007F}',
  `${PICTOGRAPH}(?:\\u200D${PICTOGRAPH})*`,
].join('|');

// eslint-disable-next-line no-misleading-character-class -- the list names combining marks on purpose
const EMOJI_OR_INVISIBLE = new RegExp(`(${EMOJI})|${INVISIBLE}`, 'gu');

/** Whether `text` holds a character `visibleText` would show as a marker (an emoji's parts excepted). */
export function hasInvisible(text: string): boolean {
  for (const match of text.matchAll(EMOJI_OR_INVISIBLE)) if (match[1] === undefined) return true;
  return false;
}

/** Longest text shown in one place; the rest is counted, never silently dropped. */
export const MAX_SHOWN_CHARACTERS = 4000;

/** `text` cut to at most `max` UTF-16 units, never between the two halves of a surrogate pair. */
function clip(text: string, max: number): string {
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${(text.length - end).toLocaleString('en-US')} more characters)`;
}

/**
 * Text as a person should see it, the way code editors show it: every invisible or direction-changing
 * character becomes a visible `⟨U+202E⟩` marker, and very long text is cut with a count of what follows.
 *
 * @example visibleText('gnp\u202Eexe') // 'gnp⟨U+202E⟩exe'
 */
export function visibleText(text: string, max = MAX_SHOWN_CHARACTERS): string {
  const clipped = text.length > max ? clip(text, max) : text;
  return clipped.replace(
    EMOJI_OR_INVISIBLE,
    (char, emoji: string | undefined) =>
      emoji ?? `⟨U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

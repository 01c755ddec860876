import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasInvisible, visibleText } from './visible-text.ts';

/** The one sequence of tag characters that is kept: it draws as a flag. */
const SUBDIVISION_FLAG = /\u{1F3F4}[\u{E0061}-\u{E007A}]{5}\u{E007F}/gu;

describe('visibleText', () => {
  it('shows bidi overrides, zero-width characters and escapes as markers', () => {
    expect(visibleText('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
    expect(visibleText('a\u200Bb\uFEFF')).toBe('a⟨U+200B⟩b⟨U+FEFF⟩');
    expect(visibleText('\u001b[31mred\u001b[0m')).toBe('⟨U+001B⟩[31mred⟨U+001B⟩[0m');
    // The Arabic letter mark reorders neighbouring text like the other bidi marks.
    expect(visibleText('Failures\u061C')).toBe('Failures⟨U+061C⟩');
  });

  it('shows the soft hyphen, Hangul fillers, tag characters and stray variation selectors', () => {
    expect(visibleText('ad\u00ADmin')).toBe('ad⟨U+00AD⟩min');
    expect(visibleText('\u3164\uFFA0\u115F')).toBe('⟨U+3164⟩⟨U+FFA0⟩⟨U+115F⟩');
    // Tag characters spell ASCII nobody sees ("hi" here): the smuggling trick of prompt injection.
    expect(visibleText('ok\u{E0068}\u{E0069}')).toBe('ok⟨U+E0068⟩⟨U+E0069⟩');
    expect(visibleText('a\uFE0Fb\u{E0100}')).toBe('a⟨U+FE0F⟩b⟨U+E0100⟩');
    expect(visibleText('x\uD800y')).toBe('x⟨U+D800⟩y');
  });

  it('shows what fonts draw as nothing and the line separators that split a one-line cell', () => {
    // U+1D173 is a musical formatting mark: "admin\u{1D173}" reads as "admin" and is another actor.
    expect(visibleText('admin\u{1D173}')).toBe('admin⟨U+1D173⟩');
    expect(visibleText('a\u2065b\uFFF0c\u{E0080}d\u{E0FFF}')).toBe('a⟨U+2065⟩b⟨U+FFF0⟩c⟨U+E0080⟩d⟨U+E0FFF⟩');
    expect(visibleText('ok\u2028"actor": "root"\u2029')).toBe('ok⟨U+2028⟩"actor": "root"⟨U+2029⟩');
    expect(hasInvisible('admin\u{1D173}')).toBe(true);
    // Tabs and line feeds are text.
    expect(visibleText('a\tb\nc\r\n')).toBe('a\tb\nc\r\n');
  });

  it('keeps emoji whole: a selector after a pictograph, a joiner between two', () => {
    expect(visibleText('\u2764\uFE0F')).toBe('\u2764\uFE0F');
    expect(visibleText('\u{1F469}\u200D\u{1F4BB}')).toBe('\u{1F469}\u200D\u{1F4BB}');
    expect(visibleText('\u2764\uFE0F\u200D\u{1F525}')).toBe('\u2764\uFE0F\u200D\u{1F525}');
    // A second selector, or a joiner leading nowhere, is not part of the emoji.
    expect(visibleText('\u2764\uFE0F\uFE0F')).toBe('\u2764\uFE0F⟨U+FE0F⟩');
    expect(visibleText('\u{1F469}\u200Dx')).toBe('\u{1F469}⟨U+200D⟩x');
  });

  it('keeps keycaps, skin-toned joined emoji and the subdivision flags whole', () => {
    const kept = [
      '1\uFE0F\u20E3', // 1️⃣
      '#\u20E3',
      '\u{1F469}\u{1F3FD}\u200D\u{1F4BB}', // 👩🏽‍💻
      '\u{1F9D1}\u{1F3FB}\u200D\u{1F91D}\u200D\u{1F9D1}\u{1F3FF}', // 🧑🏻‍🤝‍🧑🏿
      '\u{1F3F3}\uFE0F\u200D\u{1F308}', // 🏳️‍🌈
      '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', // Scotland
      '\u00A9\uFE0F',
    ];
    for (const emoji of kept) expect(visibleText(`a${emoji}b`)).toBe(`a${emoji}b`);
  });

  it('still shows tag letters that are not a subdivision flag, and a selector on a digit alone', () => {
    // "hi" hidden after a black flag, and a flag for a subdivision no emoji set draws.
    expect(visibleText('\u{1F3F4}\u{E0068}\u{E0069}\u{E007F}')).toBe('\u{1F3F4}⟨U+E0068⟩⟨U+E0069⟩⟨U+E007F⟩');
    expect(visibleText('\u{1F3F4}\u{E0075}\u{E0073}\u{E0063}\u{E0061}\u{E007F}')).toContain('⟨U+E0075⟩');
    expect(visibleText('1\uFE0F')).toBe('1⟨U+FE0F⟩');
    expect(visibleText('\u{1F3FD}\u200D\u{1F4BB}')).toBe('\u{1F3FD}⟨U+200D⟩\u{1F4BB}');
  });

  it('cuts very long text and says how much was cut', () => {
    expect(visibleText('x'.repeat(10), 4)).toBe('xxxx… (6 more characters)');
  });

  it('never cuts between the halves of a surrogate pair', () => {
    expect(visibleText('abc\u{1F600}', 4)).toBe('abc… (2 more characters)');
  });

  it('never leaves an invisible or direction-changing character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.string({ unit: 'binary' }), (a, b) => {
        const shown = visibleText(a + b).replace(SUBDIVISION_FLAG, '');
        expect(shown).not.toMatch(
          // eslint-disable-next-line no-control-regex -- matching control characters is the point
          /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u2060\uFEFF\u001b\u00AD\u3164]|[\u{E0000}-\u{E007F}]|\p{Cs}/u,
        );
      }),
    );
  });
});

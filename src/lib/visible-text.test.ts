import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text.ts';

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

  it('keeps emoji whole: a selector after a pictograph, a joiner between two', () => {
    expect(visibleText('\u2764\uFE0F')).toBe('\u2764\uFE0F');
    expect(visibleText('\u{1F469}\u200D\u{1F4BB}')).toBe('\u{1F469}\u200D\u{1F4BB}');
    expect(visibleText('\u2764\uFE0F\u200D\u{1F525}')).toBe('\u2764\uFE0F\u200D\u{1F525}');
    // A second selector, or a joiner leading nowhere, is not part of the emoji.
    expect(visibleText('\u2764\uFE0F\uFE0F')).toBe('\u2764\uFE0F⟨U+FE0F⟩');
    expect(visibleText('\u{1F469}\u200Dx')).toBe('\u{1F469}⟨U+200D⟩x');
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
        expect(visibleText(a + b)).not.toMatch(
          // eslint-disable-next-line no-control-regex -- matching control characters is the point
          /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u2060\uFEFF\u001b\u00AD\u3164]|[\u{E0000}-\u{E007F}]|\p{Cs}/u,
        );
      }),
    );
  });
});

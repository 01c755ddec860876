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

  it('cuts very long text and says how much was cut', () => {
    expect(visibleText('x'.repeat(10), 4)).toBe('xxxx… (6 more characters)');
  });

  it('never leaves an invisible or direction-changing character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), fc.string(), (a, b) => {
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        expect(visibleText(a + b)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF\u001b]/);
      }),
    );
  });
});

/**
 * Where each element of one array sits in a JSON text, found without parsing it: the array is the text's
 * root, or the value of one key of its root object (the last one, as JSON.parse keeps the last of a
 * duplicated key). `plain[i]` is 1 when element i's text is exactly what `JSON.stringify(JSON.parse(…))`
 * writes for it: no whitespace, no `\/` escape nor a `\u` one but for a control character, and only
 * integers of at most 15 digits, no key that is a number or repeats within its object, and no nesting
 * deeper than 512 (the rest is written differently, or not at all, once parsed).
 *
 * The text must be one JSON.parse accepted; on any other text the spans mean nothing, and the caller checks
 * their count against the parsed array's length.
 *
 * @example
 * const text = '{"data":[{"a":1}, {"b":2}]}';
 * const spans = jsonArraySpans(text, 'data');
 * text.slice(spans.starts[1], spans.ends[1]); // '{"b":2}'
 */
export interface JsonArraySpans {
  starts: Uint32Array;
  ends: Uint32Array;
  plain: Uint8Array;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const MAX_PLAIN_DIGITS = 15;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** `\\u00XX` as JSON.stringify writes a control character that has no short escape (`\\n`…). */
function isStringifiedControl(text: string, backslash: number): boolean {
  const hex = text.slice(backslash + 2, backslash + 6);
  if (!/^00[01][0-9a-f]$/.test(hex)) return false;
  const code = Number.parseInt(hex, 16);
  return code !== 0x08 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d;
}

function isNumberPart(code: number): boolean {
  return (
    (code >= ZERO && code <= NINE) ||
    code === 0x2e ||
    code === 0x65 ||
    code === 0x45 ||
    code === 0x2b ||
    code === MINUS
  );
}

/** Deeper than this, a record is left to JSON.stringify, which decides whether it can be written at all. */
const MAX_PLAIN_DEPTH = 512;
const IN_OBJECT = 1;
const IN_ARRAY = 2;

/** A cursor over the text; `plain` turns false at the first thing a parse and a stringify would change. */
class Scanner {
  at = 0;
  plain = true;
  /**
   * The next backslash and quote at or after the string being read, kept so that neither is searched for
   * again over the same stretch: a text without backslashes is searched once, and a string of many escapes
   * does not look for its distant closing quote after each one.
   */
  #backslash = -2;
  #quote = -2;
  /** What each open container is, innermost last. */
  readonly #open: number[] = [];
  /** Hashes of the keys of the open objects, each object's from `#keysFrom` of it on. */
  readonly #keys: number[] = [];
  readonly #keysFrom: number[] = [];
  constructor(readonly text: string) {}

  startElement(): void {
    this.plain = true;
  }

  /** Moves back (or on) to `at`; what was found ahead may lie beyond it. */
  seek(at: number): void {
    this.at = at;
    this.#backslash = -2;
    this.#quote = -2;
  }

  #backslashFrom(at: number): number {
    if (this.#backslash === -1 || this.#backslash >= at) return this.#backslash;
    this.#backslash = this.text.indexOf('\\', at);
    return this.#backslash;
  }

  #quoteFrom(at: number): number {
    if (this.#quote === -1 || this.#quote >= at) return this.#quote;
    this.#quote = this.text.indexOf('"', at);
    return this.#quote;
  }

  code(): number {
    return this.text.charCodeAt(this.at);
  }

  skipSpace(): void {
    while (isSpace(this.code())) this.at++;
  }

  /** From an opening quote to just past its closing one. */
  skipString(): void {
    const { text } = this;
    let at = this.at + 1;
    for (;;) {
      const quote = this.#quoteFrom(at);
      const backslash = this.#backslashFrom(at);
      if (quote < 0) throw new Error('unterminated string');
      if (backslash < 0 || quote < backslash) {
        this.at = quote + 1;
        return;
      }
      const escaped = text.charCodeAt(backslash + 1);
      if (escaped === 0x2f /* / */ || (escaped === 0x75 /* u */ && !isStringifiedControl(text, backslash)))
        this.plain = false;
      at = backslash + 2;
    }
  }

  /**
   * A key of the innermost object, just read (from `start` to `at`). JSON.parse moves keys that are array
   * indices ("0", "10") to the front and keeps the last of a repeated key: a record with either is not
   * plain. Raw texts compare as the keys do, since a plain text has no `\u` escape.
   */
  #noteKey(start: number): void {
    const { text } = this;
    const first = text.charCodeAt(start + 1);
    if (first >= ZERO && first <= NINE) {
      this.plain = false;
      return;
    }
    let hash = 0x811c9dc5;
    for (let at = start + 1; at < this.at - 1; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 16777619);
    const keys = this.#keys;
    // A collision only costs a rewrite, which is exact.
    for (let at = this.#keysFrom[this.#keysFrom.length - 1] ?? 0; at < keys.length; at++)
      if (keys[at] === hash) {
        this.plain = false;
        return;
      }
    keys.push(hash);
  }

  skipNumber(): void {
    const { text } = this;
    const start = this.at;
    let at = start;
    if (text.charCodeAt(at) === MINUS) at++;
    const digitsStart = at;
    while (at < text.length && text.charCodeAt(at) >= ZERO && text.charCodeAt(at) <= NINE) at++;
    const digits = at - digitsStart;
    // A fraction or an exponent follows: stringify may write it otherwise (1.50, 1e3).
    while (isNumberPart(text.charCodeAt(at))) {
      this.plain = false;
      at++;
    }
    if (digits > MAX_PLAIN_DIGITS || text.startsWith('-0', start)) this.plain = false;
    this.at = at;
  }

  #openContainer(kind: number): void {
    const open = this.#open;
    open.push(kind);
    if (open.length > MAX_PLAIN_DEPTH) this.plain = false;
    if (kind === IN_OBJECT) this.#keysFrom.push(this.#keys.length);
    this.at++;
  }

  #closeContainer(): void {
    if (this.#open.pop() === IN_OBJECT) this.#keys.length = this.#keysFrom.pop() ?? 0;
    this.at++;
  }

  /** Past one value of any kind, whitespace inside it noted. */
  skipValue(): void {
    const open = this.#open;
    const base = open.length;
    let expectKey = false;
    do {
      const code = this.code();
      if (code === QUOTE) {
        const start = this.at;
        this.skipString();
        // Once an element is not plain, its keys no longer matter.
        if (expectKey && this.plain) this.#noteKey(start);
        expectKey = false;
      } else if (code === OPEN_BRACE) {
        this.#openContainer(IN_OBJECT);
        expectKey = true;
      } else if (code === OPEN_BRACKET) this.#openContainer(IN_ARRAY);
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) this.#closeContainer();
      else if (code === COMMA) {
        expectKey = open[open.length - 1] === IN_OBJECT;
        this.at++;
      } else if (code === COLON) this.at++;
      else if (isSpace(code)) {
        this.plain = false;
        this.at++;
      } else if (code === MINUS || (code >= ZERO && code <= NINE)) this.skipNumber();
      else if (code === 0x74 /* true */ || code === 0x6e /* null */) this.at += 4;
      else if (code === 0x66 /* false */) this.at += 5;
      else throw new Error(`unexpected character at ${this.at}`);
    } while (open.length > base);
  }

  expect(code: number): void {
    if (this.code() !== code) throw new Error(`expected ${String.fromCharCode(code)} at ${this.at}`);
    this.at++;
  }
}

/** The position of the value of the root object's last `key`, or -1 when it has none. */
function valueOfKey(scanner: Scanner, key: string): number {
  let found = -1;
  scanner.skipSpace();
  scanner.expect(OPEN_BRACE);
  scanner.skipSpace();
  if (scanner.code() === CLOSE_BRACE) return found;
  for (;;) {
    const keyStart = scanner.at;
    scanner.skipString();
    const raw = scanner.text.slice(keyStart, scanner.at);
    const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    scanner.skipSpace();
    scanner.expect(COLON);
    scanner.skipSpace();
    if (name === key) found = scanner.at;
    scanner.skipValue();
    scanner.skipSpace();
    if (scanner.code() === CLOSE_BRACE) return found;
    scanner.expect(COMMA);
    scanner.skipSpace();
  }
}

/** Undefined when the text has no such array (or is not JSON after all). */
export function jsonArraySpans(text: string, key?: string): JsonArraySpans | undefined {
  const scanner = new Scanner(text);
  try {
    if (key !== undefined) {
      const at = valueOfKey(scanner, key);
      if (at < 0) return undefined;
      scanner.seek(at);
    }
    scanner.skipSpace();
    if (scanner.code() !== OPEN_BRACKET) return undefined;
    scanner.at++;
    const starts: number[] = [];
    const ends: number[] = [];
    const plain: number[] = [];
    scanner.skipSpace();
    if (scanner.code() !== CLOSE_BRACKET)
      for (;;) {
        starts.push(scanner.at);
        scanner.startElement();
        scanner.skipValue();
        ends.push(scanner.at);
        plain.push(scanner.plain ? 1 : 0);
        scanner.skipSpace();
        if (scanner.code() === CLOSE_BRACKET) break;
        scanner.expect(COMMA);
        scanner.skipSpace();
      }
    return { starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), plain: Uint8Array.from(plain) };
  } catch {
    return undefined;
  }
}

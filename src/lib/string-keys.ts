/**
 * Numbers distinct strings 0, 1, 2… in the order they are first added, and finds a string's number again:
 * what a `Map<string, number>` or `Set<string>` would do, for strings kept by the hundred thousand
 * (event keys, ids, facet values).
 *
 * Why not a Map: Chromium's V8 internalizes every string used as a Map or Set key (the string becomes a
 * forwarder to a copy in the string table), and every major GC walks the whole string table during its
 * final pause. With one key per loaded event, that table made a major GC's pause grow with the events held:
 * about 18 of a 32 ms pause at 104k events, in the scroll benchmark's frames. Here the strings stay plain
 * array elements and only numbers go into the hash table.
 *
 * @example
 * const keys = createStringKeys();
 * keys.add('openai.audit_logs:a'); // 0, new
 * keys.add('openai.audit_logs:a'); // 0 again: keys.size is still 1
 * keys.indexOf('contabo.images:7'); // -1
 */
export interface StringKeys {
  readonly size: number;
  /** The number of `key`, adding it (as `size`, before the call) if it is new. */
  add(key: string): number;
  /** The number of `key`, or -1. */
  indexOf(key: string): number;
  /** The strings in number order: `keys[n]` is the string numbered n. */
  readonly keys: readonly string[];
}

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over UTF-16 code units, then mixed (a bijection, so full-hash collisions stay exactly FNV's): FNV's
 * low bits depend only on the characters' low bits, and the table indexes by the low bits.
 */
function hashOf(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

export function createStringKeys(expected = 16): StringKeys {
  const keys: string[] = [];
  /** Each entry's hash, so growing the table never hashes a string twice. */
  let hashes = new Int32Array(Math.max(8, expected | 0));
  /** Open addressing, linear probing, at most half full: entry numbers, or EMPTY. */
  let slots = new Int32Array(tableSizeFor(expected)).fill(EMPTY);
  let mask = slots.length - 1;

  const find = (key: string, hash: number): number => {
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === EMPTY) return -1 - slot;
      if (hashes[entry] === hash && keys[entry] === key) return entry;
    }
  };

  /** Doubles the table once it is half full; entries keep their numbers. */
  const rehash = () => {
    slots = new Int32Array(slots.length * 2).fill(EMPTY);
    mask = slots.length - 1;
    for (let entry = 0; entry < keys.length; entry++) {
      let slot = (hashes[entry] as number) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
  };

  return {
    get size() {
      return keys.length;
    },
    add(key) {
      const hash = hashOf(key);
      const found = find(key, hash);
      if (found >= 0) return found;
      const entry = keys.length;
      if (entry === hashes.length) {
        const grown = new Int32Array(Math.max(8, entry * 2));
        grown.set(hashes);
        hashes = grown;
      }
      hashes[entry] = hash;
      keys.push(key);
      slots[-1 - found] = entry;
      if (keys.length * 2 > slots.length) rehash();
      return entry;
    },
    indexOf(key) {
      const found = find(key, hashOf(key));
      return found >= 0 ? found : -1;
    },
    keys,
  };
}

/** The smallest power of two at least twice `expected`. */
function tableSizeFor(expected: number): number {
  let size = 16;
  while (size < expected * 2) size *= 2;
  return size;
}

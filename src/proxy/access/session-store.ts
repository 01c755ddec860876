import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const MAX_SESSIONS = 1000;
/** 32 random bytes, base64url without padding. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface SessionStore {
  /** Starts a session and answers its id, the cookie's value. */
  create(): string;
  isValid(id: string): boolean;
  readonly size: number;
}

export interface SessionStoreOptions {
  ttlMs?: number;
  now?: () => number;
}

// Only a digest of each id is kept, so the store itself holds nothing a cookie could be rebuilt from.
const key = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

/** In-memory sessions with an absolute expiry; a restart signs everyone out, which is fine for one server. */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const ttlMs = options.ttlMs ?? SESSION_TTL_MS;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();

  const prune = () => {
    const at = now();
    for (const [id, expires] of expiries) if (expires <= at) expiries.delete(id);
    // Insertion order is creation order: the oldest session goes first.
    for (const id of expiries.keys()) {
      if (expiries.size < MAX_SESSIONS) break;
      expiries.delete(id);
    }
  };

  return {
    create() {
      prune();
      const id = randomBytes(32).toString('base64url');
      expiries.set(key(id), now() + ttlMs);
      return id;
    },
    isValid(id) {
      if (!SESSION_ID.test(id)) return false;
      const expires = expiries.get(key(id));
      if (expires === undefined) return false;
      if (expires > now()) return true;
      expiries.delete(key(id));
      return false;
    },
    get size() {
      return expiries.size;
    },
  };
}

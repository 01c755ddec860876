import type { ProviderUpstream } from '../upstream.ts';

/** A source of derived tokens (Contabo's password grant, CF's UAA) that can forget one the API rejected. */
export interface RejectableTokens {
  invalidate(rejected?: string): void;
}

type Send = ProviderUpstream['send'];
type Authorize = ProviderUpstream['authorize'];

/**
 * The token a request carries in `Authorization: Bearer …`, whatever the scheme's case.
 *
 * @example sentToken(new Headers({ authorization: 'bearer abc' })) // 'abc'
 * @example sentToken(new Headers()) // undefined
 */
export function sentToken(headers: Headers): string | undefined {
  return /^bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
}

/**
 * A 401 forgets the token the request carried, and only that one (compare-and-clear), so the next request
 * logs in again while a token a concurrent request already renewed survives. The 401 itself goes back.
 */
export function forgetRejectedToken(tokens: RejectableTokens, send: Send): Send {
  return async (url, headers, signal) => {
    const response = await send(url, headers, signal);
    if (response.status === 401) {
      const token = sentToken(headers);
      if (token !== undefined) tokens.invalidate(token);
    }
    return response;
  };
}

/**
 * A 401 to a derived token forgets that token and sends the request once more with a fresh one (a token
 * can expire on the provider's clock before ours says so); a second 401 goes back as it came. Concurrent
 * 401s to the same token share one renewal, because the token sources are single-flight and forget by
 * comparison. A login that fails on the retry surfaces as the CredentialError it is.
 */
export function retryRejectedToken(tokens: RejectableTokens, authorize: Authorize, send: Send): Send {
  const forgetting = forgetRejectedToken(tokens, send);
  return async (url, headers, signal) => {
    const first = await forgetting(url, headers, signal);
    const rejected = sentToken(headers);
    if (first.status !== 401 || rejected === undefined) return first;
    const again = new Headers(headers);
    try {
      await authorize(url, again);
    } catch (error) {
      discard(first);
      throw error;
    }
    // The token source gave the same token back: a retry would only be rejected again.
    if (sentToken(again) === rejected) return first;
    discard(first);
    // What the request finally carried, for whoever reads it after the answer (the proxy's annotations).
    headers.set('authorization', again.get('authorization') ?? '');
    return forgetting(url, again, signal);
  };
}

/** Releases the rejected answer's connection. Not awaited: some streams settle their cancel only at the end. */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}

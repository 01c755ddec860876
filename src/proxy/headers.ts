/** Upstream response headers the browser may see; everything else (set-cookie, www-authenticate…) is dropped. */
export function isForwardableResponseHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === 'retry-after' || lower === 'date' || lower.startsWith('x-ratelimit-');
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The proxy's own content type for an upstream body: JSON stays JSON, anything else (an HTML error page
 * from a gateway, or no type at all) is plain text, so opening an /api URL can never render a provider's markup on our origin.
 */
export function forwardedContentType(upstream: string | null): string {
  return upstream !== null && JSON_TYPE.test(upstream.trim())
    ? 'application/json; charset=utf-8'
    : 'text/plain; charset=utf-8';
}

export function forwardableResponseHeaders(upstream: Headers): Headers {
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (isForwardableResponseHeader(name)) out.set(name, value);
  });
  out.set('content-type', forwardedContentType(upstream.get('content-type')));
  return out;
}

/** The only headers the proxy ever sends upstream, before credentials are added. */
export function baseUpstreamHeaders(): Headers {
  return new Headers({ accept: 'application/json' });
}

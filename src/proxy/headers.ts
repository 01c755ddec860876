/** Upstream response headers the browser may see; everything else (set-cookie, www-authenticate…) is dropped. */
export function isForwardableResponseHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'content-type' ||
    lower === 'retry-after' ||
    lower === 'date' ||
    lower.startsWith('x-ratelimit-')
  );
}

export function forwardableResponseHeaders(upstream: Headers): Headers {
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (isForwardableResponseHeader(name)) out.set(name, value);
  });
  return out;
}

/** The only headers the proxy ever sends upstream, before credentials are added. */
export function baseUpstreamHeaders(): Headers {
  return new Headers({ accept: 'application/json' });
}

/** Why a provider request failed, in words a person can act on. */
export type ProviderErrorKind =
  | 'http' // the API answered with an error status
  | 'unauthorized' // 401: the credential was rejected or has expired
  | 'forbidden' // 403: the credential may not do this (a role, a permission, a setting such as audit logging)
  | 'rate-limited' // 429 after the retry budget ran out
  | 'invalid-response' // the body was not JSON or failed validation
  | 'network' // no answer: the proxy or upstream could not be reached, or timed out
  | 'not-configured'; // the proxy has no credentials for this provider

/** One error type for every provider: names the provider, the status and the provider's own message. */
export class ProviderError extends Error {
  readonly providerLabel: string;
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly detail: string;
  readonly retryAfterMs?: number;

  constructor(init: {
    providerLabel: string;
    kind: ProviderErrorKind;
    detail: string;
    status?: number;
    retryAfterMs?: number;
  }) {
    const status = init.status === undefined ? '' : ` (HTTP ${init.status})`;
    super(`${init.providerLabel}: ${init.detail}${status}`);
    this.name = 'ProviderError';
    this.providerLabel = init.providerLabel;
    this.kind = init.kind;
    this.status = init.status;
    this.detail = init.detail;
    this.retryAfterMs = init.retryAfterMs;
  }
}

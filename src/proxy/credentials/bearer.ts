/**
 * A static bearer token: `Authorization: Bearer <token>`. A value pasted with its scheme (`cf oauth-token`
 * prints `bearer eyJ…`) is sent once, not as `Bearer bearer eyJ…`; surrounding blanks are dropped.
 */
export function bearerAuthorizer(token: string) {
  const bare = bareToken(token);
  return (_url: URL, headers: Headers): Promise<void> => {
    headers.set('authorization', `Bearer ${bare}`);
    return Promise.resolve();
  };
}

/** A token as configured, without surrounding blanks or a `bearer ` scheme pasted with it. */
export function bareToken(token: string): string {
  return token.trim().replace(/^bearer\s+/i, '');
}

/**
 * A static bearer token: `Authorization: Bearer <token>`. A value pasted with its scheme (`cf oauth-token`
 * prints `bearer eyJ…`) is sent once, not as `Bearer bearer eyJ…`; surrounding blanks are dropped.
 */
export function bearerAuthorizer(token: string) {
  const bare = token.trim().replace(/^bearer\s+/i, '');
  return (_url: URL, headers: Headers): Promise<void> => {
    headers.set('authorization', `Bearer ${bare}`);
    return Promise.resolve();
  };
}

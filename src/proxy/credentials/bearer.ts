/** A static bearer token: `Authorization: Bearer <token>`. */
export function bearerAuthorizer(token: string) {
  return (_url: URL, headers: Headers): Promise<void> => {
    headers.set('authorization', `Bearer ${token}`);
    return Promise.resolve();
  };
}

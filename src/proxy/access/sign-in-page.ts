const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The sign-in page: plain HTML, no script, no style, no asset, so it works under the strictest CSP and
 * before the visitor may load anything else. It never echoes what was typed.
 *
 * @example signInPage('That token is not right.') // '<!doctype html>…'
 */
export function signInPage(notice?: string): string {
  const alert = notice ? `\n<p role="alert">${escapeHtml(notice)}</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sign in · Audit Lens</title>
</head>
<body>
<main>
<h1>Audit Lens</h1>
<p>This server needs its access token. You sign in once; a session cookie keeps you signed in for 12 hours.</p>${alert}
<form method="post" action="/_signin">
<p><label for="token">Access token</label></p>
<p><input id="token" name="token" type="password" autocomplete="current-password" required autofocus></p>
<p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>
`;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { accessGateFromEnv, type AccessGate } from './access/access-gate.ts';
import type { ServerEnv } from './config.ts';
import { createAuditLensServer, type AuditLensServer } from './server.ts';
import { DEV_CSP, PREVIEW_CSP, securityHeaders } from './security-headers.ts';

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, item);
      } catch {
        // A header value Node accepted but the Fetch API does not: ignored, never forwarded anyway.
      }
    }
  }
  return headers;
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.setHeader('cache-control', 'no-store');
  res.end(Buffer.from(await response.arrayBuffer()));
}

function apiMiddleware(server: AuditLensServer, log: (line: string) => void): Connect.NextHandleFunction {
  return (req, res, next) => {
    const target = req.url ?? '';
    if (!(target === '/api' || target.startsWith('/api/') || target.startsWith('/api?'))) return next();
    // The browser closing the connection (a cancelled fetch) cancels the upstream request too.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    server
      .handle({
        method: req.method ?? 'GET',
        rawTarget: target,
        headers: toHeaders(req),
        localPort: req.socket.localPort ?? 0,
        body: () => readBody(req),
        signal: gone.signal,
      })
      .then((response) => writeResponse(res, response))
      .catch((error: unknown) => {
        log(`proxy error: ${error instanceof Error ? error.name : 'unknown'}`);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
}

/** Every request (pages, assets, /api) passes the access gate first when an access token is set. */
function accessMiddleware(gate: AccessGate, log: (line: string) => void): Connect.NextHandleFunction {
  return (req, res, next) => {
    gate({
      method: req.method ?? 'GET',
      rawTarget: req.url ?? '',
      headers: toHeaders(req),
      remoteAddress: req.socket.remoteAddress ?? '',
      encrypted: 'encrypted' in req.socket && req.socket.encrypted === true,
      body: () => readBody(req, 4 * 1024),
    })
      .then((response) => (response ? writeResponse(res, response) : next()))
      .catch((error: unknown) => {
        log(`access gate error: ${error instanceof Error ? error.name : 'unknown'}`);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  };
}

function headersMiddleware(csp: string): Connect.NextHandleFunction {
  const headers = securityHeaders(csp);
  return (_req, res, next) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    next();
  };
}

/** Mounts the proxy on `vite dev` and `vite preview`, with the security headers of each. */
export function auditLensProxy(env: ServerEnv): Plugin {
  const log = (line: string) => console.log(`[audit-lens] ${line}`);
  let server: AuditLensServer | undefined;
  const getServer = () => (server ??= createAuditLensServer(env, log));
  let gate: AccessGate | undefined;
  const getGate = () => (gate ??= accessGateFromEnv(env, log));
  const announce = (server: AuditLensServer) => {
    for (const status of server.statuses) log(`${status.id}: ${status.mode} (${status.reason})`);
  };
  return {
    name: 'audit-lens-proxy',
    configureServer(vite) {
      const api = getServer();
      announce(api);
      const access = getGate();
      vite.middlewares.use(headersMiddleware(DEV_CSP));
      if (access) vite.middlewares.use(accessMiddleware(access, log));
      vite.middlewares.use(apiMiddleware(api, log));
    },
    configurePreviewServer(preview) {
      const api = getServer();
      announce(api);
      const access = getGate();
      preview.middlewares.use(headersMiddleware(PREVIEW_CSP));
      if (access) preview.middlewares.use(accessMiddleware(access, log));
      preview.middlewares.use(apiMiddleware(api, log));
    },
  };
}

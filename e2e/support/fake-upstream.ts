/**
 * Local fake upstreams for live-mode e2e tests: every provider's simulator behind a real HTTP server on
 * 127.0.0.1, configured with the canary credentials, so the proxy's live path (real fetch, real OAuth and
 * UAA logins, SigV4 signatures) is exercised without leaving the machine. `GET /__seen` lists what arrived.
 * Every token the fake Contabo and UAA endpoints issue is written to ISSUED_TOKENS_FILE, so the canary scan
 * after the run can look for these derived secrets too.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { getResponse, type RequestHandler } from 'msw';
import { agilicusSimulatorHandlers } from '../../src/providers/agilicus/simulator/handlers.ts';
import { cloudFoundrySimulatorHandlers } from '../../src/providers/cloudfoundry/simulator/handlers.ts';
import { contaboSimulatorHandlers } from '../../src/providers/contabo/simulator/handlers.ts';
import { openAiSimulatorHandlers } from '../../src/providers/openai/simulator/handlers.ts';
import { parallelClusterSimulatorHandlers } from '../../src/providers/parallelcluster/simulator/handlers.ts';
import { createClock } from '../../src/providers/simulator-kit/clock.ts';
import { ISSUED_TOKENS_FILE, issuedTokens } from './canary-scan.ts';
import { CANARY, FAKE_BASES, FAKE_UPSTREAM, PORTS } from './ports.ts';

const clock = createClock();
const scale = 1;
const handlers: RequestHandler[] = [
  ...openAiSimulatorHandlers({ baseUrl: FAKE_BASES.openai, clock, scale, adminKey: CANARY.openaiAdminKey }),
  ...contaboSimulatorHandlers({
    baseUrl: FAKE_BASES.contabo,
    authUrl: FAKE_BASES.contaboAuth,
    clock,
    scale,
    credentials: {
      clientId: CANARY.contaboClientId,
      clientSecret: CANARY.contaboClientSecret,
      username: CANARY.contaboUser,
      password: CANARY.contaboPassword,
    },
  }),
  ...agilicusSimulatorHandlers({ baseUrl: FAKE_BASES.agilicus, clock, scale, token: CANARY.agilicusToken }),
  ...cloudFoundrySimulatorHandlers({
    baseUrl: FAKE_BASES.cloudfoundry,
    uaaUrl: FAKE_BASES.uaa,
    clientId: CANARY.cfClientId,
    clientSecret: CANARY.cfClientSecret,
    clock,
    scale,
  }),
  ...parallelClusterSimulatorHandlers({
    baseUrl: FAKE_BASES.parallelcluster,
    clock,
    scale,
    credentials: { accessKeyId: CANARY.awsAccessKeyId, secretAccessKey: CANARY.awsSecretAccessKey },
  }),
];

const TOKEN_PATHS = new Set([
  new URL(FAKE_BASES.contaboAuth).pathname,
  `${new URL(FAKE_BASES.uaa).pathname}/oauth/token`,
]);
mkdirSync(dirname(ISSUED_TOKENS_FILE), { recursive: true });
writeFileSync(ISSUED_TOKENS_FILE, '');

/** Synchronous, so a token is on disk before the proxy can use it, and before any kill. */
function recordIssuedTokens(body: string): void {
  for (const token of issuedTokens(body)) appendFileSync(ISSUED_TOKENS_FILE, `${token}\n`);
}

interface Seen {
  path: string;
  authorization: string | null;
  headerNames: string[];
}
const seen: Seen[] = [];

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', FAKE_UPSTREAM);
  if (url.pathname === '/healthz') {
    res.end('ok');
    return;
  }
  if (url.pathname === '/__seen') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(seen));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    seen.push({
      path: url.pathname + url.search,
      authorization: headers.get('authorization'),
      headerNames: [...headers.keys()].sort(),
    });
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
    void getResponse(handlers, new Request(url, { method: req.method, headers, body }))
      .then(async (response) => {
        const answer = response ?? Response.json({ message: 'not found' }, { status: 404 });
        res.statusCode = answer.status;
        answer.headers.forEach((value, name) => res.setHeader(name, value));
        const body = Buffer.from(await answer.arrayBuffer());
        if (TOKEN_PATHS.has(url.pathname) && answer.ok) recordIssuedTokens(body.toString('utf8'));
        res.end(body);
      })
      .catch(() => {
        res.statusCode = 500;
        res.end();
      });
  });
});

server.listen(PORTS.fakeUpstream, '127.0.0.1', () => console.log(`fake upstreams on ${FAKE_UPSTREAM}`));

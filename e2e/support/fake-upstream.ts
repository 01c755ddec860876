/**
 * Local fake upstreams for live-mode e2e tests: the providers' simulators behind a real HTTP server on
 * 127.0.0.1, configured with the canary credentials, so the proxy's live path (real fetch, injected
 * credentials) is exercised without leaving the machine. `GET /__seen` lists what credentials arrived.
 */
import { createServer } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { openAiSimulatorHandlers } from '../../src/providers/openai/simulator/handlers.ts';
import { createClock } from '../../src/providers/simulator-kit/clock.ts';
import { CANARY, FAKE_UPSTREAM, PORTS } from './ports.ts';

const clock = createClock();
const handlers: RequestHandler[] = [
  ...openAiSimulatorHandlers({
    baseUrl: `${FAKE_UPSTREAM}/openai/v1`,
    clock,
    scale: 1,
    adminKey: CANARY.openaiAdminKey,
  }),
];

const seen: { path: string; authorization: string | null; headerNames: string[] }[] = [];

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
  seen.push({
    path: url.pathname + url.search,
    authorization: headers.get('authorization'),
    headerNames: [...headers.keys()].sort(),
  });
  void getResponse(handlers, new Request(url, { method: req.method, headers })).then(async (response) => {
    const answer = response ?? Response.json({ message: 'not found' }, { status: 404 });
    res.statusCode = answer.status;
    answer.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
});

server.listen(PORTS.fakeUpstream, '127.0.0.1', () => console.log(`fake upstreams on ${FAKE_UPSTREAM}`));

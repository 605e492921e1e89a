import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { SubgraphDataSource } from '../src/subgraph-data-source.js';
import type { GatewayContext } from '../src/context.js';

interface Seen {
  headers: IncomingMessage['headers'];
  body: { query?: string; variables?: unknown };
}

/** A real HTTP server standing in for a subgraph: answers what the test sets, records what it got. */
async function fakeSubgraph(answer: (res: import('node:http').ServerResponse) => void): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(body) });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, seen, server };
}

/** What the gateway's executor hands a data source for one fetch of a query plan. */
function send(source: SubgraphDataSource, context: GatewayContext) {
  return source.process({
    kind: 0, // GraphQLDataSourceRequestKind.INCOMING_OPERATION (not a named export under ESM)
    request: { query: '{ area(code: "330402") { name } }', variables: { a: 1 } },
    context,
    incomingRequestContext: {} as never,
  } as never);
}

describe('SubgraphDataSource (undici request fetcher)', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

  it('posts the operation with the forwarded headers and returns the parsed answer', async () => {
    const subgraph = await fakeSubgraph((res) => {
      res.setHeader('content-type', 'application/graphql-response+json; charset=utf-8');
      res.end(JSON.stringify({ data: { area: { name: '柯城区' } } }));
    });
    servers.push(subgraph.server);
    const source = new SubgraphDataSource('organizations', subgraph.url);
    const response = await send(source, { headers: { authorization: 'Bearer t0ken', 'x-request-id': 'r-1', cookie: 'not forwarded' } });

    expect(response.data).toEqual({ area: { name: '柯城区' } });
    expect(response.http?.headers.get('Content-Type')).toMatch(/^application\/graphql-response\+json/);
    expect(subgraph.seen).toHaveLength(1);
    expect(subgraph.seen[0].body).toEqual({ query: '{ area(code: "330402") { name } }', variables: { a: 1 } });
    expect(subgraph.seen[0].headers.authorization).toBe('Bearer t0ken');
    expect(subgraph.seen[0].headers['x-request-id']).toBe('r-1');
    expect(subgraph.seen[0].headers.cookie).toBeUndefined();
  });

  it('reuses keep-alive sockets for the next calls', async () => {
    const ports = new Set<number>();
    const subgraph = await fakeSubgraph((res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{"ok":true}}');
    });
    subgraph.server.on('connection', (socket) => ports.add(socket.remotePort ?? 0));
    servers.push(subgraph.server);
    const source = new SubgraphDataSource('grids', subgraph.url);
    for (let i = 0; i < 6; i++) expect((await send(source, { headers: {} })).data).toEqual({ ok: true });
    // undici's pool may open a second socket while the first is being released, never one per call.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('turns an HTTP 5xx into SERVICE_UNAVAILABLE naming the subgraph, with the status and body as the reason', async () => {
    const subgraph = await fakeSubgraph((res) => {
      res.statusCode = 502;
      res.setHeader('content-type', 'text/plain');
      res.end('upstream down');
    });
    servers.push(subgraph.server);
    const error = await send(new SubgraphDataSource('cases', subgraph.url), { headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe('The cases service is unavailable');
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'cases', reason: '502: Bad Gateway: upstream down' });
  });

  it('names the subgraph when it cannot be reached', async () => {
    const subgraph = await fakeSubgraph((res) => res.end());
    await new Promise((resolve) => subgraph.server.close(resolve));
    const error = await send(new SubgraphDataSource('people', subgraph.url), { headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'people' });
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { graphqlRequest, tokenFor } from '@lianxin/testing';

/**
 * Issue 21, "the gateway's merged entity fetches": through the real gateway (gateway/dist/main.js, two
 * processes: merging on and GATEWAY_BATCH_ENTITY_FETCHES=off) in front of the real subgraphs of the test
 * stack. Between the gateways and people sits a fault proxy that passes requests through, answers 503,
 * refuses the connection, or marks one entity of a batch FORBIDDEN. An area's `population` and its
 * children's `population` are two `_entities` fetches to people with the same selection, which the gateway
 * merges into one call; whatever fails, each fetch must get its own error, with `serviceName`.
 */
type Mode = 'pass' | 'unavailable' | 'refuse' | 'forbid-one';

const OFFSET = Number(process.env.STACK_PORT_OFFSET ?? 800);
const TARGET_AREA = '330402001001'; // the first child of 建设街道, answered FORBIDDEN in 'forbid-one'
const QUERY = `query MergedPopulation {
  area(code: "330402001") {
    code
    population { total }
    children(first: 50) { edges { node { code population { total } } } }
  }
}`;

interface Answer {
  area: {
    code: string;
    population: { total: number } | null;
    children: { edges: Array<{ node: { code: string; population: { total: number } | null } }> };
  } | null;
}

/** Every subgraph of the committed supergraph at the test stack's port (its URL's port + STACK_PORT_OFFSET). */
function subgraphUrls(): Record<string, string> {
  const supergraph = readFileSync(join(process.cwd(), 'gateway', 'supergraph.graphql'), 'utf8');
  const urls: Record<string, string> = {};
  for (const [, name, port] of supergraph.matchAll(/@join__graph\(name: "([^"]+)", url: "http:\/\/127\.0\.0\.1:(\d+)\/graphql"\)/g)) {
    urls[`SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] = `http://127.0.0.1:${Number(port) + OFFSET}/graphql`;
  }
  return urls;
}

class FaultProxy {
  mode: Mode = 'pass';
  /** Representations per `_entities` call that reached people (or would have). */
  readonly entityCalls: number[] = [];
  private server!: Server;

  constructor(private readonly target: URL) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const payload = body.length > 0 ? (JSON.parse(body.toString('utf8')) as { variables?: { representations?: Array<Record<string, unknown>> } }) : {};
        const representations = payload.variables?.representations;
        if (representations) this.entityCalls.push(representations.length);
        if (this.mode === 'refuse' && representations) return req.socket.destroy();
        if (this.mode === 'unavailable' && representations) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          return res.end('people is restarting');
        }
        const upstream = httpRequest(this.target, { method: req.method, headers: { ...req.headers, host: this.target.host } }, (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            let text = Buffer.concat(parts).toString('utf8');
            if (this.mode === 'forbid-one' && representations) text = JSON.stringify(forbid(JSON.parse(text), representations));
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json' });
            res.end(text);
          });
        });
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The subgraph's answer with the TARGET_AREA entity replaced by null and a FORBIDDEN error at its index. */
function forbid(
  answer: { data?: { _entities?: unknown[] }; errors?: unknown[] },
  representations: Array<Record<string, unknown>>,
): typeof answer {
  const index = representations.findIndex((representation) => representation.code === TARGET_AREA);
  if (index < 0 || !answer.data?._entities) return answer;
  answer.data._entities[index] = null;
  answer.errors = [
    ...(answer.errors ?? []),
    { message: 'Outside your area', path: ['_entities', index, 'population'], extensions: { code: 'FORBIDDEN' } },
  ];
  return answer;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startGateway(peopleUrl: string, extra: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(process.cwd(), 'gateway', 'dist', 'main.js')], {
    env: {
      ...process.env,
      ...subgraphUrls(),
      SUBGRAPH_PEOPLE_URL: peopleUrl,
      PORT: String(port),
      SERVICE_NAME: 'gateway-merged-fetch-test',
      GATEWAY_WORKERS: '1',
      // Failures are what this test makes: the breaker must not turn them into "not called".
      GATEWAY_BREAKER_FAILURES: '1000',
      // Every query must reach people through the fault proxy: the entity cache (issue 20) would answer
      // the populations of the healthy run from memory and hide the faults.
      GATEWAY_ENTITY_CACHE: 'off',
      LOG_LEVEL: 'error',
      ...extra,
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (await fetch(`${base}/health/ready`).then((response) => response.ok, () => false)) return { url: `${base}/graphql`, child };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the gateway on ${base} did not become ready`);
}

describe('issue 21: merged entity fetches fail one fetch at a time, through the real gateway', () => {
  const proxy = new FaultProxy(new URL(`http://127.0.0.1:${4103 + OFFSET}/graphql`));
  const gateways: Record<'merged' | 'separate', { url: string; child: ChildProcess }> = {} as never;
  let token: string;

  beforeAll(async () => {
    const proxyUrl = await proxy.start();
    [gateways.merged, gateways.separate] = await Promise.all([
      startGateway(proxyUrl, {}),
      startGateway(proxyUrl, { GATEWAY_BATCH_ENTITY_FETCHES: 'off' }),
    ]);
    token = await tokenFor('jianshe.admin');
  }, 90_000);

  afterAll(async () => {
    for (const gateway of Object.values(gateways)) gateway?.child.kill('SIGTERM');
    await proxy.close();
  });

  const ask = async (which: 'merged' | 'separate', mode: Mode) => {
    proxy.mode = mode;
    proxy.entityCalls.length = 0;
    const answer = await graphqlRequest<Answer>(gateways[which].url, QUERY, { token });
    return { ...answer, calls: [...proxy.entityCalls] };
  };

  it.each(['merged', 'separate'] as const)('%s: answers both fetches when people is healthy (merged: one people call)', async (which) => {
    const answer = await ask(which, 'pass');
    expect(answer.errors).toBeUndefined();
    const children = answer.data!.area!.children.edges;
    expect(children.length).toBeGreaterThan(1);
    expect(answer.data!.area!.population!.total).toBeGreaterThanOrEqual(0);
    expect(children.every((edge) => edge.node.population !== null)).toBe(true);
    // merged: one call with the township and every child; separate: one call per fetch.
    expect([...answer.calls].sort((a, b) => a - b)).toEqual(which === 'merged' ? [children.length + 1] : [1, children.length]);
  });

  it.each(['merged', 'separate'] as const)('%s: FORBIDDEN on one entity of the batch goes to that entity alone', async (which) => {
    const answer = await ask(which, 'forbid-one');
    const area = answer.data!.area!;
    const children = area.children.edges;
    const forbidden = children.findIndex((edge) => edge.node.code === TARGET_AREA);
    expect(forbidden).toBeGreaterThanOrEqual(0);
    expect(area.population).not.toBeNull();
    expect(children.filter((edge) => edge.node.population === null).map((edge) => edge.node.code)).toEqual([TARGET_AREA]);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]).toMatchObject({
      message: 'Outside your area',
      path: ['area', 'children', 'edges', forbidden, 'node', 'population'],
      extensions: { code: 'FORBIDDEN', serviceName: 'people' },
    });
  });

  it.each([
    ['merged', 'unavailable'],
    ['separate', 'unavailable'],
    ['merged', 'refuse'],
    ['separate', 'refuse'],
  ] as const)('%s: people %s → each fetch gets its own error naming people, the rest of the answer stays', async (which, mode) => {
    const answer = await ask(which, mode);
    const area = answer.data!.area!;
    // organizations still answers: the township and its children are there, their population figures are not.
    expect(area.code).toBe('330402001');
    expect(area.children.edges.length).toBeGreaterThan(1);
    expect(area.population).toBeNull();
    expect(area.children.edges.every((edge) => edge.node.population === null)).toBe(true);
    // One error per fetch (the township's, the children's): a merged call that fails fails both fetches,
    // each with its own error, never one error for two fetches or none for one.
    const errors = answer.errors ?? [];
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(error.message).toBe('The people service is unavailable');
      expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', serviceName: 'people' });
      if (mode === 'unavailable') expect(error.extensions?.reason).toBe('503: Service Unavailable: people is restarting');
    }
    // The call was made once (merged) or once per fetch (separate).
    expect(answer.calls).toHaveLength(which === 'merged' ? 1 : 2);
  });
});

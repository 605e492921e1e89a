import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { QueryPlan } from '@apollo/query-planner';
import { parse, type GraphQLSchema } from 'graphql';
import { pino, type Logger } from 'pino';
import { sha256Hex, type PersistedQueryManifest } from '../trusted-documents.js';
import { CONTRACT_GATEWAY_VERSION, planStoreKey } from './apollo-gateway-contract.js';
import { PreparedPlans, type RegisteredOperation } from './prepared-plans.js';

/**
 * Issue 20: what gateway/src/plans assumes about @apollo/gateway (apollo-gateway-contract.ts), checked
 * against the installed gateway with real in-process subgraphs (LocalGraphQLDataSource). When a new
 * gateway version breaks this, these fail — read apollo-gateway-contract.ts again before changing them.
 */
process.env.APOLLO_TELEMETRY_DISABLED = 'true'; // the gateway's anonymous usage export: nothing leaves 127.0.0.1

const PRODUCTS = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { items(first: Int): [Item!]! }
  type Item @key(fields: "id") { id: ID! name: String! }
`;
const REVIEWS = (extra: string) => `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Item @key(fields: "id") { id: ID! score: Int! ${extra} }
`;
const subgraphSchemas = (extra = ''): Record<string, GraphQLSchema> => ({
  products: buildSubgraphSchema([
    { typeDefs: parse(PRODUCTS), resolvers: { Query: { items: (_: unknown, { first }: { first?: number }) => Array.from({ length: first ?? 2 }, (_v, i) => ({ id: String(i), name: `item ${i}` })) } } },
  ]),
  reviews: buildSubgraphSchema([
    {
      typeDefs: parse(REVIEWS(extra)),
      resolvers: { Item: { __resolveReference: ({ id }: { id: string }) => ({ id, score: Number(id) * 10, stars: Number(id) }) } } as never,
    },
  ]),
});
function supergraph(extra = ''): string {
  const composed = composeServices([
    { name: 'products', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(PRODUCTS) },
    { name: 'reviews', url: 'http://127.0.0.1:9/graphql', typeDefs: parse(REVIEWS(extra)) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  return composed.supergraphSdl;
}

const ITEMS = 'query Items($n: Int) { items(first: $n) { id name score } }';
const STARS = 'query Stars { items(first: 2) { id stars } }';
const registered = (...bodies: string[]): RegisteredOperation[] => bodies.map((body) => ({ id: sha256Hex(body), body }));
const silent = pino({ level: 'silent' });

/** A log that keeps its JSON lines. */
function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const servers: ApolloServer[] = [];
async function serve(plans: PreparedPlans, supergraphSdl: string | SupergraphSdlHook, schemas = subgraphSchemas()): Promise<ApolloServer> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new LocalGraphQLDataSource(schemas[name]),
    queryPlannerConfig: plans.plannerConfig,
    logger: silent,
  });
  plans.follow(gateway);
  const server = new ApolloServer({ gateway });
  await server.start();
  servers.push(server);
  return server;
}
afterAll(() => Promise.all(servers.map((server) => server.stop())));

async function run(server: ApolloServer, query: string, operationName?: string): Promise<unknown> {
  const response = await server.executeOperation({ query, operationName, variables: { n: 2 } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  expect(response.body.singleResult.errors).toBeUndefined();
  return response.body.singleResult.data;
}

const on = { prepare: true, maxBytes: 2 ** 20 };
const off = { prepare: false, maxBytes: 2 ** 20 };
const ITEMS_DATA = { items: [{ id: '0', name: 'item 0', score: 0 }, { id: '1', name: 'item 1', score: 10 }] };

describe(`issue 20: the @apollo/gateway contract of the prepared plans (written for ${CONTRACT_GATEWAY_VERSION})`, () => {
  let builtByGateway: QueryPlan | undefined;

  it('the planner packages we import are the very ones @apollo/gateway uses, at the version the contract was written for', () => {
    const ours = createRequire(import.meta.url);
    const gateways = createRequire(ours.resolve('@apollo/gateway'));
    for (const name of ['@apollo/query-planner', '@apollo/federation-internals']) expect(ours.resolve(name)).toBe(gateways.resolve(name));
    expect((ours('@apollo/gateway/package.json') as { version: string }).version).toBe(CONTRACT_GATEWAY_VERSION);
  });

  it('the gateway keeps its plans in queryPlannerConfig.cache under planStoreKey (with and without the operation name), cleared with each supergraph', async () => {
    const plans = new PreparedPlans([], off, {}, silent);
    expect(plans.store.generation).toBe(0);
    const server = await serve(plans, supergraph());
    expect(plans.store.generation).toBeGreaterThan(0); // the gateway cleared it when it took the supergraph
    expect(await run(server, ITEMS, 'Items')).toEqual(ITEMS_DATA);
    expect(plans.store.builtCount).toBe(1);
    builtByGateway = await plans.store.get(planStoreKey(sha256Hex(ITEMS), 'Items'));
    expect(builtByGateway?.kind).toBe('QueryPlan');
    expect(await run(server, ITEMS)).toEqual(ITEMS_DATA);
    expect(plans.store.builtCount).toBe(2);
    expect(await plans.store.get(planStoreKey(sha256Hex(ITEMS)))).toEqual(builtByGateway);
    // Asked again: found, not built again.
    await run(server, ITEMS, 'Items');
    expect(plans.store.builtCount).toBe(2);
  });

  it('a registered operation prepared at load runs without a plan built on request — the plan the gateway builds itself; an unregistered one still plans and runs', async () => {
    const { logger, lines } = capturingLogger();
    const plans = new PreparedPlans(registered(ITEMS), on, {}, logger);
    expect(plans.ready).toBe(false);
    const server = await serve(plans, supergraph());
    const first = await plans.firstPreparation;
    expect(first).toMatchObject({ reason: 'start', plans: 1, failed: 0, superseded: false });
    expect(plans.ready).toBe(true);
    expect(plans.store.preparedCount).toBe(2); // by hash, and by hash and name
    expect(await plans.store.get(planStoreKey(sha256Hex(ITEMS), 'Items'))).toEqual(builtByGateway);
    expect(await run(server, ITEMS, 'Items')).toEqual(ITEMS_DATA);
    expect(await run(server, ITEMS)).toEqual(ITEMS_DATA);
    expect(plans.store.builtCount).toBe(0);
    expect(await run(server, '{ items(first: 1) { name } }')).toEqual({ items: [{ name: 'item 0' }] });
    expect(plans.store.builtCount).toBe(1);
    const logged = lines.filter((line) => line.msg === 'query plans prepared');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ event: 'query-plans-prepared', reason: 'start', plans: 1, failed: 0, operations: 1 });
    expect(logged[0].durationMs).toEqual(expect.any(Number));
  });

  it('a new supergraph clears the plans and the registered operations are prepared again against it (one that did not plan before now does)', async () => {
    let update: ((sdl: string) => void) | undefined;
    const hook: SupergraphSdlHook = async ({ update: push }) => {
      update = push;
      return { supergraphSdl: supergraph() };
    };
    const { logger, lines } = capturingLogger();
    const plans = new PreparedPlans(registered(ITEMS, STARS), on, {}, logger);
    // Both versions' subgraphs answer `stars` (the data source list is built once).
    const server = await serve(plans, hook, subgraphSchemas('stars: Int!'));
    // STARS names a field the first supergraph does not have: logged, left to the gateway (which refuses it).
    expect(await plans.firstPreparation).toMatchObject({ plans: 1, failed: 1 });
    const failed = lines.find((line) => String(line.msg).startsWith('registered operations do not plan'));
    expect(failed).toMatchObject({ failed: 1, operations: [{ operation: 'Stars', reason: expect.stringContaining('stars') }] });
    const generation = plans.store.generation;

    update!(supergraph('stars: Int!'));
    expect(plans.store.generation).toBe(generation + 1);
    expect(plans.store.preparedCount).toBe(0); // cleared at once; prepared again shortly
    const preparations = () => lines.filter((line) => line.msg === 'query plans prepared');
    for (let waited = 0; preparations().length < 2 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(plans.store.preparedCount).toBe(4);
    expect(preparations().map((line) => [line.reason, line.plans, line.failed])).toEqual([
      ['start', 1, 1],
      ['supergraph-update', 2, 0],
    ]);
    expect(await run(server, STARS, 'Stars')).toEqual({ items: [{ id: '0', stars: 0 }, { id: '1', stars: 1 }] });
    expect(plans.store.builtCount).toBe(0);
  });

  it('every registered query and mutation of gateway/persisted-operations.json plans against gateway/supergraph.graphql', async () => {
    const gatewayDir = fileURLToPath(new URL('../../', import.meta.url));
    const manifest = JSON.parse(readFileSync(`${gatewayDir}persisted-operations.json`, 'utf8')) as PersistedQueryManifest;
    const plannable = manifest.operations.filter((operation) => operation.type !== 'subscription');
    const { logger, lines } = capturingLogger();
    const plans = new PreparedPlans(manifest.operations, on, {}, logger);
    const gateway = new ApolloGateway({ supergraphSdl: readFileSync(`${gatewayDir}supergraph.graphql`, 'utf8'), queryPlannerConfig: plans.plannerConfig, logger: silent });
    plans.follow(gateway);
    await gateway.load();
    try {
      const result = await plans.firstPreparation;
      expect(lines.filter((line) => String(line.msg).startsWith('registered operations do not plan'))).toEqual([]);
      expect(result).toMatchObject({ plans: plannable.length, failed: 0 });
      // Each is stored by hash and by hash and name (one operation per registered document).
      for (const operation of plannable) {
        expect(await plans.store.get(planStoreKey(operation.id))).toBeDefined();
        expect(await plans.store.get(planStoreKey(operation.id, operation.name))).toBeDefined();
      }
    } finally {
      plans.stop();
      await gateway.stop();
    }
  });
});

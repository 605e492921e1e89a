import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;
type Send = (options: Options) => Promise<GatewayGraphQLResponse>;

interface Member {
  options: Options;
  resolve: (response: GatewayGraphQLResponse) => void;
  reject: (error: unknown) => void;
}

/**
 * Apollo's planner sends one `_entities` fetch per path: for an area's `caseStats` and its children's
 * `caseStats` it sends the same operation to cases twice, in parallel, differing only in the
 * representations. This sends such fetches of one client request as one `_entities` call with the
 * representations concatenated, and hands each fetch its own slice of the answer (entities and
 * errors). One subgraph request instead of several, and the subgraph's DataLoader sees every entity
 * in one batch. The plan calls `process` for parallel fetches in the same tick, so a microtask is
 * enough to collect them; fetches that arrive later are simply sent on their own.
 */
export class EntityFetchBatcher {
  private readonly pending = new WeakMap<object, Map<string, Member[]>>();

  constructor(private readonly send: Send) {}

  process(options: Options): Promise<GatewayGraphQLResponse> {
    const key = batchKey(options);
    if (key === null) return this.send(options);
    const context = (options as { context: object }).context;
    let batches = this.pending.get(context);
    if (!batches) this.pending.set(context, (batches = new Map()));
    let members = batches.get(key);
    if (!members) {
      batches.set(key, (members = []));
      queueMicrotask(() => this.flush(context, key));
    }
    const batch = members;
    return new Promise((resolve, reject) => batch.push({ options, resolve, reject }));
  }

  private flush(context: object, key: string): void {
    const batches = this.pending.get(context)!;
    const members = batches.get(key)!;
    batches.delete(key);
    if (members.length === 1) {
      this.send(members[0].options).then(members[0].resolve, members[0].reject);
      return;
    }
    const sizes = members.map((member) => representationsOf(member.options)!.length);
    const first = members[0].options;
    const merged = {
      ...first,
      request: { ...first.request, variables: { ...first.request.variables, representations: members.flatMap((member) => representationsOf(member.options)!) } },
    } as Options;
    this.send(merged).then(
      (response) => splitEntityResponse(response, sizes).forEach((part, i) => members[i].resolve(part)),
      (error: unknown) => members.forEach((member) => member.reject(error)),
    );
  }
}

function representationsOf(options: Options): unknown[] | undefined {
  const representations = options.request.variables?.representations;
  return Array.isArray(representations) ? representations : undefined;
}

const OPERATION_NAME = /^\s*query\s+[_A-Za-z][_0-9A-Za-z]*/;

/** Fetches with the same key may be merged: same client request, same query, same other variables. null: never merge. */
function batchKey(options: Options): string | null {
  // Health checks and schema loading have no client request to belong to.
  if (!('incomingRequestContext' in options) || typeof options.context !== 'object' || options.context === null) return null;
  const { query, variables } = options.request;
  // Only reads: mutations run one after another, in order.
  if (!query || !/^\s*(query\b|\{)/.test(query) || !representationsOf(options)) return null;
  const others = { ...variables };
  delete others.representations;
  // The planner names each fetch (Op__cases__1, Op__cases__2): the same selection under two names merges.
  return `${query.replace(OPERATION_NAME, 'query')}\u0000${JSON.stringify(others)}`;
}

/**
 * The answer to a merged fetch, cut back into one answer per fetch: `sizes[i]` entities each, errors
 * at `_entities.k` to the fetch that asked for entity k (renumbered), errors without an entity to every
 * fetch (each would have got them on its own).
 */
export function splitEntityResponse(response: GatewayGraphQLResponse, sizes: number[]): GatewayGraphQLResponse[] {
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  let total = 0;
  const starts = sizes.map((size) => (total += size) - size);
  // Not the shape a merged fetch answers with: each fetch sees it as it is (the gateway reports it).
  if (!Array.isArray(entities) || entities.length !== total) return sizes.map(() => response);
  const fetchOf = (index: number) => starts.findLastIndex((start) => start <= index);
  return sizes.map((size, i) => {
    const errors = (response.errors ?? []).flatMap((error) => {
      const [root, index, ...rest] = error.path ?? [];
      if (root !== '_entities' || typeof index !== 'number') return [error];
      return fetchOf(index) === i ? [{ ...error, path: ['_entities', index - starts[i], ...rest] }] : [];
    });
    return {
      ...response,
      data: { ...response.data, _entities: entities.slice(starts[i], starts[i] + size) },
      errors: errors.length > 0 ? errors : undefined,
    };
  });
}

import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@lianxin/graphql';
import type { GatewayContext } from './context.js';
import { EntityFetchBatcher } from './entity-fetch-batcher.js';
import { keepAliveAgent, subgraphFetcher } from './subgraph-fetcher.js';

/** Headers the gateway passes on to every subgraph. */
const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'traceparent', 'tracestate'] as const;

/**
 * Keep-alive sockets, bounded per subgraph: most of the gateway's tuned throughput comes from
 * this fetcher (PERFORMANCE.md). Idle sockets close before the subgraphs' 65 s keep-alive.
 */
const fetcher = subgraphFetcher(keepAliveAgent());

/** GATEWAY_BATCH_ENTITY_FETCHES=off sends every fetch of a plan on its own, as Apollo does. */
export const batchEntityFetches = (): boolean => process.env.GATEWAY_BATCH_ENTITY_FETCHES !== 'off';

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly batcher: EntityFetchBatcher | null;

  constructor(
    private readonly serviceName: string,
    url: string,
  ) {
    super({ url, fetcher });
    this.batcher = batchEntityFetches() ? new EntityFetchBatcher((options) => super.process(options)) : null;
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return this.batcher ? this.batcher.process(options) : super.process(options);
  }

  /** A subgraph that cannot be reached costs only its own fields, with an error that names it. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw new GraphQLError(`The ${this.serviceName} service is unavailable`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: this.serviceName, reason: error.message },
      originalError: error,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    for (const name of FORWARDED_HEADERS) {
      const value = context.headers?.[name];
      if (value) request.http?.headers.set(name, value);
    }
    // With tracing on, the gateway's own span becomes the subgraph request's parent.
    propagation.inject(otelContext.active(), request.http?.headers, {
      set: (headers, key, value) => headers?.set(key, value),
    });
  }
}

/** SUBGRAPH_<NAME>_URL overrides the URL in the supergraph (e.g. in-cluster service names). */
export function subgraphUrl(name: string, url: string | undefined): string {
  return process.env[`SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] ?? url ?? '';
}

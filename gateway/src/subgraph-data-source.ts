import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { context as otelContext, propagation } from '@opentelemetry/api';
import { GraphQLError } from 'graphql';
import { Gauge } from 'prom-client';
import { ErrorCode } from '@lianxin/graphql';
import type { EntityCacheLayer } from './cache/cached-fetch.js';
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';
import type { GatewayContext } from './context.js';
import { EntityFetchBatcher } from './entity-fetch-batcher.js';
import { loadSubgraphCallLimits, type SubgraphCallLimits } from './limits.js';
import { fetchSubgraph, keepAliveAgent, subgraphFetcher } from './subgraph-fetcher.js';

/** Headers the gateway passes on to every subgraph. */
const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'traceparent', 'tracestate'] as const;

/**
 * Keep-alive sockets, bounded per subgraph: most of the gateway's tuned throughput comes from
 * this fetcher (PERFORMANCE.md). Idle sockets close before the subgraphs' 65 s keep-alive.
 */
const agent = keepAliveAgent();
const fetcher = subgraphFetcher(agent);

const STATES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };
const breakerGauge = new Gauge({
  name: 'gateway_subgraph_circuit_state',
  help: 'Circuit breaker of each subgraph: 0 closed, 1 half-open (probing), 2 open (calls fail at once)',
  labelNames: ['subgraph'],
});

/** GATEWAY_BATCH_ENTITY_FETCHES=off sends every fetch of a plan on its own, as Apollo does. */
export const batchEntityFetches = (): boolean => process.env.GATEWAY_BATCH_ENTITY_FETCHES !== 'off';

type Request = GraphQLDataSourceProcessOptions<GatewayContext>['request'];

/** Not the subgraph's answer but the absence of one: the breaker counts these. */
class SubgraphUnreachable extends Error {}

export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly batcher: EntityFetchBatcher | null;
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly limits: SubgraphCallLimits = loadSubgraphCallLimits(),
    /** The entity cache and in-flight de-duplication (gateway/src/cache, issue 20); null: every fetch is sent. */
    private readonly cache: EntityCacheLayer | null = null,
  ) {
    super({ url, fetcher });
    this.batcher = batchEntityFetches() ? new EntityFetchBatcher((options) => super.process(options)) : null;
    this.breaker = new CircuitBreaker({ failureThreshold: limits.breakerFailures, openMs: limits.breakerOpenMs }, Date.now, (state) =>
      breakerGauge.set({ subgraph: serviceName }, STATES[state]),
    );
    breakerGauge.set({ subgraph: serviceName }, 0);
    // RemoteGraphQLDataSource.sendRequest is private in its typings; process() calls it as this.sendRequest.
    (this as unknown as { sendRequest: SubgraphDataSource['callSubgraph'] }).sendRequest = (request, context) => this.callSubgraph(request, context);
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const context = options.context;
    // The request's budget starts with its first subgraph call (the plan runs right after planning).
    if (context && context.deadline === undefined) {
      const mutation = 'incomingRequestContext' in options && options.incomingRequestContext?.operation?.operation === 'mutation';
      const budgetMs = mutation ? this.limits.mutationTimeoutMs : this.limits.queryBudgetMs;
      context.mutation = mutation;
      context.deadline = Date.now() + budgetMs;
      // One timer per client request (~5 µs), not per subgraph call.
      context.budgetSignal = AbortSignal.timeout(budgetMs);
    }
    // Cache first (hits never reach a subgraph), then the rest merged per tick (entity-fetch-batcher.ts).
    const send = (sent: GraphQLDataSourceProcessOptions<GatewayContext>) => (this.batcher ? this.batcher.process(sent) : super.process(sent));
    return this.cache ? this.cache.process(this.serviceName, options, send) : send(options);
  }

  /**
   * One call to the subgraph within the request's budget and the call timeout, through the breaker.
   * Replaces RemoteGraphQLDataSource's (which has no timeout and builds a WHATWG Request per call).
   */
  private async callSubgraph(request: Request, context: GatewayContext) {
    const { http, ...payload } = request;
    if (!http) throw new Error("Internal error: Only 'http' requests are supported.");
    const perCall = context?.mutation ? this.limits.mutationTimeoutMs : this.limits.queryTimeoutMs;
    const timeoutMs = Math.min(perCall, (context?.deadline ?? Infinity) - Date.now());
    if (timeoutMs <= 0) throw this.unavailable('the request spent its time budget before this call');
    if (!this.breaker.tryAcquire()) {
      throw this.unavailable(`not called: the circuit is open after repeated failures (next try in ${Math.ceil(this.breaker.retryInMs() / 1000)} s)`);
    }
    let response;
    try {
      response = await fetchSubgraph(
        agent,
        http.url,
        { method: http.method, headers: Object.fromEntries(http.headers), body: JSON.stringify(payload) },
        timeoutMs,
        context?.budgetSignal,
      );
    } catch (error) {
      this.breaker.failure();
      const spent = context?.budgetSignal?.aborted || (timeoutMs < perCall && /timeout/i.test((error as Error).message));
      throw this.unavailable(spent ? "no answer within the request's time budget" : (error as Error).message);
    }
    if (response.status >= 500) this.breaker.failure();
    else this.breaker.success();
    if (context) {
      context.subgraphBytes = (context.subgraphBytes ?? 0) + response.bodyLength;
      if (context.subgraphBytes > this.limits.maxSubgraphResponseBytes) {
        throw new GraphQLError('The response would be too large', {
          extensions: { code: 'RESPONSE_TOO_LARGE', serviceName: this.serviceName, maxBytes: this.limits.maxSubgraphResponseBytes },
        });
      }
    }
    if (!response.ok) {
      const error = await this.errorFromResponse(response);
      // A 5xx is an outage like no answer at all: the same SERVICE_UNAVAILABLE (which the error formatter
      // passes on) with the status and body as the reason. Other statuses keep Apollo's error; both name the
      // subgraph, which Apollo does only for errors a subgraph answers with.
      if (response.status >= 500) {
        const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
        throw this.unavailable(`${error.message}${body ? `: ${String(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 200)}` : ''}`, error);
      }
      throw new GraphQLError(error.message, { extensions: { ...error.extensions, serviceName: this.serviceName }, originalError: error });
    }
    const body = await this.parseBody(response);
    if (body === null || typeof body !== 'object') throw this.unavailable(`expected a JSON answer, got: ${String(body).slice(0, 200)}`);
    return { ...(body as object), http: response };
  }

  /** A subgraph that cannot be reached costs only its own fields, with an error that names it. */
  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw this.unavailable(error.message, error);
  }

  private unavailable(reason: string, originalError: Error = new SubgraphUnreachable(reason)): GraphQLError {
    return new GraphQLError(`The ${this.serviceName} service is unavailable`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: this.serviceName, reason },
      originalError,
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

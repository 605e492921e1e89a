import { DEFAULT_PAGE_SIZE, MAX_QUERY_COST, MAX_QUERY_DEPTH } from '@lianxin/graphql';

/**
 * Every limit the gateway applies to a request, in one place (README "Security", issue 14). Each one
 * can be set by the environment variable named beside it; the numbers below are the defaults.
 *
 * | limit | default | env | what it bounds |
 * |---|---|---|---|
 * | maxTokens | 3,000 | GATEWAY_MAX_TOKENS | lexer tokens of a document: the parser stops at once (the largest client operation has ~150) |
 * | maxAliases | 20 | GATEWAY_MAX_ALIASES | aliased fields in an operation (with its fragments) |
 * | maxRootFields | 15 | GATEWAY_MAX_ROOT_FIELDS | top-level fields of an operation |
 * | maxDirectives | 20 | GATEWAY_MAX_DIRECTIVES | directives in a document |
 * | maxIntrospectionFields | 2 | GATEWAY_MAX_INTROSPECTION_FIELDS | `__schema` / `__type` fields in an operation (the explorer sends one) |
 * | maxDepth | 12 | GRAPHQL_MAX_DEPTH | nesting of fields, introspection excluded (libs/graphql MAX_QUERY_DEPTH, also each subgraph's) |
 * | maxCost | 20,000 | GRAPHQL_MAX_COST | estimated cost with variable values and default page sizes (operation-cost.ts; libs/graphql MAX_QUERY_COST, also each subgraph's) |
 * | defaultPageSize | 20 | (libs/graphql DEFAULT_PAGE_SIZE) | what `first`/`last` cost when the client leaves them out |
 * | maxResponseBytes | 5 MiB | GATEWAY_MAX_RESPONSE_BYTES | serialized response; larger ones are answered RESPONSE_TOO_LARGE |
 * | maxSubgraphResponseBytes | 8 MiB | GATEWAY_MAX_SUBGRAPH_RESPONSE_BYTES | sum of the subgraph answers of one request (stops building a huge response early) |
 * | bodyLimit | 16mb | GRAPHQL_BODY_LIMIT | request body (people ledger imports arrive as base64 inside requests) |
 */
export interface OperationLimits {
  maxTokens: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxIntrospectionFields: number;
  maxDepth: number;
  maxCost: number;
  defaultPageSize: number;
  maxResponseBytes: number;
  maxSubgraphResponseBytes: number;
  bodyLimit: string;
}

/** Cost weights (operation-cost.ts): a leaf costs 1, an object 2 plus 1.5 × its selection, times its page size. */
export const COST_WEIGHTS = { scalar: 1, object: 2, depthFactor: 1.5 } as const;

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${raw}"`);
  return value;
}

export function loadOperationLimits(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  return {
    maxTokens: positiveInteger(env, 'GATEWAY_MAX_TOKENS', 3_000),
    maxAliases: positiveInteger(env, 'GATEWAY_MAX_ALIASES', 20),
    maxRootFields: positiveInteger(env, 'GATEWAY_MAX_ROOT_FIELDS', 15),
    maxDirectives: positiveInteger(env, 'GATEWAY_MAX_DIRECTIVES', 20),
    maxIntrospectionFields: positiveInteger(env, 'GATEWAY_MAX_INTROSPECTION_FIELDS', 2),
    maxDepth: positiveInteger(env, 'GRAPHQL_MAX_DEPTH', MAX_QUERY_DEPTH),
    maxCost: positiveInteger(env, 'GRAPHQL_MAX_COST', MAX_QUERY_COST),
    defaultPageSize: DEFAULT_PAGE_SIZE,
    maxResponseBytes: positiveInteger(env, 'GATEWAY_MAX_RESPONSE_BYTES', 5 * 1024 * 1024),
    maxSubgraphResponseBytes: positiveInteger(env, 'GATEWAY_MAX_SUBGRAPH_RESPONSE_BYTES', 8 * 1024 * 1024),
    bodyLimit: env.GRAPHQL_BODY_LIMIT ?? '16mb',
  };
}

/** The deployment environment: production unless NODE_ENV says development or test. */
export type GatewayEnvironment = 'production' | 'development' | 'test';

export function gatewayEnvironment(env: NodeJS.ProcessEnv = process.env): GatewayEnvironment {
  const value = env.NODE_ENV?.trim();
  return value === 'development' || value === 'test' ? value : 'production';
}

/**
 * Subgraph calls (issue 14, Availability): each call times out, and all calls of one client request
 * share a budget; a subgraph that does not answer in time costs only its own fields
 * (SERVICE_UNAVAILABLE naming it) and the rest of the response is returned.
 *
 * | setting | default | env |
 * |---|---|---|
 * | one query call | 5 s (development and test: 10 s) | GATEWAY_SUBGRAPH_TIMEOUT_MS |
 * | all calls of one query | 8 s (development and test: 15 s, for slow shared machines) | GATEWAY_REQUEST_BUDGET_MS |
 * | one mutation call, and all calls of one mutation (ledger imports) | 60 s | GATEWAY_MUTATION_TIMEOUT_MS |
 * | circuit breaker | 5 failures, open 10 s | GATEWAY_BREAKER_FAILURES, GATEWAY_BREAKER_OPEN_MS (circuit-breaker.ts) |
 */
export interface SubgraphCallLimits {
  queryTimeoutMs: number;
  queryBudgetMs: number;
  mutationTimeoutMs: number;
  breakerFailures: number;
  breakerOpenMs: number;
  maxSubgraphResponseBytes: number;
}

/**
 * How long each part of a gateway stop may take before it is left behind (GATEWAY_STOP_PART_MS, default 12 s:
 * Apollo's drain gives open requests 10 s); read at start-up, so a bad value fails then and not at SIGTERM.
 */
export function stopPartTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInteger(env, 'GATEWAY_STOP_PART_MS', 12_000);
}

export function loadSubgraphCallLimits(env: NodeJS.ProcessEnv = process.env): SubgraphCallLimits {
  const production = gatewayEnvironment(env) === 'production';
  return {
    queryTimeoutMs: positiveInteger(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', production ? 5_000 : 10_000),
    queryBudgetMs: positiveInteger(env, 'GATEWAY_REQUEST_BUDGET_MS', production ? 8_000 : 15_000),
    mutationTimeoutMs: positiveInteger(env, 'GATEWAY_MUTATION_TIMEOUT_MS', 60_000),
    breakerFailures: positiveInteger(env, 'GATEWAY_BREAKER_FAILURES', 5),
    breakerOpenMs: positiveInteger(env, 'GATEWAY_BREAKER_OPEN_MS', 10_000),
    maxSubgraphResponseBytes: positiveInteger(env, 'GATEWAY_MAX_SUBGRAPH_RESPONSE_BYTES', 8 * 1024 * 1024),
  };
}

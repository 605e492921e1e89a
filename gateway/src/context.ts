import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import { bearerToken, type AuthUser, type TokenVerifier } from '@lianxin/auth';
import { unauthenticated } from '@lianxin/graphql';
import type { GatewayEnvironment } from './limits.js';
import type { TokenBucketLimiter } from './rate-limit.js';
import { bucketKey } from './rate-limit.js';
import { writeCost, type RequestParameters, type WriteCost } from './write-cost.js';
import { allowsArbitrary, type ArbitraryOperationPolicy, type DocumentResolution } from './trusted-documents.js';

export interface GatewayContext {
  headers: Record<string, string | undefined>;
  user?: AuthUser;
  /** Epoch ms by which every subgraph call of this request must be answered (set at the first call). */
  deadline?: number;
  mutation?: boolean;
  /** Aborts every subgraph call of this request still running when the budget is spent. */
  budgetSignal?: AbortSignal;
  /** Characters of subgraph answers so far (the response size budget). */
  subgraphBytes?: number;
}

/** An operation that only reads the schema (the explorer needs it before anyone logs in). */
export function isIntrospectionOnly(query: string | undefined, maxTokens?: number): boolean {
  if (!query) return false;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return false;
  }
  return document.definitions.every(
    (definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ||
      (definition.kind === Kind.OPERATION_DEFINITION &&
        definition.selectionSet.selections.every(
          (selection) => selection.kind === Kind.FIELD && ['__schema', '__type', '__typename'].includes(selection.name.value),
        )),
  );
}

function withStatus(error: GraphQLError, status: number, headers?: Map<string, string>): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status, ...(headers ? { headers } : {}) } } });
}

export function rateLimited(retryAfterSeconds: number, limit: 'user' | 'address', writes?: { cost: WriteCost; available: number }): GraphQLError {
  // A request of several writes says what it cost and what is left, so a client can send a smaller batch now.
  const batch = writes && writes.cost.cost > 1 ? writes : undefined;
  const reason = batch
    ? `the request applies ${batch.cost.cost} writes${describeBatches(batch.cost)} and ${batch.available} are left of your rate limit: send at most ${batch.available} now, or all in ${retryAfterSeconds} s`
    : undefined;
  return withStatus(
    new GraphQLError(reason ? `Too many requests: ${reason}` : `Too many requests: try again in ${retryAfterSeconds} s`, {
      extensions: { code: 'RATE_LIMITED', limit, retryAfterSeconds, ...(batch ? { cost: batch.cost.cost, available: batch.available, reason } : {}) },
    }),
    429,
    new Map([['retry-after', String(retryAfterSeconds)]]),
  );
}

function describeBatches(cost: WriteCost): string {
  return cost.batches.length ? ` (${cost.batches.map((batch) => `${batch.path}: ${batch.items} items`).join(', ')})` : '';
}

/** A request that costs more than a full bucket: it could never pass, so it is the client's to split (nothing ran). */
function tooManyWrites(cost: WriteCost, burst: number): GraphQLError {
  const largest = [...cost.batches].sort((a, b) => b.items - a.items)[0];
  const field = largest?.path ?? 'mutation';
  const reason = `the request applies ${cost.cost} writes${describeBatches(cost)}, more than the ${burst} one request may apply under the per-user rate limit: send at most ${burst} per call`;
  return withStatus(
    new GraphQLError(`Invalid ${field}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', field, reason, limit: 'user', cost: cost.cost, maxCost: burst } }),
    400,
  );
}

export interface ContextPolicy {
  environment: GatewayEnvironment;
  arbitrary: ArbitraryOperationPolicy;
  userLimiter: TokenBucketLimiter | null;
  maxTokens?: number;
}

const DEVELOPMENT_POLICY: ContextPolicy = { environment: 'development', arbitrary: { kind: 'all' }, userLimiter: null };

/**
 * Rejects a missing or bad token before any subgraph is called; subgraphs verify again and
 * apply the area scope themselves. Then, in this order: the caller's rate limit (429 with Retry-After; a
 * request costs one token per write it asks for, a syncFieldWork batch one per item: write-cost.ts),
 * and whether the caller may send a document that is not registered (trusted-documents.ts).
 * Without a token only schema reads pass, and only outside production (the explorer in development).
 */
export async function buildContext(
  verifier: TokenVerifier,
  headers: IncomingHttpHeaders,
  query: string | undefined,
  policy: ContextPolicy = DEVELOPMENT_POLICY,
  document: DocumentResolution = { kind: 'arbitrary' },
  /** The request's variables and operation name: a batch's size decides what it costs (write-cost.ts). */
  request: RequestParameters = {},
): Promise<GatewayContext> {
  const forwarded: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) forwarded[name] = Array.isArray(value) ? value[0] : value;
  const token = bearerToken(forwarded.authorization);
  if (!token) {
    if (policy.environment !== 'production' && document.kind !== 'unknown-hash' && isIntrospectionOnly(query, policy.maxTokens)) return { headers: forwarded };
    throw withStatus(unauthenticated('no bearer token in the Authorization header'), 401);
  }
  let user: AuthUser;
  try {
    user = await verifier.verify(token);
  } catch (error) {
    if (error instanceof GraphQLError) throw withStatus(error, 401);
    throw error;
  }
  if (policy.userLimiter) {
    // One token per write the request asks for; refused whole (nothing runs) when the bucket holds fewer.
    const cost = writeCost(query, request, policy.maxTokens);
    if (cost.cost > policy.userLimiter.burst) throw tooManyWrites(cost, policy.userLimiter.burst);
    const decision = policy.userLimiter.take(bucketKey('user', user.sub), cost.cost);
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds, 'user', { cost, available: decision.available });
  }
  if (document.kind === 'unknown-hash') throw persistedQueryNotFound();
  if (document.kind === 'arbitrary' && !allowsArbitrary(policy.arbitrary, user)) {
    throw withStatus(
      new GraphQLError('Only registered operations are accepted: send extensions.persistedQuery.sha256Hash of an operation of libs/client', {
        extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' },
      }),
      400,
    );
  }
  return { headers: forwarded, user };
}

/** Apollo's answer to a hash it does not know: the client may retry with the document (where allowed). */
export function persistedQueryNotFound(): GraphQLError {
  return new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
}

import { createHash } from 'node:crypto';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan, type QueryPlannerConfig } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';

/**
 * Everything the prepared plans (issue 20) assume about @apollo/gateway, in one place. Written against
 * @apollo/gateway 2.14.4 (node_modules/@apollo/gateway/src/index.ts); no private field is touched:
 *
 * 1. `queryPlannerConfig.cache` (public config, typed `QueryPlanCache`) replaces the gateway's own plan
 *    store (`initQueryPlanStore`); the gateway calls `clear()` on it whenever it takes a new supergraph
 *    (`updateWithSchemaAndNotify`) and *then* notifies `onSchemaLoadOrUpdate` listeners.
 * 2. The executor looks a plan up under `queryHash` (Apollo Server: sha256 hex of the request's query
 *    text, which for a registered operation is the registered text, so its manifest id), or under
 *    sha256(queryHash ‖ operationName) when the request names its operation: `planStoreKey` below.
 * 3. A plan is built with a `QueryPlanner` of the supergraph (same `queryPlannerConfig`) from
 *    `operationFromDocument(apiSchema, document, { operationName })`, with the two security-limit
 *    switches the gateway reads from the environment: `planner(...)` below does the same with the same
 *    packages (the versions @apollo/gateway itself resolves).
 *
 * gateway/src/plans/apollo-gateway-contract.spec.ts fails when any of this stops being true (another
 * key, another package version beside the gateway, the cache not consulted, clear() not called), and
 * gateway/test/prepared-plans.test.ts counts the plans a real gateway builds on request.
 */
export const CONTRACT_GATEWAY_VERSION = '2.14.4';

export function planStoreKey(queryHash: string, operationName?: string | null): string {
  return operationName ? createHash('sha256').update(queryHash).update(operationName).digest('hex') : queryHash;
}

export interface OperationPlanner {
  /** The plan of the named operation of `document` (throws when it does not plan against this supergraph). */
  plan(document: DocumentNode, operationName: string | undefined): QueryPlan;
}

/**
 * A query planner of `supergraphSdl`, as the gateway builds its own. The supergraph was already accepted
 * (and, outside production, validated) by the gateway before its listeners hear of it, so it is not
 * validated again here.
 */
export function planner(supergraphSdl: string, config: QueryPlannerConfig, env: NodeJS.ProcessEnv): OperationPlanner {
  const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: false });
  const apiSchema = supergraph.apiSchema();
  const queryPlanner = new QueryPlanner(supergraph, config);
  const options = {
    recursiveSelectionsLimitDisabled: env.APOLLO_DISABLE_SECURITY_RECURSIVE_SELECTIONS_CHECK === 'true',
    nonLocalSelectionsLimitDisabled: env.APOLLO_DISABLE_SECURITY_NON_LOCAL_SELECTIONS_CHECK === 'true',
  };
  return {
    plan: (document, operationName) => queryPlanner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName }), options),
  };
}

import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/** The depth and cost limits of every operation, at the gateway (gateway/src/limits.ts) and in each subgraph (README, Security). */
export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_COST = 20_000;

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: Number(process.env.GRAPHQL_MAX_DEPTH ?? MAX_QUERY_DEPTH),
  maxCost: Number(process.env.GRAPHQL_MAX_COST ?? MAX_QUERY_COST),
};

/** Report, don't throw: a thrown validation error reaches clients as an HTTP 500. */
const reportRejection = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };

/** Depth and cost limits as validation rules; rejected operations come back as GRAPHQL_VALIDATION_FAILED (HTTP 400). */
export function queryLimitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...reportRejection }) as unknown as ValidationRule,
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true, ...reportRejection }) as unknown as ValidationRule,
  ];
}

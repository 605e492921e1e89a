import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ValidationRule } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: Number(process.env.GRAPHQL_MAX_DEPTH ?? 12),
  maxCost: Number(process.env.GRAPHQL_MAX_COST ?? 20000),
};

/** Depth and cost limits as validation rules; rejected operations come back as GRAPHQL_VALIDATION_FAILED. */
export function queryLimitRules(limits: QueryLimits = DEFAULT_QUERY_LIMITS): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true }) as unknown as ValidationRule,
    costLimitRule({ maxCost: limits.maxCost, ignoreIntrospection: true }) as unknown as ValidationRule,
  ];
}

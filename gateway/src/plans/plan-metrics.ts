import { Counter, Gauge, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * /metrics of the query-plan store and its preparation (issue 20). Counters and `prepared` are summed
 * over workers by the cluster primary; the preparation time is the slowest worker's.
 */
export function planMetrics() {
  return {
    lookups: metric(
      'gateway_query_plan_lookups_total',
      () =>
        new Counter({
          name: 'gateway_query_plan_lookups_total',
          help: 'Query-plan look-ups of the gateway by result: prepared (a registered operation planned at start-up), hit (a plan built on an earlier request), miss (the gateway builds the plan now)',
          labelNames: ['result'] as const,
        }),
    ),
    built: metric(
      'gateway_query_plans_built_on_request_total',
      () => new Counter({ name: 'gateway_query_plans_built_on_request_total', help: 'Query plans the gateway built while a request waited (the plan was in no store)' }),
    ),
    evictions: metric(
      'gateway_query_plan_evictions_total',
      () => new Counter({ name: 'gateway_query_plan_evictions_total', help: 'Plans built on request dropped for room (prepared plans are never dropped)' }),
    ),
    prepared: metric(
      'gateway_query_plans_prepared',
      () =>
        new Gauge({
          name: 'gateway_query_plans_prepared',
          help: 'Registered operations the last preparation planned (result="planned") or could not plan against the supergraph (result="failed")',
          labelNames: ['result'] as const,
        }),
    ),
    preparations: metric(
      'gateway_query_plan_preparations_total',
      () =>
        new Counter({
          name: 'gateway_query_plan_preparations_total',
          help: 'Preparations of the registered operations\' plans finished, by reason (start, supergraph-update)',
          labelNames: ['reason'] as const,
        }),
    ),
    duration: metric(
      'gateway_query_plan_preparation_seconds',
      () =>
        new Gauge({
          name: 'gateway_query_plan_preparation_seconds',
          help: 'How long the last preparation of the registered operations took (wall clock, including the planner of the supergraph)',
          aggregator: 'max',
        }),
    ),
  };
}

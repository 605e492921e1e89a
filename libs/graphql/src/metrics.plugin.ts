import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, register } from 'prom-client';

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Request rate, latency per operation and errors by code, on the default prom-client registry. */
export function metricsPlugin(): ApolloServerPlugin {
  const duration = metric(
    'graphql_request_duration_seconds',
    () =>
      new Histogram({
        name: 'graphql_request_duration_seconds',
        help: 'GraphQL request latency by operation',
        labelNames: ['operation', 'type'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  );
  const errors = metric(
    'graphql_errors_total',
    () => new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors by code', labelNames: ['operation', 'code'] }),
  );
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async didEncounterErrors({ errors: list, operationName }) {
          for (const error of list) {
            errors.inc({ operation: operationName ?? 'anonymous', code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
        async willSendResponse({ operationName, operation }) {
          stop({ operation: operationName ?? 'anonymous', type: operation?.operation ?? 'unknown' });
        },
      };
    },
  };
}

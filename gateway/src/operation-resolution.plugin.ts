import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * In gateway mode Apollo Server hands an operation name that matches nothing to the query planner,
 * which fails with an HTTP 500; answer it as the client's mistake instead.
 */
export function operationResolutionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName ? `Unknown operation named "${request.operationName}"` : 'The document has several operations: name one',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}

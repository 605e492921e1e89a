import type { ApolloServerPlugin } from '@apollo/server';
import { Logger } from '@nestjs/common';
import { isUnexpectedError } from './errors.js';

type ErrorLogger = Pick<Logger, 'error'>;

/**
 * Logs every error that formatGraphQLError hides behind INTERNAL_SERVER_ERROR, with its cause and
 * path, so operators see why a request failed. Known errors (bad input, forbidden …) are the
 * client's business and only counted (metrics.plugin.ts).
 */
export function unexpectedErrorLogPlugin(logger: ErrorLogger = new Logger('GraphQL')): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (!isUnexpectedError(error)) continue;
            logger.error({ msg: 'unexpected error in a GraphQL request', operationName, path: error.path?.join('.'), err: error.originalError ?? error });
          }
        },
      };
    },
  };
}

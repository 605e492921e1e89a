import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { bearerToken, TokenVerifier, type RequestWithUser } from '@lianxin/auth';
import { formatGraphQLError, metricsPlugin, queryLimitRules, unexpectedErrorLogPlugin } from '@lianxin/graphql';
import { serviceName } from './platform.module.js';

/** Stack traces and other development aids only when NODE_ENV=development; unset means production (./lianxin up and start set development). */
export const isDevelopment = (): boolean => process.env.NODE_ENV === 'development';

/**
 * A Federation 2 subgraph on Apollo Server: code-first schema, error formatting in one place,
 * query limits, no inline tracing (ftv1 costs time on every request and nothing here reads it) and
 * no cache-control hints (nothing caches by them, and the plugin wraps every field resolver).
 * The token is verified once when the request's context is built, so reference resolvers
 * (which Nest guards do not cover) see the caller too.
 */
export interface SubgraphGraphQLOptions {
  /**
   * Types no field of this subgraph returns but it still declares, e.g. an entity owned elsewhere that
   * this subgraph only extends with fields (Viewer): without them Nest leaves the type out.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- Nest's own type for class references
  orphanedTypes?: Function[];
}

export function subgraphGraphQLModule(options: SubgraphGraphQLOptions = {}): Promise<DynamicModule> | DynamicModule {
  return GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    inject: [TokenVerifier],
    useFactory: (verifier: TokenVerifier) => ({
      autoSchemaFile: { federation: 2 },
      ...(options.orphanedTypes?.length ? { buildSchemaOptions: { orphanedTypes: options.orphanedTypes } } : {}),
      sortSchema: true,
      path: '/graphql',
      playground: false,
      introspection: true,
      // Fastify hands over its request (Express, and print-schema, an object holding it).
      context: async (arg: RequestWithUser & { req?: RequestWithUser }) => {
        const req = arg.req ?? arg;
        const header = req.headers.authorization;
        const token = bearerToken(Array.isArray(header) ? header[0] : header);
        if (token && !req.user) req.user = await verifier.verify(token).catch(() => undefined);
        return { req };
      },
      formatError: (formatted, error) => formatGraphQLError(formatted, error, isDevelopment(), serviceName()),
      validationRules: queryLimitRules(),
      plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), metricsPlugin(), unexpectedErrorLogPlugin()],
    }),
  });
}

import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { formatGraphQLError } from './errors.js';
import { queryLimitRules } from './limits.js';
import { metricsPlugin } from './metrics.plugin.js';

export const isDevelopment = (): boolean => (process.env.NODE_ENV ?? 'development') === 'development';

/**
 * A Federation 2 subgraph on Apollo Server: code-first schema, error formatting in one place,
 * query limits, no inline tracing (ftv1 costs time on every request and nothing here reads it).
 */
export function subgraphGraphQLModule(): Promise<DynamicModule> | DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: true,
    context: ({ req }: { req: unknown }) => ({ req }),
    formatError: (formatted, error) => formatGraphQLError(formatted, error, isDevelopment()),
    validationRules: queryLimitRules(),
    plugins: [ApolloServerPluginInlineTraceDisabled(), metricsPlugin()],
  });
}

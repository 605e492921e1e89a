import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { authenticatedUser, type AuthUser } from '@lianxin/auth';
import type { GraphQLContext } from '../graphql-context.js';

/**
 * The verified caller for field resolvers. Unlike @CurrentUser it also works below `_entities`,
 * where no Nest guard ran: the user comes from the request context, UNAUTHENTICATED without one.
 */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser =>
  authenticatedUser(GqlExecutionContext.create(context).getContext<GraphQLContext>()),
);

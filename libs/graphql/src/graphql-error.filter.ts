import { Catch, type ExceptionFilter } from '@nestjs/common';
import { GraphQLError } from 'graphql';

/**
 * Errors we raise on purpose (bad input, forbidden, conflict …) go to the client as they are:
 * without this filter Nest logs each one as an unexpected exception with its stack.
 */
@Catch(GraphQLError)
export class GraphQLErrorPassthroughFilter implements ExceptionFilter {
  catch(error: GraphQLError): GraphQLError {
    return error;
  }
}

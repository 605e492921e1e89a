import type { GraphQLRequestListener } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { badUserInput, conflict } from './errors.js';
import { unexpectedErrorLogPlugin } from './error-log.plugin.js';

async function reportErrors(errors: GraphQLError[]): Promise<unknown[]> {
  const logged: unknown[] = [];
  const plugin = unexpectedErrorLogPlugin({ error: (entry: unknown) => void logged.push(entry) });
  const listener = (await plugin.requestDidStart!({} as never)) as GraphQLRequestListener<object>;
  await listener.didEncounterErrors!({ errors, operationName: 'CaseList' } as never);
  return logged;
}

describe('unexpectedErrorLogPlugin', () => {
  it('logs an error the client sees only as INTERNAL_SERVER_ERROR, with its cause and path', async () => {
    const cause = new Error('syntax error at or near ","');
    const hidden = new GraphQLError(cause.message, { path: ['cases', 'edges', 0, 'node', 'grid', 'name'], originalError: cause });
    const logged = await reportErrors([hidden]);
    expect(logged).toEqual([expect.objectContaining({ operationName: 'CaseList', path: 'cases.edges.0.node.grid.name', err: cause })]);
  });

  it('leaves the errors meant for the client (bad input, conflicts, optimistic locks, malformed requests) to the metrics', async () => {
    const lock = new Error('the entity was changed');
    lock.name = 'OptimisticLockError';
    const logged = await reportErrors([
      badUserInput('title', 'must not be empty'),
      conflict('the case is closed'),
      new GraphQLError(lock.message, { originalError: lock }),
      new GraphQLError('Cannot query field "x"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    expect(logged).toEqual([]);
  });
});

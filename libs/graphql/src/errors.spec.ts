import { GraphQLError } from 'graphql';
import { formatGraphQLError, isDatabaseUnavailable } from './errors.js';

const asFormatted = (error: GraphQLError) => ({ message: error.message, path: ['cases'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
const driverError = (name: string, code: string, message = 'boom') => Object.assign(new Error(message), { name, code });

describe('PostgreSQL down → SERVICE_UNAVAILABLE (issue 14)', () => {
  it.each([
    ['connection refused', driverError('ConnectionException', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:55432')],
    ['server shut down (57P01)', driverError('DriverException', '57P01', 'terminating connection due to administrator command')],
    ['connection lost', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped cause', new Error('query failed', { cause: driverError('Error', '08006') })],
  ])('answers %s as SERVICE_UNAVAILABLE naming the service, retryable', (_name, cause) => {
    const error = new GraphQLError('failed', { originalError: cause });
    expect(isDatabaseUnavailable(cause)).toBe(true);
    expect(formatGraphQLError(asFormatted(error), error, false, 'cases')).toEqual({
      message: 'The cases service is unavailable',
      path: ['cases'],
      locations: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'cases', reason: expect.any(String), retryable: true },
    });
  });

  it('keeps other unexpected errors INTERNAL_SERVER_ERROR without details', () => {
    const error = new GraphQLError('failed', { originalError: driverError('DriverException', '42P01', 'relation "x" does not exist') });
    expect(isDatabaseUnavailable(error.originalError)).toBe(false);
    expect(formatGraphQLError(asFormatted(error), error, false, 'cases')).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});

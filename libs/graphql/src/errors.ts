import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes every subgraph and the gateway use (ARCHITECTURE.md, Errors). */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** A subgraph could not be reached; the rest of the response is still served. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export function badUserInput(field: string, reason: string): GraphQLError {
  return new GraphQLError(`Invalid ${field}: ${reason}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, reason } });
}

export function unauthenticated(reason = 'a valid access token is required'): GraphQLError {
  return new GraphQLError(`Unauthenticated: ${reason}`, { extensions: { code: ErrorCode.UNAUTHENTICATED, reason } });
}

export function forbidden(reason: string): GraphQLError {
  return new GraphQLError(`Forbidden: ${reason}`, { extensions: { code: ErrorCode.FORBIDDEN, reason } });
}

export function notFound(what: string, key: string): GraphQLError {
  return new GraphQLError(`${what} ${key} was not found`, { extensions: { code: ErrorCode.NOT_FOUND, what, key } });
}

export function conflict(reason: string): GraphQLError {
  return new GraphQLError(`Conflict: ${reason}`, { extensions: { code: ErrorCode.CONFLICT, reason } });
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
/** Codes graphql-js / Apollo Server assign to malformed requests; they are safe to pass through. */
const REQUEST_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

function isOptimisticLockFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'OptimisticLockError';
}

function isUnexpectedCode(code: string): boolean {
  return !(KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) && !REQUEST_CODES.has(code);
}

/** An error the client sees only as INTERNAL_SERVER_ERROR (a bug or an outage): the service must log it. */
export function isUnexpectedError(error: GraphQLError): boolean {
  return !isOptimisticLockFailure(error.originalError ?? error) && isUnexpectedCode(String(error.extensions?.code ?? ''));
}

/**
 * One place that decides what a client sees: our codes pass through, optimistic-lock failures
 * become CONFLICT, anything unexpected becomes a generic INTERNAL_SERVER_ERROR. Stack traces
 * are kept only when `exposeStack` (development).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, exposeStack = false): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = String(formatted.extensions?.code ?? '');
  const { stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const keep = (ext: Record<string, unknown>): GraphQLFormattedError => ({
    ...formatted,
    extensions: exposeStack && stacktrace ? { ...ext, stacktrace } : ext,
  });

  if (isOptimisticLockFailure(original)) {
    return keep({ code: ErrorCode.CONFLICT, reason: 'the record was changed by someone else; reload and try again' });
  }
  if (!isUnexpectedCode(code)) return keep(extensions);
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: keep({ code: ErrorCode.INTERNAL_SERVER_ERROR }).extensions };
}

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

/** The service's own dependency (its database) is down: retryable, names the service like the gateway does. */
export function serviceUnavailable(serviceName: string, reason = 'the service cannot reach its database; try again shortly'): GraphQLError {
  return new GraphQLError(`The ${serviceName} service is unavailable`, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName, reason, retryable: true } });
}

/** Socket errors and PostgreSQL's connection / shutdown states (SQLSTATE classes 08 and 57P, 53300 too many connections). */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_ERROR_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection due to administrator command|Connection ended unexpectedly/i;

/** A database connection failure (MikroORM's ConnectionException, pg's socket or SQLSTATE errors), anywhere in the cause chain. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); ) {
    seen.add(current);
    const { code, name } = current as Error & { code?: unknown };
    if (name === 'ConnectionException') return true;
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) return true;
    if (CONNECTION_ERROR_MESSAGES.test(current.message)) return true;
    const next: unknown = (current as { originalError?: unknown }).originalError ?? current.cause;
    if (next instanceof AggregateError) return next.errors.some((inner) => isDatabaseUnavailable(inner));
    current = next;
  }
  return false;
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
 * are kept only when `exposeStack` (development). A lost database connection becomes SERVICE_UNAVAILABLE
 * naming `serviceName` (retryable), not INTERNAL_SERVER_ERROR.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown, exposeStack = false, serviceName?: string): GraphQLFormattedError {
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
  if (serviceName && isDatabaseUnavailable(original)) {
    const unavailable = serviceUnavailable(serviceName);
    return { message: unavailable.message, path: formatted.path, locations: formatted.locations, extensions: keep({ ...unavailable.extensions }).extensions };
  }
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: keep({ code: ErrorCode.INTERNAL_SERVER_ERROR }).extensions };
}

import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** A readable reason from a GraphQL or network error (extensions.code, field and reason when given). */
export function describeError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors
      .map((entry) => {
        const ext = (entry.extensions ?? {}) as { code?: string; field?: string; reason?: string };
        return [ext.code, ext.field, ext.reason ?? entry.message].filter(Boolean).join(' · ');
      })
      .join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Codes after which sending the same write again cannot succeed. */
const FINAL_CODES = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND']);

export function isFinalRefusal(error: unknown): boolean {
  if (!CombinedGraphQLErrors.is(error)) return false;
  return error.errors.some((entry) => FINAL_CODES.has(String((entry.extensions as { code?: string } | undefined)?.code)));
}

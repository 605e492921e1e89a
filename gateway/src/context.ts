import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import { bearerToken, type AuthUser, type TokenVerifier } from '@lianxin/auth';
import { unauthenticated } from '@lianxin/graphql';

export interface GatewayContext {
  headers: Record<string, string | undefined>;
  user?: AuthUser;
}

/** An operation that only reads the schema (the explorer needs it before anyone logs in). */
export function isIntrospectionOnly(query: string | undefined): boolean {
  if (!query) return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  return document.definitions.every(
    (definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ||
      (definition.kind === Kind.OPERATION_DEFINITION &&
        definition.selectionSet.selections.every(
          (selection) => selection.kind === Kind.FIELD && ['__schema', '__type', '__typename'].includes(selection.name.value),
        )),
  );
}

function withStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status } } });
}

/**
 * Rejects a missing or bad token before any subgraph is called; subgraphs verify again and
 * apply the area scope themselves.
 */
export async function buildContext(
  verifier: TokenVerifier,
  headers: IncomingHttpHeaders,
  query: string | undefined,
): Promise<GatewayContext> {
  const forwarded: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) forwarded[name] = Array.isArray(value) ? value[0] : value;
  const token = bearerToken(forwarded.authorization);
  if (!token) {
    if (isIntrospectionOnly(query)) return { headers: forwarded };
    throw withStatus(unauthenticated('no bearer token in the Authorization header'), 401);
  }
  try {
    return { headers: forwarded, user: await verifier.verify(token) };
  } catch (error) {
    if (error instanceof GraphQLError) throw withStatus(error, 401);
    throw error;
  }
}

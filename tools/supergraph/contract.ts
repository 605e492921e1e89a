// Composition and the contract check, as pure functions (tested in contract.spec.ts).
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { extendSchema, findBreakingChanges, findDangerousChanges, lexicographicSortSchema, parse, printSchema, type GraphQLSchema } from 'graphql';
import { LIVE_SCHEMA_PARTS, LIVE_SCHEMA_SDL } from '../../gateway/src/live/live-schema.ts';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface ContractReport {
  composed?: string;
  compositionErrors: string[];
  breaking: string[];
  dangerous: string[];
}

export function compose(subgraphs: SubgraphSdl[]): { supergraph?: string; errors: string[] } {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) return { errors: result.errors.map((error) => error.message) };
  return { supergraph: result.supergraphSdl, errors: [] };
}

/** What clients see: the supergraph's API schema (no join/link machinery, no @inaccessible). */
export function apiSchemaOf(supergraph: string): GraphQLSchema {
  return Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
}

/**
 * The gateway's subscriptions (gateway/src/live/live-schema.ts) added to an API schema, when the schema
 * has the types they return (a test supergraph may not).
 */
export function withLiveSubscriptions(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getSubscriptionType() || !['Case', 'ServiceOrder', 'CaseStatus', 'DateTime'].every((name) => schema.getType(name))) return schema;
  let extended = extendSchema(schema, parse(LIVE_SCHEMA_SDL));
  for (const part of LIVE_SCHEMA_PARTS) if (part.requires.every((name) => schema.getType(name))) extended = extendSchema(extended, parse(part.sdl));
  return extended;
}

/** The public API schema as frontend teams read it (subscriptions included), sorted so that diffs stay small. */
export function printApiSchema(supergraph: string): string {
  return `${printSchema(lexicographicSortSchema(withLiveSubscriptions(apiSchemaOf(supergraph))))}\n`;
}

/**
 * Composes the candidate subgraphs and compares the result with the committed supergraph, as
 * rover/GraphOS checks do: removed types or fields, changed types, tightened input nullability,
 * new required arguments are breaking; added enum values and similar are reported as dangerous.
 */
export function checkContract(committedSupergraph: string | undefined, subgraphs: SubgraphSdl[]): ContractReport {
  const { supergraph, errors } = compose(subgraphs);
  if (!supergraph) return { compositionErrors: errors, breaking: [], dangerous: [] };
  if (!committedSupergraph) return { composed: supergraph, compositionErrors: [], breaking: [], dangerous: [] };
  const before = apiSchemaOf(committedSupergraph);
  const after = apiSchemaOf(supergraph);
  return {
    composed: supergraph,
    compositionErrors: [],
    breaking: findBreakingChanges(before, after).map((change) => `${change.type}: ${change.description}`),
    dangerous: findDangerousChanges(before, after).map((change) => `${change.type}: ${change.description}`),
  };
}

import { GraphQLScalarType } from 'graphql';
import { GraphQLJSON } from 'graphql-scalars';

/** graphql-scalars' JSON scalar, described like the grids subgraph's (the supergraph merges the two). */
export const JSONScalar = new GraphQLScalarType({
  ...GraphQLJSON.toConfig(),
  description: 'A JSON value, used only where the shape is open, e.g. GeoJSON geometry. JSON 值（如 GeoJSON 几何）',
});

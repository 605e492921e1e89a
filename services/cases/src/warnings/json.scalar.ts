import { GraphQLScalarType } from 'graphql';
import { GraphQLJSON as BaseJSON } from 'graphql-scalars';

/** graphql-scalars' JSON scalar, described exactly as the grids subgraph describes it (one scalar in the supergraph). */
export const GraphQLJSON = new GraphQLScalarType({
  ...BaseJSON.toConfig(),
  description: 'A JSON value, used only where the shape is open, e.g. GeoJSON geometry. JSON 值（如 GeoJSON 几何）',
});

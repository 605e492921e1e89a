import { Directive, Field, ObjectType } from '@nestjs/graphql';

/**
 * The grids subgraph owns Grid; this subgraph only adds fields to it by key (多网合一: the police net
 * hangs on the same grid). A representation `{ __typename: "Grid", code }` is the whole parent object.
 */
@ObjectType('Grid', { description: 'A grid: the smallest unit of community governance, inside a village or community. 网格' })
@Directive('@key(fields: "code")')
export class Grid {
  @Field({ description: 'Grid code: 15 digits, starting with the 12-digit village code. 网格代码' })
  code: string;
}

export const GRID_CODE = /^\d{15}$/;
export const GRID_CODE_MESSAGE = 'must be a 15-digit grid code';

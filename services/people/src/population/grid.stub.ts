import { Directive, Field, ObjectType } from '@nestjs/graphql';

/** The grids subgraph's Grid; this subgraph adds its households and population. */
@ObjectType({ description: 'A grid (owned by the grids subgraph). 网格' })
@Directive('@key(fields: "code")')
export class Grid {
  @Field({ description: 'Grid code (15 digits). 网格编码' })
  code: string;
}

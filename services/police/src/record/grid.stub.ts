import { Directive, Field, ObjectType } from '@nestjs/graphql';

/** The grids subgraph owns Grid; this subgraph adds fields to it by key. */
@ObjectType('Grid')
@Directive('@key(fields: "code")')
export class Grid {
  @Field({ description: 'Grid code. 网格编码' })
  code: string;
}

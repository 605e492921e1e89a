import { Directive, Field, ObjectType } from '@nestjs/graphql';

/** The organizations subgraph's Area; this subgraph adds its population. */
@ObjectType({ description: 'An administrative area (owned by the organizations subgraph). 行政区划' })
@Directive('@key(fields: "code")')
export class Area {
  @Field({ description: 'Statistical division code. 区划代码' })
  code: string;
}

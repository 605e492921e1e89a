import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** The organizations subgraph's party organization, pointed at by id. */
@ObjectType({ description: 'A party organization (owned by the organizations subgraph). 党组织' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: 'Organization id. 组织ID' })
  id: string;
}

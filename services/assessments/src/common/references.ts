import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The people subgraph owns Person; this subgraph points at persons (rated party members, assessed
 * staff) and contributes Person.starRating and Person.starRatingHistory by key.
 */
@ObjectType('Person', { description: 'A person in the population ledgers of a grid. 实有人口' })
@Directive('@key(fields: "id")')
export class PersonReference {
  @Field(() => ID, { description: 'Id. 人员ID' })
  id: string;
}

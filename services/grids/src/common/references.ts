import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/*
 * Entities other subgraphs own, as this subgraph sees them. Area is extended here (Area.grids), so
 * it stays resolvable by its key; the others are only pointed at (resolvable: false). Descriptions
 * repeat the owner's word for word, so the supergraph shows the owner's text.
 */

@ObjectType('Area', { description: 'An administrative area from province down to village, keyed by its statistical division code. 行政区划' })
@Directive('@key(fields: "code")')
export class AreaReference {
  @Field({ description: 'Statistical division code; a child code starts with its parent code. 区划代码' })
  code: string;
}

@ObjectType('Organization', { description: 'A party organization, governance centre or co-building unit attached to an area (or a grid). 区域组织' })
@Directive('@key(fields: "id", resolvable: false)')
export class OrganizationReference {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  id: string;
}

@ObjectType('Person', { description: 'A person in the population ledgers of a grid. 实有人口' })
@Directive('@key(fields: "id", resolvable: false)')
export class PersonReference {
  @Field(() => ID, { description: 'Id. 人员ID' })
  id: string;
}

@ObjectType('Household', { description: 'A household: head, members, address, grid and the party member who links it. 户' })
@Directive('@key(fields: "id", resolvable: false)')
export class HouseholdReference {
  @Field(() => ID, { description: 'Id. 户ID' })
  id: string;
}

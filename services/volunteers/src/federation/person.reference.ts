import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Person is owned by the people subgraph; this subgraph points at it and contributes `volunteer` and `points`. */
@ObjectType('Person', { description: 'A person in the population ledgers of a grid. 实有人口' })
@Directive('@key(fields: "id")')
export class PersonReference {
  @Field(() => ID, { description: 'Id. 人员ID' })
  id: string;
}

export function personRef(id: string): PersonReference;
export function personRef(id: string | null): PersonReference | null;
export function personRef(id: string | null): PersonReference | null {
  return id ? { id } : null;
}

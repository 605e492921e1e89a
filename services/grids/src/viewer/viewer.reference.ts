import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Viewer is owned by the people subgraph (Query.viewer: who am I). This subgraph extends it by its key
 * with the grids the caller serves in. Its id is the caller's Keycloak subject.
 */
@ObjectType('Viewer', { description: 'Who is calling: account, roles, scope and what is theirs. 当前用户' })
@Directive('@key(fields: "id")')
export class ViewerReference {
  @Field(() => ID, { description: 'The Keycloak subject of the caller. 账号ID' })
  id: string;
}

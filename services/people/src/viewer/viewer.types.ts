import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Who is calling (issue 13): account, roles and scope from the verified token, and the caller's own
 * Person. Owned by this subgraph; cases, volunteers and grids add their fields by the key. Its id is
 * the caller's Keycloak subject, and a Viewer only ever resolves for the caller themselves.
 */
@ObjectType('Viewer', { description: 'Who is calling: account, roles, scope and what is theirs. 当前用户' })
@Directive('@key(fields: "id")')
export class Viewer {
  @Field(() => ID, { description: 'The Keycloak subject of the caller. 账号ID' })
  id: string;

  @Field({ description: 'Login name. 用户名' })
  username: string;

  @Field(() => [String], { description: 'Realm roles, e.g. grid-worker. 角色' })
  roles: string[];

  @Field({ description: 'Code of the area the caller\'s scope starts at (they see it and everything below). 管辖区划代码' })
  areaCode: string;

  @Field(() => String, { nullable: true, description: 'Department of department staff, e.g. CIVIL_AFFAIRS. 所属部门代码' })
  departmentCode: string | null;
}

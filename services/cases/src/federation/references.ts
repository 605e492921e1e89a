import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Entities owned by other subgraphs. Cases points at them and contributes fields to them
 * (ARCHITECTURE.md, Federation): only their keys live here, described as their owners describe them.
 */

@ObjectType('Person', { description: 'A person in the population ledgers of a grid. 实有人口' })
@Directive('@key(fields: "id")')
export class PersonReference {
  @Field(() => ID, { description: 'Id. 人员ID' })
  id: string;
}

@ObjectType('Grid', { description: 'A grid: the smallest unit of community governance, inside a village or community. 网格' })
@Directive('@key(fields: "code")')
export class GridReference {
  @Field({ description: 'Grid code: 15 digits, starting with the 12-digit village code. 网格代码' })
  code: string;

  /** Owned by grids; cases answers it only where it @provides it (a case's grid), from grid_name. */
  @Field({ description: 'Name. 名称' })
  @Directive('@external')
  name?: string;
}

@ObjectType('Area', { description: 'An administrative area from province down to village, keyed by its statistical division code. 行政区划' })
@Directive('@key(fields: "code")')
export class AreaReference {
  @Field({ description: 'Statistical division code; a child code starts with its parent code. 区划代码' })
  code: string;
}

@ObjectType('Department', { description: 'A county department that takes dispatched cases (civil affairs, police …). 职能部门' })
@Directive('@key(fields: "id")')
export class DepartmentReference {
  @Field(() => ID, { description: 'Department id. 部门编号' })
  id: string;

  @Field({ description: 'Code, e.g. CIVIL_AFFAIRS; matches the department_code of its staff. 部门代码' })
  @Directive('@external')
  code?: string;

  @Field({ description: 'The county the department belongs to. 所属县区代码' })
  @Directive('@external')
  areaCode?: string;
}

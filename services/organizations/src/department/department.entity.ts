import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'department' })
@Unique({ properties: ['areaCode', 'code'] })
@ObjectType({ description: 'A county department that takes dispatched cases (civil affairs, police …). 职能部门' })
@Directive('@key(fields: "id")')
export class Department extends BaseEntity<'caseCategories'> {
  @Field(() => ID)
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code, e.g. CIVIL_AFFAIRS; matches the department_code of its staff. 部门代码' })
  code: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 名称' })
  name: string;

  @Property({ type: 'text' })
  @Index({ name: 'department_area_code_idx', expression: 'create index "department_area_code_idx" on "department" ("area_code" text_pattern_ops)' })
  @Field({ description: 'The county the department belongs to. 所属县区代码' })
  areaCode: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Case categories this department takes. 承办事项类别' })
  caseCategories: string[] = [];
}

import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { CaseClass } from '../case/case-enums.js';

/** A county's deadline for a class, optionally only for one category (the more specific rule wins). */
@Entity({ tableName: 'deadline_rule' })
@Index({
  name: 'deadline_rule_scope_unique',
  expression: `create unique index "deadline_rule_scope_unique" on "deadline_rule" ("area_code", coalesce("category_code", ''), "case_class")`,
})
@ObjectType({ description: "A county's deadline for a class of cases. 办理时限规则" })
export class DeadlineRule extends BaseEntity<'categoryCode'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'County code (6 digits). 县区代码' })
  areaCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Only for this category; empty for every category. 适用类别' })
  categoryCode: string | null = null;

  @Enum({ items: () => CaseClass, nativeEnumName: 'case_class' })
  @Field(() => CaseClass, { description: 'Class. 事项分类' })
  caseClass: CaseClass;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Deadline in working days. 时限（工作日）' })
  workingDays: number;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

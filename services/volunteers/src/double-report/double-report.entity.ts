import { Check, Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

/**
 * 双报到: an in-service party member (and their work unit) registered with the community where they
 * live, for one year. The duty that follows — at least one service and one volunteer post a year —
 * is computed from orders, activities and team memberships.
 */
@Entity({ tableName: 'double_report' })
@Unique({ name: 'double_report_person_year_unique', properties: ['personId', 'year'] })
@Index({ name: 'double_report_area_code_idx', expression: 'create index "double_report_area_code_idx" on "double_report" ("area_code" text_pattern_ops)' })
@Check({ name: 'double_report_year_check', expression: '"year" >= 2000 and "year" <= 2100' })
@ObjectType({ description: 'An in-service party member\'s double reporting to a community for a year (双报到). 在职党员双报到' })
export class DoubleReport extends BaseEntity {
  @Field(() => ID, { description: 'Id. 报到ID' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The member (people subgraph). 人员ID' })
  personId: string;

  @Property({ type: 'text' })
  @Field({ description: 'The member\'s work unit, which reports too. 工作单位' })
  workUnit: string;

  @Property({ type: 'text' })
  @Field({ description: 'Village (community) code reported to. 报到社区代码' })
  areaCode: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Year. 年度' })
  year: number;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who registered it. 登记人' })
  registeredByUserId: string;

  @Field({ description: 'When it was registered. 报到时间' })
  declare createdAt: Date;
}

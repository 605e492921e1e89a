import { Entity, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'coverage_link' })
@Index({ name: 'coverage_link_area_code_idx', expression: 'create index "coverage_link_area_code_idx" on "coverage_link" ("area_code" text_pattern_ops)' })
@Unique({ properties: ['areaCode', 'cadreUserId'] })
@ObjectType({
  description: '"三包一联": a cadre who covers an area — a county leader a township, a township leader a village, a village cadre a grid. 三包一联关系',
})
export class CoverageLink extends BaseEntity<'personId'> {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the township (9), village (12) or grid (15) covered. 包联区域代码' })
  areaCode: string;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'Keycloak user id of the cadre. 包联干部账号 ID' })
  cadreUserId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name of the cadre. 包联干部姓名' })
  cadreName: string;

  /** The cadre in the people subgraph, when known; exposed as `person`. */
  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  @Property({ type: 'text' })
  createdBy: string;

  @Field({ description: 'When the link was made. 建立时间' })
  declare createdAt: Date;
}

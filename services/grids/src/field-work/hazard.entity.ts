import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { staffPersonalDataField } from '../common/access.js';
import { HazardCategory, HazardSeverity } from './field-work-enums.js';

@Entity({ tableName: 'hazard' })
@Index({ name: 'hazard_grid_code_idx', expression: 'create index "hazard_grid_code_idx" on "hazard" ("grid_code" text_pattern_ops)' })
@ObjectType({ description: 'A safety hazard found in a grid, on a patrol or reported on its own. 安全隐患' })
// Media (issue 17) adds `mediaAttachments` to this type by its key; this subgraph resolves no references.
@Directive('@key(fields: "id", resolvable: false)')
export class Hazard extends BaseEntity<'keyPlaceId' | 'patrolId'> {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid. 网格代码' })
  gridCode: string;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  keyPlaceId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  patrolId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'What is wrong and where. 隐患描述' })
  description: string;

  @Enum({ items: () => HazardSeverity, nativeEnumName: 'hazard_severity' })
  @Field(() => HazardSeverity, { description: 'Severity. 隐患等级' })
  severity: HazardSeverity;

  @Enum({ items: () => HazardCategory, nativeEnumName: 'hazard_category' })
  @Field(() => HazardCategory, { description: 'Category. 隐患类别' })
  category: HazardCategory;

  @Property({ type: 'text' })
  @Field(() => String, {
    nullable: true,
    description: 'Keycloak user id of who reported it; null for roles that see names only. 报告人账号 ID',
    middleware: [staffPersonalDataField],
  })
  reportedBy: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name of who reported it. 报告人' })
  reportedByName: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was found and reported, by the reporting device\'s clock (occurredAt). 报告时间（设备时间）' })
  reportedAt: Date;
}

import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'patrol' })
@Index({ name: 'patrol_grid_code_idx', expression: 'create index "patrol_grid_code_idx" on "patrol" ("grid_code" text_pattern_ops)' })
@ObjectType({ description: 'An inspection of a key place by grid staff. 重点场所巡查' })
// Media (issue 17) adds `mediaAttachments` to this type by its key; this subgraph resolves no references.
@Directive('@key(fields: "id", resolvable: false)')
export class Patrol extends BaseEntity<'notes'> {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid. 网格代码' })
  gridCode: string;

  @Property({ type: 'uuid' })
  @Index()
  keyPlaceId: string;

  @Property({ type: 'uuid' })
  staffId: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the patrol took place. 巡查时间' })
  patrolledAt: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Notes. 巡查记录' })
  notes: string | null = null;

  @Property({ type: 'text' })
  recordedBy: string;
}

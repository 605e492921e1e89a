import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'police_patrol' })
@Index({ name: 'police_patrol_grid_code_idx', expression: 'create index "police_patrol_grid_code_idx" on "police_patrol" ("grid_code" text_pattern_ops)' })
@Index({ name: 'police_patrol_grid_newest_idx', properties: ['gridCode', 'patrolledAt', 'id'] })
@ObjectType('PolicePatrol', { description: 'A police patrol of a grid and what it found. 警务巡逻记录' })
@Directive('@key(fields: "id")')
export class PolicePatrol extends BaseEntity<'findings' | 'officerId'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'The grid patrolled (15 digits). 巡逻网格代码' })
  gridCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'Route taken, e.g. the streets and places passed. 巡逻路线' })
  route: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the patrol found (hazards, disputes, nothing to report). 巡逻发现' })
  findings: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the patrol took place. 巡逻时间' })
  patrolledAt: Date;

  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'police_patrol_officer_id_idx' })
  officerId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Who recorded it (Keycloak user id, or "system"). 记录人' })
  recordedBy: string;
}

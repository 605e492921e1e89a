import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

/**
 * One posting of a community officer to a grid, from `assignedFrom` until `assignedUntil`.
 * A grid has at most one open posting (assignedUntil null, enforced by a partial unique index);
 * assigning another officer ends the open one, so the rows of a grid are its history.
 * The phone number is stored in clear and shown through the resolver, masked unless the caller may see it.
 */
@Entity({ tableName: 'community_officer' })
@Index({
  name: 'community_officer_grid_code_idx',
  expression: 'create index "community_officer_grid_code_idx" on "community_officer" ("grid_code" text_pattern_ops)',
})
@Index({
  name: 'community_officer_active_grid_uniq',
  expression: 'create unique index "community_officer_active_grid_uniq" on "community_officer" ("grid_code") where "assigned_until" is null',
})
@ObjectType('CommunityOfficer', { description: 'A community police officer posted to a grid (one posting; past postings stay as history). 社区民警' })
@Directive('@key(fields: "id")')
export class CommunityOfficer extends BaseEntity<'assignedUntil'> {
  @Field(() => ID, { description: 'Id of this posting. 任职记录编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'The grid the officer is (or was) posted to (15 digits). 所驻网格代码' })
  gridCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'Name. 姓名' })
  name: string;

  @Property({ type: 'text' })
  @Index({ name: 'community_officer_badge_number_idx' })
  @Field({ description: 'Police badge number (6 digits). 警号' })
  badgeNumber: string;

  @Property({ type: 'text' })
  phone: string;

  @Property({ type: 'text' })
  @Field({ description: 'Police station the officer works from, e.g. 建设派出所. 所属派出所' })
  policeStation: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Start of the posting to this grid. 任职开始时间' })
  assignedFrom: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'End of the posting; null while the officer still holds the grid. 任职结束时间（在任为空）' })
  assignedUntil: Date | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Who made the assignment (Keycloak user id, or "system"). 指派人' })
  assignedBy: string;

  @Field(() => Int, { description: 'Optimistic-lock version of the posting; pass it back as expectedVersion with expectedOfficerId. 版本号' })
  declare version: number;
}

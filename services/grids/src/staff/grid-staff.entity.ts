import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { staffPersonalDataField } from '../common/access.js';
import { GridStaffRole } from './staff-role.js';

@Entity({ tableName: 'grid_staff' })
@Index({ name: 'grid_staff_grid_code_idx', expression: 'create index "grid_staff_grid_code_idx" on "grid_staff" ("grid_code" text_pattern_ops)' })
// One leader per grid at a time, and a person holds a role in a grid once; past assignments stay as history.
@Index({
  name: 'grid_staff_one_leader_idx',
  expression: `create unique index "grid_staff_one_leader_idx" on "grid_staff" ("grid_code") where "role" = 'LEADER' and "ended_at" is null`,
})
@Index({
  name: 'grid_staff_active_role_idx',
  expression: 'create unique index "grid_staff_active_role_idx" on "grid_staff" ("grid_code", "person_id", "role") where "ended_at" is null',
})
@ObjectType({ description: 'A person\'s assignment to a grid team, current or past. 网格力量（人员配备）' })
export class GridStaff extends BaseEntity<'microGridCode' | 'userId' | 'endedAt' | 'endReason' | 'startedAt'> {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid. 网格代码' })
  gridCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Code of the micro-grid, for liaisons and micro-grid volunteers. 微网格代码' })
  microGridCode: string | null = null;

  @Enum({ items: () => GridStaffRole, nativeEnumName: 'grid_staff_role' })
  @Field(() => GridStaffRole, { description: 'Role on the team. 角色' })
  role: GridStaffRole;

  /** The person in the people subgraph; exposed as `person` to roles that may see it. */
  @Property({ type: 'uuid' })
  personId: string;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  @Field(() => ID, {
    nullable: true,
    description: 'Keycloak user id, when the person signs in; null for roles that see names only. 登录账号 ID',
    middleware: [staffPersonalDataField],
  })
  userId: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Display name. 姓名' })
  name: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the assignment began. 任职开始时间' })
  startedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it ended; null while current. 任职结束时间' })
  endedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it ended. 离任原因' })
  endReason: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version. 版本号' })
  declare version: number;
}

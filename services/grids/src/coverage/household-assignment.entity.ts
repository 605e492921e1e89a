import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

@Entity({ tableName: 'household_assignment' })
@Index({
  name: 'household_assignment_grid_code_idx',
  expression: 'create index "household_assignment_grid_code_idx" on "household_assignment" ("grid_code" text_pattern_ops)',
})
// A household is linked to one grid worker at a time; ended rows are the history.
@Index({
  name: 'household_assignment_current_idx',
  expression: 'create unique index "household_assignment_current_idx" on "household_assignment" ("household_id") where "ended_at" is null',
})
@ObjectType({ description: 'A household linked to a grid worker (包联), current or past. 包联关系' })
export class HouseholdAssignment extends BaseEntity<'endedAt' | 'assignedAt'> {
  @Field(() => ID, { description: 'Id (UUID). 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Index()
  householdId: string;

  @Property({ type: 'uuid' })
  @Index()
  staffId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the worker\'s grid. 网格代码' })
  gridCode: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the link began. 包联开始时间' })
  assignedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it ended (reassigned or the worker left); null while current. 包联结束时间' })
  endedAt: Date | null = null;

  @Property({ type: 'text' })
  assignedBy: string;
}

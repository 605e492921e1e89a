import { Entity, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

/** Supervision (督办): an instruction on a case, opened by an admin or by the scheduler for an overdue case, and its reply. */
@Entity({ tableName: 'supervision' })
@Index({ name: 'supervision_grid_code_idx', expression: 'create index "supervision_grid_code_idx" on "supervision" ("grid_code" text_pattern_ops)' })
@Index({ name: 'supervision_case_idx', properties: ['caseId'] })
@ObjectType({ description: 'A supervision of a case and its reply. 督办' })
export class Supervision extends BaseEntity<'reply' | 'repliedAt' | 'repliedByUserId' | 'automatic'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The case. 事项' })
  caseId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Grid of the case (scope). 网格代码' })
  gridCode: string;

  @Property({ type: 'text' })
  @Field({ description: "Who supervises: a user id, or 'system' for an overdue case. 督办人" })
  supervisorUserId: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'Opened by the scheduler for an overdue case. 超期自动督办' })
  automatic: boolean = false;

  @Property({ type: 'text' })
  @Field({ description: 'Instruction. 督办意见' })
  instruction: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Reply of the handler. 回复' })
  reply: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who replied. 回复人' })
  repliedByUserId: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was replied to. 回复时间' })
  repliedAt: Date | null = null;

  @Field({ description: 'When it was opened. 督办时间' })
  declare createdAt: Date;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}

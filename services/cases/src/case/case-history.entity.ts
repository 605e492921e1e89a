import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CaseAction, CaseStatus, HandlingLevel } from './case-enums.js';

/**
 * One step of a case, append-only: the service only inserts, and database triggers refuse UPDATE,
 * DELETE and TRUNCATE, so not even a bug or a hand-written query can rewrite what happened. (The
 * TRUNCATE trigger lives in its own migration: MikroORM's schema diff does not read statement
 * triggers back.)
 */
@Entity({ tableName: 'case_history' })
@Index({ name: 'case_history_case_idx', properties: ['caseId', 'seq'] })
@Trigger({
  name: 'case_history_append_only',
  timing: 'before',
  events: ['update', 'delete'],
  forEach: 'row',
  body: `raise exception 'case_history is append-only' using errcode = 'restrict_violation';`,
})
@ObjectType({ description: 'One step in the life of a case; never changed afterwards. 事项流转记录' })
export class CaseHistory {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id. 编号' })
  id: string = randomUUID();

  /** Order of entries, also within one millisecond. */
  @Property({ type: 'bigint', autoincrement: true })
  seq?: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The case. 事项' })
  caseId: string;

  @Enum({ items: () => CaseAction, nativeEnumName: 'case_action' })
  @Field(() => CaseAction, { description: 'What happened. 操作' })
  action: CaseAction;

  /** Read it through the resolver only: an anonymous reporter's steps are hidden there (anonymity.policy.ts). */
  @Property({ type: 'text' })
  @Field(() => String, {
    nullable: true,
    description: "Who did it: a user id, or 'system'; null on an anonymous case's report and on the reporter's own steps, except for auditors. 操作人（匿名反映的反映人仅审计可见）",
  })
  actorUserId: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Roles the actor had. 操作人角色' })
  actorRoles: string[];

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When. 时间' })
  at: Date;

  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status', nullable: true })
  @Field(() => CaseStatus, { nullable: true, description: 'Status before (none for the report). 原状态' })
  fromStatus: CaseStatus | null;

  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status' })
  @Field(() => CaseStatus, { description: 'Status after. 新状态' })
  toStatus: CaseStatus;

  @Enum({ items: () => HandlingLevel, nativeEnumName: 'handling_level', nullable: true })
  @Field(() => HandlingLevel, { nullable: true, description: 'Level before. 原层级' })
  fromLevel: HandlingLevel | null;

  @Enum({ items: () => HandlingLevel, nativeEnumName: 'handling_level' })
  @Field(() => HandlingLevel, { description: 'Level after. 新层级' })
  toLevel: HandlingLevel;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Reason, result or instruction given. 说明' })
  note: string | null;
}

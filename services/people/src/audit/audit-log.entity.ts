import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { randomUUID } from 'node:crypto';
import { AuditAction, PersonalDataField } from './audit-enums.js';

/** Append-only record of every reveal, look-up, sensitive-tag list and account link, allowed or refused: a trigger rejects UPDATE and DELETE. */
@Entity({ tableName: 'audit_log' })
@Trigger({ name: 'append_only', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: "raise exception 'audit_log is append-only'" })
@Index({ name: 'audit_log_area_code_idx', expression: 'create index "audit_log_area_code_idx" on "audit_log" ("area_code" text_pattern_ops)' })
/** Rate limits (look-ups, link codes) and department look-up grants count one user's recent lines of one action. */
@Index({ name: 'audit_log_actor_action_at_idx', properties: ['actorUserId', 'action', 'at'] })
@ObjectType({ description: 'One access to protected personal data, allowed or refused. 个人信息访问审计记录' })
export class AuditLogEntry {
  [OptionalProps]?: 'id' | 'seq' | 'at' | 'personId' | 'purpose' | 'refusalReason' | 'filter' | 'rowCount';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id. 记录ID' })
  id: string = randomUUID();

  /** Order of writing, for keyset paging newest first. */
  @Property({ type: 'bigint', autoincrement: true, unique: 'audit_log_seq_unique' })
  seq?: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When. 时间' })
  at: Date = new Date();

  @Property({ type: 'text' })
  @Field({ description: 'Keycloak subject of the caller. 操作人用户ID' })
  actorUserId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Username of the caller. 操作人用户名' })
  actorUsername: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Roles of the caller at the time. 操作人角色' })
  actorRoles: string[];

  @Enum({ items: () => AuditAction, nativeEnumName: 'audit_action' })
  @Field(() => AuditAction, { description: 'What was done. 操作类型' })
  action: AuditAction;

  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'audit_log_person_id_idx' })
  @Field(() => ID, { nullable: true, description: 'The person concerned, if known. 涉及人员ID' })
  personId: string | null = null;

  /** The person's grid code (or the caller's area when no person was found): auditors see their subtree. */
  @Property({ type: 'text' })
  @Field({ description: 'Area the record belongs to. 所属区划/网格代码' })
  areaCode: string;

  @Enum({ items: () => PersonalDataField, nativeEnumName: 'personal_data_field' })
  @Field(() => PersonalDataField, { description: 'Field concerned. 字段' })
  field: PersonalDataField;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Purpose the caller gave. 查看用途' })
  purpose: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The filter of a list or statistic, as JSON. 列表/统计的筛选条件（JSON）' })
  filter: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How many rows the list or statistic held. 结果行数' })
  rowCount: number | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Whether the data was shown. 是否准许' })
  allowed: boolean;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was refused. 拒绝原因' })
  refusalReason: string | null = null;
}

import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

export enum EditConflictEntity {
  PERSON = 'PERSON',
  HOUSEHOLD = 'HOUSEHOLD',
}
registerEnumType(EditConflictEntity, {
  name: 'EditConflictEntity',
  description: 'What an edit conflict is about. 冲突对象',
  valuesMap: { PERSON: { description: 'A person. 人员' }, HOUSEHOLD: { description: 'A household. 户' } },
});

export enum EditConflictStatus {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(EditConflictStatus, {
  name: 'EditConflictStatus',
  description: 'Where an edit conflict stands. 冲突状态',
  valuesMap: {
    OPEN: { description: 'Waiting for the grid leader. 待处理' },
    ACCEPTED: { description: 'The proposed value was applied. 已采纳' },
    REJECTED: { description: 'The current value was kept. 保留现值' },
  },
});

/**
 * An edit of one field made from a stale version while someone else had changed the same field (issue 17):
 * the current value stays, the proposed one waits here for the grid leader, with who changed what, when and
 * from which device on both sides. Sensitive fields (ID number, birth date, phone) are never parked here.
 */
@Entity({ tableName: 'edit_conflict' })
@Index({ name: 'edit_conflict_grid_code_idx', expression: 'create index "edit_conflict_grid_code_idx" on "edit_conflict" ("grid_code" text_pattern_ops, "status")' })
@ObjectType({ description: 'A same-field edit conflict waiting for (or resolved by) the grid leader. 编辑冲突' })
export class EditConflict extends BaseEntity<'status' | 'resolvedBy' | 'resolvedAt' | 'resolutionNote' | 'proposedDevice' | 'currentChangedBy' | 'currentChangedAt' | 'currentDevice'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Enum({ items: () => EditConflictEntity, nativeEnumName: 'edit_conflict_entity' })
  @Field(() => EditConflictEntity, { description: 'Person or household. 对象类型' })
  entityType: EditConflictEntity;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'Id of the person or household. 对象ID' })
  entityId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Grid of the record (the leader of this grid resolves it). 网格编码' })
  gridCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'The field both edits changed (name, sex, address, residenceStatus, household; for households address, head, linkingPartyMember). 字段' })
  field: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The value the stale edit proposed (text or id). 提议值' })
  proposedValue: string | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The version the stale edit was based on. 编辑所依据的版本' })
  baseVersion: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The record\'s version when the conflict arose. 冲突时的版本' })
  currentVersion: number;

  @Property({ type: 'text' })
  @Field({ description: 'Who proposed the value (user id). 提议人' })
  proposedBy: string;

  @Property({ type: 'text' })
  @Field({ description: 'Their user name. 提议人用户名' })
  proposedByName: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When they made the edit (device time). 提议时间' })
  proposedAt: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'From which device. 提议设备' })
  proposedDevice: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who made the current value (user id), when known. 现值修改人' })
  currentChangedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the current value was made. 现值修改时间' })
  currentChangedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'From which device the current value came. 现值修改设备' })
  currentDevice: string | null = null;

  @Enum({ items: () => EditConflictStatus, nativeEnumName: 'edit_conflict_status' })
  @Field(() => EditConflictStatus, { description: 'Status. 状态' })
  status: EditConflictStatus = EditConflictStatus.OPEN;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who resolved it. 处理人' })
  resolvedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When. 处理时间' })
  resolvedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The leader\'s note. 处理说明' })
  resolutionNote: string | null = null;
}

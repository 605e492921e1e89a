import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Hazard } from '../field-work/hazard.entity.js';
import { Patrol } from '../field-work/patrol.entity.js';
import { Visit } from '../field-work/visit.entity.js';

export enum FieldWorkItemStatus {
  CREATED = 'CREATED',
  ALREADY_APPLIED = 'ALREADY_APPLIED',
  REJECTED = 'REJECTED',
}
registerEnumType(FieldWorkItemStatus, {
  name: 'FieldWorkItemStatus',
  description: 'What happened to one synced item. 同步结果',
  valuesMap: {
    CREATED: { description: 'Written now. 已新建' },
    ALREADY_APPLIED: { description: 'Its idempotencyKey was applied before; the first result is returned, nothing written. 此前已同步' },
    REJECTED: { description: 'Not written; see error (fix it and send it again, with the same key). 被拒绝' },
  },
});

export enum FieldWorkItemKind {
  VISIT = 'VISIT',
  PATROL = 'PATROL',
  HAZARD = 'HAZARD',
  CASE_REPORT = 'CASE_REPORT',
}
registerEnumType(FieldWorkItemKind, {
  name: 'FieldWorkItemKind',
  description: 'Kind of a synced item. 记录类型',
  valuesMap: {
    VISIT: { description: 'A visit. 走访' },
    PATROL: { description: 'A patrol. 巡查' },
    HAZARD: { description: 'A hazard. 隐患' },
    CASE_REPORT: { description: 'A case report. 事项上报' },
  },
});

@ObjectType('Case', { description: 'A case: a request, incident or dispute, from report to rating. 事项（诉求/工单）' })
@Directive('@key(fields: "id", resolvable: false)')
export class CaseReference {
  @Field(() => ID, { description: 'Id. 编号' })
  id: string;
}

@ObjectType({ description: 'Why an item was rejected. 拒绝原因' })
export class FieldWorkItemError {
  @Field({ description: 'Error code as in GraphQL errors (BAD_USER_INPUT, FORBIDDEN, CONFLICT, NOT_FOUND …). 错误码' })
  code: string;

  @Field(() => String, { nullable: true, description: 'The input field, e.g. items.3.visit.findings. 字段' })
  field: string | null;

  @Field({ description: 'Reason. 原因' })
  reason: string;
}

@ObjectType({ description: 'The result of one synced item. 单条同步结果' })
export class FieldWorkItemResult {
  @Field(() => Int, { description: 'Position in the input (0-based). 序号' })
  index: number;

  @Field(() => FieldWorkItemKind, { nullable: true, description: 'Kind; empty when the item named none or several. 类型' })
  kind: FieldWorkItemKind | null;

  @Field(() => String, { nullable: true, description: 'The item\'s idempotencyKey. 幂等键' })
  idempotencyKey: string | null;

  @Field(() => FieldWorkItemStatus, { description: 'Status. 状态' })
  status: FieldWorkItemStatus;

  @Field(() => Visit, { nullable: true, description: 'The visit. 走访' })
  visit?: Visit | null;

  @Field(() => Patrol, { nullable: true, description: 'The patrol. 巡查' })
  patrol?: Patrol | null;

  @Field(() => Hazard, { nullable: true, description: 'The hazard. 隐患' })
  hazard?: Hazard | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Id the case gets (derived from the key; cases creates it from an event within about a second). 事项ID（由幂等键推导）',
  })
  caseId?: string | null;

  @Field(() => CaseReference, { nullable: true, description: 'The case, once cases has created it. 事项' })
  case?: CaseReference | null;

  @Field(() => FieldWorkItemError, { nullable: true, description: 'Why it was rejected. 拒绝原因' })
  error?: FieldWorkItemError | null;
}

@ObjectType({ description: 'Per-item results, in input order. 同步结果' })
export class SyncFieldWorkPayload {
  @Field(() => [FieldWorkItemResult], { description: 'One result per item. 每条结果' })
  results: FieldWorkItemResult[];

  @Field(() => Int, { description: 'Items written now. 新建数' })
  created: number;

  @Field(() => Int, { description: 'Items applied before. 已同步数' })
  alreadyApplied: number;

  @Field(() => Int, { description: 'Items rejected. 拒绝数' })
  rejected: number;
}

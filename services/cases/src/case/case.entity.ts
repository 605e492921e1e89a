import { Embeddable, Embedded, Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import type { ClockRule } from '../clock/clock.rules.js';
import { CaseClass, CaseSource, CaseStatus, HANDLING_STATUSES, HandlingLevel, Rating, RatingMethod, ServiceKind } from './case-enums.js';

@Embeddable()
@ObjectType({ description: 'Where a case is. 事项位置' })
export class CaseLocation {
  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84). 经度' })
  longitude: number | null = null;

  @Property({ type: 'double', nullable: true, runtimeType: 'number' })
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84). 纬度' })
  latitude: number | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Address. 地址' })
  address: string | null = null;
}

@ObjectType({ description: 'A file attached to a case (metadata only; the file lives in object storage). 附件' })
export class CaseAttachment {
  @Field({ description: 'File name. 文件名' })
  name: string;

  @Field({ description: 'MIME type. 文件类型' })
  mimeType: string;

  @Field(() => Int, { description: 'Size in bytes. 大小（字节）' })
  size: number;

  @Field({ description: 'Where the file can be fetched. 地址' })
  url: string;
}

/**
 * A request, incident or dispute (事项/诉求/工单). Its grid code is its area code: scope filters are
 * prefix tests on it. Written only through CaseWorkflowService, which keeps history, events and
 * statistics in the same transaction.
 */
@Entity({ tableName: 'case' })
@Index({ name: 'case_grid_code_prefix_idx', expression: 'create index "case_grid_code_prefix_idx" on "case" ("grid_code" text_pattern_ops, "status")' })
@Index({ name: 'case_due_idx', properties: ['dueAt'], where: { status: { $in: [...HANDLING_STATUSES] } } })
// The scheduler's other clock: the holder's stage limit (DOMAIN.md §8.1).
@Index({ name: 'case_stage_due_idx', properties: ['stageDueAt'], where: { status: { $in: [...HANDLING_STATUSES] } } })
@Index({ name: 'case_department_idx', properties: ['assigneeDepartmentCode', 'status'] })
@Index({ name: 'case_reporter_user_idx', properties: ['reporterUserId'] })
@Index({ name: 'case_reported_by_idx', properties: ['reportedByUserId'] })
@Index({ name: 'case_reporter_person_idx', properties: ['reporterPersonId'] })
@Index({ name: 'case_co_reporters_idx', expression: 'create index "case_co_reporters_idx" on "case" using gin ("co_reporter_user_ids")' })
@Index({ name: 'case_duplicates_idx', properties: ['gridCode', 'categoryCode', 'reportedAt'] })
@Index({ name: 'case_co_reporter_persons_idx', expression: 'create index "case_co_reporter_persons_idx" on "case" using gin ("co_reporter_person_ids")' })
// Lists are newest first: over a wide scope walk the report time, within a grid its own range.
@Index({ name: 'case_reported_at_idx', properties: ['reportedAt', 'id'] })
// Overdue lists and their counts per area: at county scale the general prefix index reads most of the table.
@Index({ name: 'case_overdue_grid_code_idx', expression: 'create index "case_overdue_grid_code_idx" on "case" ("grid_code" text_pattern_ops) where "overdue"' })
// A township's open overdue list (supervision, soonest deadline first) and its count: only the few
// cases still handled past their deadline, not every case that was ever late.
@Index({
  name: 'case_open_overdue_idx',
  expression: `create index "case_open_overdue_idx" on "case" ("grid_code" text_pattern_ops, "due_at", "id") where "overdue" and "status" in (${HANDLING_STATUSES.map((status) => `'${status}'`).join(', ')})`,
})
@Index({ name: 'case_grid_reported_idx', expression: 'create index "case_grid_reported_idx" on "case" ("grid_code" text_pattern_ops, "reported_at", "id")' })
@ObjectType({ description: 'A case: a request, incident or dispute, from report to rating. 事项（诉求/工单）' })
@Directive('@key(fields: "id")')
export class Case extends BaseEntity<
  | 'anonymous'
  | 'attachments'
  | 'location'
  | 'assigneeUserId'
  | 'assigneeDepartmentCode'
  | 'assigneeDepartmentId'
  | 'dispatchedFromLevel'
  | 'dueAt'
  | 'clockStartedAt'
  | 'stageStartedAt'
  | 'stageDueAt'
  | 'stageOverrunMarkedFor'
  | 'stageOverruns'
  | 'clockRule'
  | 'ratingMethod'
  | 'ratingByProxy'
  | 'ratedByUserId'
  | 'unsatisfiedCloseReason'
  | 'deadlineWarnedFor'
  | 'overdueMarkedFor'
  | 'overdue'
  | 'resolvedAt'
  | 'resolvedAtLevel'
  | 'resolvedByUserId'
  | 'result'
  | 'fedBackAt'
  | 'feedback'
  | 'rating'
  | 'ratingComment'
  | 'ratedAt'
  | 'closedAt'
  | 'reopenCount'
  | 'returnReason'
  | 'reporterPersonId'
  | 'reporterUserId'
  | 'coReporterUserIds'
  | 'coReporterPersonIds'
  | 'hotlineOrderNumber'
  | 'hazardId'
  | 'keyPlaceId'
  | 'mergedIntoId'
> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'text' })
  @Unique({ name: 'case_number_unique' })
  @Field({ description: 'Number: county code, report day and daily sequence, e.g. 330402-20261123-0007. 编号' })
  number: string;

  @Property({ type: 'text' })
  @Field({ description: 'Title. 标题' })
  title: string;

  @Property({ type: 'text' })
  @Field({ description: 'Description. 描述' })
  description: string;

  @Property({ type: 'text' })
  @Field({ description: 'Category code from the catalogue (see `category`). 类别代码' })
  categoryCode: string;

  @Enum({ items: () => ServiceKind, nativeEnumName: 'service_kind' })
  @Field(() => ServiceKind, { description: 'Kind of service. 服务类型' })
  serviceKind: ServiceKind;

  @Enum({ items: () => CaseClass, nativeEnumName: 'case_class' })
  @Field(() => CaseClass, { description: 'Class; sets the deadline. 事项分类' })
  caseClass: CaseClass;

  @Enum({ items: () => CaseSource, nativeEnumName: 'case_source' })
  @Field(() => CaseSource, { description: 'Where it came from. 来源' })
  source: CaseSource;

  /** The user who entered it (a resident, grid worker, department clerk …); 'system' for events. */
  @Property({ type: 'text' })
  reportedByUserId: string;

  @Property({ type: 'uuid', nullable: true })
  reporterPersonId: string | null = null;

  /** The resident account that owns the case (may rate it); null when staff reported for someone. */
  @Property({ type: 'text', nullable: true })
  reporterUserId: string | null = null;

  /** Residents whose reports were merged into this case. */
  @Property({ type: 'text[]' })
  coReporterUserIds: string[] = [];

  @Property({ type: 'uuid[]' })
  @Field(() => [ID], { description: 'Persons whose reports were merged into this case. 合并进来的反映人' })
  coReporterPersonIds: string[] = [];

  @Property({ type: 'boolean' })
  @Field({ description: 'Reported anonymously: the reporter is not shown. 匿名反映' })
  anonymous: boolean = false;

  @Property({ type: 'text' })
  @Field({ description: 'Code of the grid (15 digits); the case belongs to this area. 网格代码' })
  gridCode: string;

  @Embedded(() => CaseLocation, { prefix: 'location_' })
  @Field(() => CaseLocation, { description: 'Location. 位置' })
  location: CaseLocation = new CaseLocation();

  @Property({ type: 'jsonb' })
  @Field(() => [CaseAttachment], { description: 'Attachments (metadata). 附件' })
  attachments: CaseAttachment[] = [];

  @Enum({ items: () => HandlingLevel, nativeEnumName: 'handling_level' })
  @Field(() => HandlingLevel, { description: 'Level handling it now. 当前办理层级' })
  level: HandlingLevel;

  @Enum({ items: () => CaseStatus, nativeEnumName: 'case_status' })
  @Field(() => CaseStatus, { description: 'Status. 状态' })
  status: CaseStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'User handling it now. 当前承办人' })
  assigneeUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Department it was dispatched to. 承办部门代码' })
  assigneeDepartmentCode: string | null = null;

  /** Organizations' id of that department, when the dispatcher gave it (links Case.department). */
  @Property({ type: 'uuid', nullable: true })
  assigneeDepartmentId: string | null = null;

  @Enum({ items: () => HandlingLevel, nativeEnumName: 'handling_level', nullable: true })
  @Field(() => HandlingLevel, { nullable: true, description: 'Level that dispatched it to the department. 派单层级' })
  dispatchedFromLevel: HandlingLevel | null = null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was reported, by the reporting device\'s clock when it sent occurredAt. 反映时间' })
  reportedAt: Date;

  /** The server's receive time (the row's createdAt) beside the device's report time. */
  @Field(() => Date, { name: 'receivedAt', description: 'When the server received the report (later than reportedAt for reports sent from an offline device). 服务器接收时间' })
  declare createdAt: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description:
      'The case clock (DOMAIN.md §8.1): the class deadline from verification (or from the last reopen); hand-overs never move it; empty until verified. 办理时限（事项时钟）',
  })
  dueAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the case clock started: verification, or the last reopen. 时限起算时间' })
  clockStartedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the current holder got the case. 本环节起始时间' })
  stageStartedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: "The current holder's stage limit (per county and level; never past a running case clock). 本环节时限",
  })
  stageDueAt: Date | null = null;

  /** The stage limit that was found missed: the scheduler charges each stage once. */
  @Property({ type: 'timestamptz', nullable: true })
  stageOverrunMarkedFor: Date | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Stage limits its holders ran over. 环节超时次数' })
  stageOverruns: number = 0;

  /** The clock rule the case started under (snapshot at report, taken again at verification). */
  @Property({ type: 'jsonb', nullable: true })
  clockRule: ClockRule | null = null;

  /** The deadline a warning was sent for: one warning per deadline. */
  @Property({ type: 'timestamptz', nullable: true })
  deadlineWarnedFor: Date | null = null;

  /** The deadline that was found missed: the scheduler acts once per missed deadline. */
  @Property({ type: 'timestamptz', nullable: true })
  overdueMarkedFor: Date | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'Missed a deadline at some point; it is then not resolved on time. 曾超期' })
  overdue: boolean = false;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was resolved. 办结时间' })
  resolvedAt: Date | null = null;

  @Enum({ items: () => HandlingLevel, nativeEnumName: 'handling_level', nullable: true })
  @Field(() => HandlingLevel, { nullable: true, description: 'Level that resolved it. 办结层级' })
  resolvedAtLevel: HandlingLevel | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'User who resolved it. 办结人' })
  resolvedByUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Result of the handling. 办理结果' })
  result: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the result was fed back. 反馈时间' })
  fedBackAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the grid worker told the resident. 反馈说明' })
  feedback: string | null = null;

  @Enum({ items: () => Rating, nativeEnumName: 'rating', nullable: true })
  @Field(() => Rating, { nullable: true, description: 'Latest rating. 评价' })
  rating: Rating | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Comment with the rating. 评价意见' })
  ratingComment: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was rated. 评价时间' })
  ratedAt: Date | null = null;

  @Enum({ items: () => RatingMethod, nativeEnumName: 'rating_method', nullable: true })
  @Field(() => RatingMethod, { nullable: true, description: 'How the latest rating was collected; empty for ratings before this was recorded. 评价方式' })
  ratingMethod: RatingMethod | null = null;

  @Property({ type: 'boolean' })
  @Field({ description: 'The latest rating was recorded by staff for the resident (return visit, or before §8.2). 代评' })
  ratingByProxy: boolean = false;

  /** Who entered the latest rating (the resident, or the staff member of the return visit). */
  @Property({ type: 'text', nullable: true })
  ratedByUserId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why a reviewer closed an unsatisfied case without reopening it. 不满意不重办的理由' })
  unsatisfiedCloseReason: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was closed (rated, returned or merged). 关闭时间' })
  closedAt: Date | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Times it was reopened after an unsatisfied rating. 重办次数' })
  reopenCount: number = 0;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was explained and returned. 退回说明' })
  returnReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'case_hotline_order_unique' })
  @Field(() => String, { nullable: true, description: '12345 hotline work-order number. 12345工单号' })
  hotlineOrderNumber: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'case_hazard_unique' })
  @Field(() => String, { nullable: true, description: 'Hazard it was raised from (grids service). 来源隐患' })
  hazardId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Key place of the hazard (people service). 重点场所' })
  keyPlaceId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case this one was merged into. 合并至' })
  mergedIntoId: string | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}

import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { CaseClass, CaseSource, CaseStatus, HandlingLevel, Rating, RatingMethod, ServiceKind } from './case-enums.js';

const CATEGORY_CODE = /^[A-Z][A-Z0-9_]{1,49}$/;
const GRID_CODE = /^\d{15}$/;

@InputType({ description: 'Where a case is. 事项位置' })
export class CaseLocationInput {
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84), with latitude. 经度' })
  @IsOptional()
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude?: number;

  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84), with longitude. 纬度' })
  @IsOptional()
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Field({ nullable: true, description: 'Address. 地址' })
  @IsOptional()
  @Length(1, 300)
  address?: string;
}

@InputType({ description: 'A file already uploaded to object storage. 附件' })
export class CaseAttachmentInput {
  @Field({ description: 'File name. 文件名' })
  @Length(1, 200)
  name: string;

  @Field({ description: 'MIME type, e.g. image/jpeg. 文件类型' })
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, { message: 'must be a MIME type such as image/jpeg' })
  mimeType: string;

  @Field(() => Int, { description: 'Size in bytes (at most 100 MB). 大小（字节）' })
  @IsInt()
  @Min(0)
  @Max(100 * 1024 * 1024)
  size: number;

  @Field({ description: 'http(s) address of the file. 地址' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  url: string;
}

@InputType({ description: 'Report a case (群众点单 or found on patrol). 反映事项' })
export class ReportCaseInput {
  @Field({ description: 'Title. 标题' })
  @Length(1, 200)
  title: string;

  @Field({ description: 'Description. 描述' })
  @Length(1, 5000)
  description: string;

  @Field({ description: 'Category code from the catalogue. 类别代码' })
  @Matches(CATEGORY_CODE, { message: 'must be a category code (UPPER_SNAKE_CASE)' })
  categoryCode: string;

  @Field(() => ServiceKind, { defaultValue: ServiceKind.HELP, description: 'Kind of service. 服务类型' })
  @IsEnum(ServiceKind)
  serviceKind: ServiceKind;

  @Field(() => CaseClass, { defaultValue: CaseClass.ORDINARY, description: 'Class; the grid may correct it when verifying. 事项分类' })
  @IsEnum(CaseClass)
  caseClass: CaseClass;

  @Field(() => CaseSource, {
    nullable: true,
    description: 'Source; defaults from your role (resident → RESIDENT, grid staff → GRID_PATROL, department → DEPARTMENT). 来源',
  })
  @IsOptional()
  @IsEnum(CaseSource)
  source?: CaseSource;

  @Field({ description: 'Grid of the case (15 digits). 网格代码' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field({ nullable: true, description: 'The person reporting (people service). 反映人' })
  @IsOptional()
  @IsUUID()
  reporterPersonId?: string;

  @Field({ defaultValue: false, description: 'Hide who reported it. 匿名' })
  @IsBoolean()
  anonymous: boolean;

  @Field(() => CaseLocationInput, { nullable: true, description: 'Location. 位置' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseLocationInput)
  location?: CaseLocationInput;

  @Field(() => [CaseAttachmentInput], { defaultValue: [], description: 'Attachments (at most 20). 附件' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CaseAttachmentInput)
  attachments: CaseAttachmentInput[];

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the case was reported on the device (the case\'s reportedAt; receivedAt keeps the server time)')
  occurredAt?: Date;
}

@InputType({ description: 'A case from the 12345 hotline (department systems). 12345工单转入' })
export class IntakeHotlineOrderInput extends ReportCaseInput {
  @Field({ description: 'Work-order number of the hotline; a second intake with it returns the same case. 12345工单号' })
  @Matches(/^[A-Za-z0-9-]{4,64}$/, { message: 'must be 4–64 letters, digits or dashes' })
  hotlineOrderNumber: string;
}

/** Fields every transition input has. */
@InputType({ isAbstract: true })
export abstract class CaseTransitionInput {
  @Field({ description: 'The case. 事项' })
  @IsUUID()
  caseId: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  /** A transition sent again with its key returns the case as it is now and writes nothing (CaseWorkflowService.run). */
  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Accept a reported case at the grid (网格核单), optionally correcting its classification. 核单' })
export class VerifyCaseInput extends CaseTransitionInput {
  @Field(() => CaseClass, { nullable: true, description: 'Corrected class; the deadline follows it. 修正分类' })
  @IsOptional()
  @IsEnum(CaseClass)
  caseClass?: CaseClass;

  @Field({ nullable: true, description: 'Corrected category. 修正类别' })
  @IsOptional()
  @Matches(CATEGORY_CODE, { message: 'must be a category code (UPPER_SNAKE_CASE)' })
  categoryCode?: string;

  @Field(() => ServiceKind, { nullable: true, description: 'Corrected kind of service. 修正服务类型' })
  @IsOptional()
  @IsEnum(ServiceKind)
  serviceKind?: ServiceKind;

  @Field({ nullable: true, description: 'Note. 说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'Explain and return a case (解释退回办). 解释退回' })
export class ReturnCaseInput extends CaseTransitionInput {
  @Field({ description: 'Why it cannot or should not be done; shown to the resident. 退回理由' })
  @Length(2, 2000)
  reason: string;
}

@InputType({ description: 'List a case with a deadline (清单限时办). 清单限时办' })
export class ScheduleCaseInput extends CaseTransitionInput {
  @Field(() => Date, {
    nullable: true,
    description: "The holder's own earlier deadline for this stage; it never moves the case clock and never extends the stage limit. 本环节承诺时限",
  })
  @IsOptional()
  @IsDate()
  dueAt?: Date;

  @Field({ nullable: true, description: 'Who handles it; defaults to you. 承办人' })
  @IsOptional()
  @Length(1, 100)
  assigneeUserId?: string;

  @Field({ nullable: true, description: 'Note. 说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'Escalate a case one level (提级上报办). 提级上报' })
export class EscalateCaseInput extends CaseTransitionInput {
  @Field({ description: 'Why it needs the level above. 上报理由' })
  @Length(2, 2000)
  reason: string;
}

@InputType({ description: 'The village places the order with the township (村(社区)下单). 下单' })
export class PlaceOrderInput extends CaseTransitionInput {
  @Field({ nullable: true, description: 'Note for the township. 说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'Dispatch a case to a department (乡镇(街道)派单). 派单' })
export class DispatchCaseInput extends CaseTransitionInput {
  @Field({ description: 'Department code, e.g. CIVIL_AFFAIRS. 部门代码' })
  @Matches(CATEGORY_CODE, { message: 'must be a department code (UPPER_SNAKE_CASE)' })
  departmentCode: string;

  @Field({ nullable: true, description: 'Id of the same department in the organizations subgraph, to link Case.department. 部门编号' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @Field({ nullable: true, description: "Needed when the department does not take the case's category. 越类派单理由" })
  @IsOptional()
  @Length(2, 2000)
  overrideReason?: string;

  @Field({ nullable: true, description: 'Note for the department. 说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'The department accepts a dispatched case (部门接单). 接单' })
export class AcceptCaseInput extends CaseTransitionInput {
  @Field({ nullable: true, description: 'Note. 说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'The department sends a dispatched case back. 部门退回' })
export class SendBackCaseInput extends CaseTransitionInput {
  @Field({ description: 'Why the department does not take it. 退回理由' })
  @Length(2, 2000)
  reason: string;
}

@InputType({ description: 'Resolve a case with a result. 办结' })
export class ResolveCaseInput extends CaseTransitionInput {
  @Field({ description: 'What was done. 办理结果' })
  @Length(2, 5000)
  result: string;
}

@InputType({ description: 'Feed the result back to the resident. 反馈' })
export class FeedBackCaseInput extends CaseTransitionInput {
  @Field({ description: 'What the resident was told. 反馈说明' })
  @Length(2, 2000)
  feedback: string;
}

@InputType({ description: 'The resident rates the result (群众评单). 评单' })
export class RateCaseInput extends CaseTransitionInput {
  @Field(() => Rating, { description: 'Rating. 评价' })
  @IsEnum(Rating)
  rating: Rating;

  @Field({ nullable: true, description: 'Comment. 评价意见' })
  @IsOptional()
  @Length(1, 2000)
  comment?: string;

  @Field({
    defaultValue: true,
    description: 'Must stay true: an UNSATISFIED rating reopens the case; a reviewer closes it instead with closeUnsatisfiedCase (DOMAIN.md §8.2). 不满意时重办',
  })
  @IsBoolean()
  reopen: boolean;
}

@InputType({ description: 'A return visit (回访) records the rating for a resident who cannot rate themself: a proxy rating. 回访代评' })
export class RecordReturnVisitInput extends CaseTransitionInput {
  @Field(() => Rating, { description: 'The rating the resident gave at the visit. 评价' })
  @IsEnum(Rating)
  rating: Rating;

  @Field(() => RatingMethod, { description: 'How it was collected: PHONE or VISIT. 回访方式' })
  @IsEnum(RatingMethod)
  method: RatingMethod;

  @Field({ nullable: true, description: 'What the resident said. 评价意见' })
  @IsOptional()
  @Length(1, 2000)
  comment?: string;
}

@InputType({ description: 'Close a case reopened by an unsatisfied rating without reworking it, with a written reason (village level or higher, not a handler). 不满意审核关闭' })
export class CloseUnsatisfiedCaseInput extends CaseTransitionInput {
  @Field({ description: 'The written reason; kept on the case and in its history. 理由' })
  @Length(5, 2000)
  reason: string;
}

@InputType({ description: 'Merge a duplicate into another case. 合并重复事项' })
export class MergeCasesInput {
  @Field({ description: 'The case that stays. 保留事项' })
  @IsUUID()
  survivorId: string;

  @Field({ description: 'The duplicate; it becomes MERGED and its reporters follow the survivor. 被合并事项' })
  @IsUUID()
  mergedId: string;

  @Field({ nullable: true, description: 'Note. 说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

@InputType({ description: 'Filter for cases you may see. 事项筛选' })
export class CaseFilter {
  @Field(() => [CaseStatus], { nullable: true, description: 'Only these statuses. 状态' })
  @IsOptional()
  @IsEnum(CaseStatus, { each: true })
  statuses?: CaseStatus[];

  @Field(() => HandlingLevel, { nullable: true, description: 'Only cases handled at this level. 办理层级' })
  @IsOptional()
  @IsEnum(HandlingLevel)
  level?: HandlingLevel;

  @Field({ nullable: true, description: 'Only this category. 类别' })
  @IsOptional()
  @Matches(CATEGORY_CODE, { message: 'must be a category code (UPPER_SNAKE_CASE)' })
  categoryCode?: string;

  @Field(() => CaseClass, { nullable: true, description: 'Only this class. 分类' })
  @IsOptional()
  @IsEnum(CaseClass)
  caseClass?: CaseClass;

  @Field(() => CaseSource, { nullable: true, description: 'Only this source. 来源' })
  @IsOptional()
  @IsEnum(CaseSource)
  source?: CaseSource;

  @Field({ nullable: true, description: 'Only under this area code (narrows your own scope). 区域代码前缀' })
  @IsOptional()
  @Matches(/^\d{2,15}$/, { message: 'must be an area code' })
  areaCode?: string;

  @Field({ nullable: true, description: 'Only cases that missed a deadline. 仅超期' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

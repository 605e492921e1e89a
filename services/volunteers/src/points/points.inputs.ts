import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { AREA_CODE, AREA_CODE_MESSAGE, MONTH, MONTH_MESSAGE, VILLAGE_CODE, VILLAGE_CODE_MESSAGE, VILLAGE_OR_GRID_CODE, VILLAGE_OR_GRID_MESSAGE } from '../common/inputs.js';
import { PartyMemberType } from '../common/party-member-type.js';
import { PointAccountKind, RedemptionItemKind } from './points-enums.js';

const PERSON_KINDS = [PointAccountKind.CIVIC, PointAccountKind.PARTY];
const PERSON_KINDS_MESSAGE = 'must be CIVIC or PARTY';

@InputType({ description: 'Propose points by hand under a rule (e.g. joining a mediation); a different admin approves. 人工加分申请' })
export class ProposeManualAwardInput {
  @Field(() => ID, { description: 'Who gets the points (people subgraph). 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Code of the rule (its account kind and, for MANUAL rules, its maximum apply). 积分规则代码' })
  @Length(1, 100)
  ruleCode: string;

  @Field(() => Int, { nullable: true, description: 'Points for MANUAL rules (at most the rule\'s); other rules give their own. 分值' })
  @IsOptional()
  @IsInt()
  @Min(1)
  points?: number;

  @Field({ description: 'Why. 事由' })
  @Length(1, 500)
  reason: string;

  @Field({ description: 'When the deed happened (not in the future). 事项发生时间' })
  @IsDate()
  occurredAt: Date;

  @Field({ nullable: true, description: 'Village or grid of the person, when they have no account of that kind yet. 所在区域代码' })
  @IsOptional()
  @Matches(VILLAGE_OR_GRID_CODE, { message: VILLAGE_OR_GRID_MESSAGE })
  areaCode?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Approve a manual award proposed by someone else. 审核通过人工加分' })
export class ApproveManualAwardInput {
  @Field(() => ID, { description: 'Manual award id. 申请ID' })
  @IsUUID()
  manualAwardId: string;
}

@InputType({ description: 'Reject a manual award. 驳回人工加分' })
export class RejectManualAwardInput {
  @Field(() => ID, { description: 'Manual award id. 申请ID' })
  @IsUUID()
  manualAwardId: string;

  @Field({ description: 'Why. 驳回理由' })
  @Length(1, 500)
  reason: string;
}

@InputType({ description: 'An in-service party member declares points for a month of service. 在职党员积分申报' })
export class DeclarePointsInput {
  @Field({ description: 'Month of the service, YYYY-MM (not in the future). 申报月份' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month: string;

  @Field(() => Int, { description: 'Points declared (at most the declaration rule\'s). 申报分值' })
  @IsInt()
  @Min(1)
  points: number;

  @Field({ description: 'What you did. 申报事项' })
  @Length(1, 1000)
  description: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the declaration was made on the device')
  occurredAt?: Date;
}

@InputType({ description: 'A step on a declaration: the convener collects it, the community verifies it. 申报处理' })
export class DeclarationStepInput {
  @Field(() => ID, { description: 'Declaration id. 申报ID' })
  @IsUUID()
  declarationId: string;
}

@InputType({ description: 'Reject a declaration. 驳回申报' })
export class RejectDeclarationInput {
  @Field(() => ID, { description: 'Declaration id. 申报ID' })
  @IsUUID()
  declarationId: string;

  @Field({ description: 'Why. 驳回理由' })
  @Length(1, 500)
  reason: string;
}

@InputType({ description: 'A red-line violation: void the person\'s points of a period (一票否决). 一票否决' })
export class VetoPointsInput {
  @Field(() => ID, { description: 'The person. 人员ID' })
  @IsUUID()
  personId: string;

  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY. 账户类别' })
  @IsIn(PERSON_KINDS, { message: PERSON_KINDS_MESSAGE })
  accountKind: PointAccountKind;

  @Field({ description: 'The period: a month YYYY-MM, a quarter YYYY-Qn or a year YYYY. 否决期间' })
  @Matches(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { message: 'must be YYYY-MM, YYYY-Qn or YYYY' })
  period: string;

  @Field({ description: 'The red line crossed. 否决事由' })
  @Length(1, 500)
  reason: string;
}

@InputType({ description: 'A new item of the redemption catalogue. 新增兑换品' })
export class CreateRedemptionItemInput {
  @Field({ description: 'Name. 名称' })
  @Length(1, 100)
  name: string;

  @Field({ nullable: true, description: 'Details. 说明' })
  @IsOptional()
  @Length(1, 1000)
  description?: string;

  @Field(() => RedemptionItemKind, { description: 'Goods or priority service. 类别' })
  @IsEnum(RedemptionItemKind)
  kind: RedemptionItemKind;

  @Field({ description: 'County, township or village code whose accounts may redeem it, in your area. 适用区域代码' })
  @Matches(/^(\d{6}|\d{9}|\d{12})$/, { message: 'must be a county, township or village code' })
  areaCode: string;

  @Field(() => Int, { description: 'Points per unit. 所需积分' })
  @IsInt()
  @Min(1)
  @Max(100_000)
  pointsCost: number;

  @Field(() => Int, { description: 'Units in stock. 库存' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Add units to an item\'s stock. 补充库存' })
export class RestockRedemptionItemInput {
  @Field(() => ID, { description: 'Item id. 兑换品ID' })
  @IsUUID()
  itemId: string;

  @Field(() => Int, { description: 'Units added. 补充数量' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}

@InputType({ description: 'Redeem points for an item on a redemption day: the holder, or an admin at the counter. 积分兑换' })
export class RedeemInput {
  @Field(() => ID, { description: 'Item id. 兑换品ID' })
  @IsUUID()
  itemId: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The person whose points are spent; omit to spend your own. Only area admins name someone else, in their area. 人员ID（不填为本人）',
  })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY points. 账户类别' })
  @IsIn(PERSON_KINDS, { message: PERSON_KINDS_MESSAGE })
  accountKind: PointAccountKind;

  @Field(() => Int, { nullable: true, description: 'Units (default 1, at most 20). 数量' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  quantity?: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Open (or find) a person\'s points account and link their own login to it. 开立积分账户' })
export class OpenPointAccountInput {
  @Field(() => ID, { description: 'The person. 人员ID' })
  @IsUUID()
  personId: string;

  @Field(() => PointAccountKind, { description: 'CIVIC or PARTY. 账户类别' })
  @IsIn(PERSON_KINDS, { message: PERSON_KINDS_MESSAGE })
  accountKind: PointAccountKind;

  @Field({ description: 'Village or grid code of the person, in your area. 所在区域代码' })
  @Matches(VILLAGE_OR_GRID_CODE, { message: VILLAGE_OR_GRID_MESSAGE })
  areaCode: string;

  @Field(() => ID, { nullable: true, description: 'Keycloak subject of the person\'s own account. 本人账号ID' })
  @IsOptional()
  @IsUUID()
  holderUserId?: string;

  @Field(() => PartyMemberType, { nullable: true, description: 'For PARTY accounts: the member type, which picks the rules. 党员类别' })
  @IsOptional()
  @IsEnum(PartyMemberType)
  partyMemberType?: PartyMemberType;
}

@ArgsType()
export class LeaderboardArgs {
  @Field({ description: 'Village (community) code. 村（社区）代码' })
  @Matches(VILLAGE_CODE, { message: VILLAGE_CODE_MESSAGE })
  villageCode: string;

  @Field({ description: 'Month, YYYY-MM. 月份' })
  @Matches(MONTH, { message: MONTH_MESSAGE })
  month: string;

  @Field(() => PointAccountKind, { nullable: true, description: 'CIVIC (default) or PARTY. 账户类别' })
  @IsOptional()
  @IsIn(PERSON_KINDS, { message: PERSON_KINDS_MESSAGE })
  accountKind?: PointAccountKind;

  @Field(() => Int, { nullable: true, description: 'How many places (default 10, at most 100). 名次数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  top?: number;
}

@ArgsType()
export class CatalogueArgs {
  @Field({ nullable: true, description: 'Only items offered in this area (default: yours). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode?: string;
}

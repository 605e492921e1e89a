import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { GRID_CODE } from '../common/grid-codes.js';
import { HazardCategory, HazardSeverity, KeyPlaceKind } from './field-work-enums.js';

const STAFF_ID_DESCRIPTION = 'Whose work it is; defaults to your own current assignment in the grid. 记录人任职记录 ID（默认本人）';

@InputType({ description: 'A door-to-door visit to record. 记录入户走访' })
export class RecordVisitInput {
  @Field(() => ID, { description: 'The household visited (people subgraph). 走访户 ID' })
  @IsUUID()
  householdId: string;

  @Field(() => ID, { nullable: true, description: STAFF_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @Field({ nullable: true, description: 'When it took place; defaults to now, never in the future. 走访时间' })
  @IsOptional()
  @IsDate()
  visitedAt?: Date;

  @Field({ description: 'What the worker found. 走访情况' })
  @Length(1, 2000)
  findings: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the visit was recorded on the device (used as visitedAt when that is not given)')
  occurredAt?: Date;

  @Field({ nullable: true, description: 'Public-opinion diary. 民情日记' })
  @IsOptional()
  @Length(1, 5000)
  diary?: string;
}

@InputType({ description: 'A key place to register in a grid. 登记重点场所' })
export class RegisterKeyPlaceInput {
  @Field({ description: 'Code of the grid. 网格代码' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field(() => KeyPlaceKind, { description: 'Kind. 类型' })
  @IsEnum(KeyPlaceKind)
  kind: KeyPlaceKind;

  @Field({ description: 'Name. 名称' })
  @Length(1, 100)
  name: string;

  @Field({ description: 'Address. 地址' })
  @Length(1, 200)
  address: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the place was registered on the device')
  occurredAt?: Date;
}

@InputType({ description: 'A hazard found on a patrol. 巡查发现的隐患' })
export class PatrolHazardInput {
  @Field({ description: 'What is wrong and where. 隐患描述' })
  @Length(1, 1000)
  description: string;

  @Field(() => HazardSeverity, { description: 'Severity. 隐患等级' })
  @IsEnum(HazardSeverity)
  severity: HazardSeverity;

  @Field(() => HazardCategory, { description: 'Category. 隐患类别' })
  @IsEnum(HazardCategory)
  category: HazardCategory;
}

@InputType({ description: 'A patrol of a key place, with the hazards found. 记录重点场所巡查' })
export class RecordPatrolInput {
  @Field(() => ID, { description: 'The key place. 重点场所 ID' })
  @IsUUID()
  keyPlaceId: string;

  @Field(() => ID, { nullable: true, description: STAFF_ID_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @Field({ nullable: true, description: 'When it took place; defaults to now, never in the future. 巡查时间' })
  @IsOptional()
  @IsDate()
  patrolledAt?: Date;

  @Field({ nullable: true, description: 'Notes. 巡查记录' })
  @IsOptional()
  @Length(1, 2000)
  notes?: string;

  @Field(() => [PatrolHazardInput], { defaultValue: [], description: 'Hazards found; each is reported. 发现的隐患' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PatrolHazardInput)
  hazards: PatrolHazardInput[];

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the patrol was recorded on the device (used as patrolledAt when that is not given)')
  occurredAt?: Date;
}

@InputType({ description: 'A hazard to report in a grid. 上报安全隐患' })
export class ReportHazardInput extends PatrolHazardInput {
  @Field({ description: 'Code of the grid. 网格代码' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field(() => ID, { nullable: true, description: 'The key place, if the hazard is in one of the grid\'s key places. 重点场所 ID' })
  @IsOptional()
  @IsUUID()
  keyPlaceId?: string;

  @Field(() => ID, { nullable: true, description: 'Who found it, if not you: a current staff assignment in the grid. 发现人任职记录 ID' })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the hazard was found (the report time; the server keeps its receive time too)')
  occurredAt?: Date;
}

@InputType({ description: 'Filter for key places in your scope. 重点场所筛选' })
export class KeyPlaceFilter {
  @Field({ nullable: true, description: 'Only this grid. 网格代码' })
  @IsOptional()
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode?: string;

  @Field(() => KeyPlaceKind, { nullable: true, description: 'Only this kind. 类型' })
  @IsOptional()
  @IsEnum(KeyPlaceKind)
  kind?: KeyPlaceKind;
}

@InputType({ description: 'Filter for hazards in your scope. 隐患筛选' })
export class HazardFilter {
  @Field({ nullable: true, description: 'Only grids under this code (a village, grid …). 区域或网格代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field(() => HazardSeverity, { nullable: true, description: 'Only this severity. 隐患等级' })
  @IsOptional()
  @IsEnum(HazardSeverity)
  severity?: HazardSeverity;

  @Field(() => HazardCategory, { nullable: true, description: 'Only this category. 隐患类别' })
  @IsOptional()
  @IsEnum(HazardCategory)
  category?: HazardCategory;
}

@InputType({ description: 'Filter for visits in your scope. 走访筛选' })
export class VisitFilter {
  @Field({ nullable: true, description: 'Only grids under this code (a village, grid …). 区域或网格代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field(() => ID, { nullable: true, description: 'Only visits to this household. 户 ID' })
  @IsOptional()
  @IsUUID()
  householdId?: string;

  @Field(() => ID, { nullable: true, description: 'Only visits by this staff assignment. 任职记录 ID' })
  @IsOptional()
  @IsUUID()
  staffId?: string;
}

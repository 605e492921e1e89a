import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsNumber, IsOptional, IsPositive, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { AREA_CODE, GRID_CODE } from '../common/area-codes.js';
import { DateScalar } from '../common/date-scalar.js';
import { AssessmentKind, TrainingKind } from './assessment-enums.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'One item of quantified scoring. 量化打分项' })
export class QuantifiedItemInput {
  @Field({ description: 'Item, e.g. ledgers kept, patrols done. 考核项目' })
  @Length(1, 200)
  name: string;

  @Field(() => Float, { description: 'Points given: from 0 to maxPoints. 得分' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points: number;

  @Field(() => Float, { description: 'Points possible (more than 0, at most 100). 满分' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(100)
  maxPoints: number;
}

@InputType({ description: 'Democratic evaluation: how many voted which way. 民主测评票数' })
export class DemocraticVotesInput {
  @Field(() => Int, { description: 'Satisfied. 满意' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  satisfied: number;

  @Field(() => Int, { description: 'Basically satisfied. 基本满意' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  basicallySatisfied: number;

  @Field(() => Int, { description: 'Unsatisfied. 不满意' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  unsatisfied: number;
}

@InputType({
  description:
    'Complete an assessment of a grid staff member for a period: quantified items and democratic votes are entered; platform statistics are counted from visits and cases. 完成网格员考核',
})
export class CompleteAssessmentInput {
  @Field(() => AssessmentKind, { description: 'Which of the five assessments. 考核类别' })
  @IsEnum(AssessmentKind)
  kind: AssessmentKind;

  @Field({ description: 'Period as the kind writes it: 2026-03 (monthly), 2026-Q1, 2026-H1, 2026 (year-end). 考核期间' })
  @Length(4, 7)
  period: string;

  @Field(() => ID, { description: 'User id of the staff member. 网格员账号' })
  @IsUUID()
  staffUserId: string;

  @Field(() => ID, { nullable: true, description: 'The staff member as a person of the people subgraph. 网格员人员ID' })
  @IsOptional()
  @IsUUID()
  staffPersonId?: string;

  @Field({ description: 'The grid (15 digits). 网格' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field(() => [QuantifiedItemInput], { defaultValue: [], description: 'Quantified scoring items. 量化打分' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuantifiedItemInput)
  quantifiedItems: QuantifiedItemInput[];

  @Field(() => DemocraticVotesInput, { nullable: true, description: 'Democratic votes. 民主测评' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DemocraticVotesInput)
  votes?: DemocraticVotesInput;

  @Field(() => String, { nullable: true, description: 'Note. 备注' })
  @IsOptional()
  @Length(1, 1000)
  note?: string;
}

@InputType({ description: 'Set the weights of one kind of assessment for a county or township; they must add up to 1. 设置考核权重' })
export class SetAssessmentWeightsInput {
  @Field({ description: 'County (6 digits) or township (9 digits) in your scope. 区域代码' })
  @Matches(/^(\d{6}|\d{9})$/, { message: 'must be a 6-digit county or 9-digit township code' })
  areaCode: string;

  @Field(() => AssessmentKind, { description: 'Kind of assessment. 考核类别' })
  @IsEnum(AssessmentKind)
  kind: AssessmentKind;

  @Field(() => Float, { description: 'Weight of quantified scoring. 量化打分权重' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  quantified: number;

  @Field(() => Float, { description: 'Weight of platform statistics. 平台统计权重' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  platform: number;

  @Field(() => Float, { description: 'Weight of democratic votes. 民主测评权重' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  democratic: number;

  @Field(() => Int, { nullable: true, description: 'The version you read when changing existing weights. 期望版本号' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

@InputType({ description: 'Record a training of a grid staff member. 记录网格员培训' })
export class RecordTrainingInput {
  @Field(() => ID, { description: 'User id of the staff member. 网格员账号' })
  @IsUUID()
  staffUserId: string;

  @Field(() => ID, { nullable: true, description: 'The staff member as a person of the people subgraph. 网格员人员ID' })
  @IsOptional()
  @IsUUID()
  staffPersonId?: string;

  @Field({ description: 'Grid the staff member works in. 所在网格' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field(() => TrainingKind, { description: 'Which of the four trainings. 培训类别' })
  @IsEnum(TrainingKind)
  kind: TrainingKind;

  @Field({ description: 'Title or subject. 培训内容' })
  @Length(1, 200)
  title: string;

  @Field(() => DateScalar, { description: 'Day of the training; not in the future. 培训日期' })
  @IsString()
  trainedOn: string;

  @Field(() => Float, { description: 'Hours (more than 0, at most 200). 学时' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(200)
  hours: number;

  @Field(() => ID, { nullable: true, description: 'For MENTORING: the mentor. 带教人' })
  @IsOptional()
  @IsUUID()
  mentorUserId?: string;

  @Field(() => String, { nullable: true, description: 'Note. 备注' })
  @IsOptional()
  @Length(1, 1000)
  note?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Which assessments to list. 考核筛选' })
export class AssessmentFilter {
  @Field({ nullable: true, description: 'Area in your scope (county to grid). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: 'must be an area code of 6, 9, 12 or 15 digits' })
  areaCode?: string;

  @Field(() => AssessmentKind, { nullable: true, description: 'Kind. 考核类别' })
  @IsOptional()
  @IsEnum(AssessmentKind)
  kind?: AssessmentKind;

  @Field({ nullable: true, description: 'Period. 考核期间' })
  @IsOptional()
  @Length(4, 7)
  period?: string;

  @Field(() => ID, { nullable: true, description: 'Staff member. 网格员账号' })
  @IsOptional()
  @IsUUID()
  staffUserId?: string;
}

@InputType({ description: 'Which training records to list. 培训记录筛选' })
export class TrainingRecordFilter {
  @Field({ nullable: true, description: 'Area in your scope (county to grid). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: 'must be an area code of 6, 9, 12 or 15 digits' })
  areaCode?: string;

  @Field(() => ID, { nullable: true, description: 'Staff member. 网格员账号' })
  @IsOptional()
  @IsUUID()
  staffUserId?: string;

  @Field(() => TrainingKind, { nullable: true, description: 'Kind. 培训类别' })
  @IsOptional()
  @IsEnum(TrainingKind)
  kind?: TrainingKind;
}

import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsEnum, IsIn, IsInt, IsOptional, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { DisputeOutcome, MediationLevel, SessionOutcome } from './dispute.entity.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A party to a dispute. 纠纷当事人' })
export class DisputePartyInput {
  @Field({ description: 'Name. 姓名或名称' })
  @Length(1, 100)
  name: string;

  @Field({ nullable: true, description: 'The person, when on the population ledger. 人员编号' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @Field({ nullable: true, description: 'Role, e.g. 申请人. 角色' })
  @IsOptional()
  @Length(1, 50)
  role?: string;
}

@InputType({ description: 'Start mediating a dispute on a case. 受理矛盾纠纷' })
export class OpenDisputeInput {
  @Field({ description: 'The case. 事项' })
  @IsUUID()
  caseId: string;

  @Field(() => [DisputePartyInput], { description: 'At least two parties. 当事人（至少两方）' })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DisputePartyInput)
  parties: DisputePartyInput[];

  @Field(() => MediationLevel, { defaultValue: MediationLevel.GRID, description: 'Who mediates first. 首次调解层级' })
  @IsEnum(MediationLevel)
  level: MediationLevel;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Record a mediation session. 记录调解' })
export class RecordMediationSessionInput {
  @Field({ description: 'The dispute. 纠纷' })
  @IsUUID()
  disputeId: string;

  @Field(() => MediationLevel, { description: 'Level of the session; the dispute moves to it. 调解层级' })
  @IsEnum(MediationLevel)
  level: MediationLevel;

  @Field({ nullable: true, description: 'Mediator (user id or expert name); defaults to you. 调解员' })
  @IsOptional()
  @Length(1, 100)
  mediator?: string;

  @Field(() => Date, { nullable: true, description: 'When it was held; defaults to now. 调解时间' })
  @IsOptional()
  @IsDate()
  heldAt?: Date;

  @Field(() => SessionOutcome, { description: 'Result; SETTLED settles the dispute. 结果' })
  @IsEnum(SessionOutcome)
  outcome: SessionOutcome;

  @Field({ description: 'What was discussed and agreed. 调解情况' })
  @Length(2, 5000)
  notes: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'End a dispute without settlement. 纠纷结案（未调成）' })
export class CloseDisputeInput {
  @Field({ description: 'The dispute. 纠纷' })
  @IsUUID()
  disputeId: string;

  @Field(() => DisputeOutcome, { description: 'FAILED or REFERRED. 结果（调解失败或转诉讼/仲裁）' })
  @IsIn([DisputeOutcome.FAILED, DisputeOutcome.REFERRED], { message: 'must be FAILED or REFERRED' })
  outcome: DisputeOutcome;

  @Field({ description: 'Why it ended, and where the parties were directed. 结案说明' })
  @Length(2, 2000)
  summary: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

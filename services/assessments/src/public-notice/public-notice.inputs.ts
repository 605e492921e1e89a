import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { ObjectionOutcome } from './public-notice.enums.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: "Put a village's monthly points leaderboard on public notice. 积分榜公示" })
export class OpenLeaderboardNoticeInput {
  @Field({ description: 'Village code (12 digits). 村（社区）代码' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit village code' })
  villageCode: string;

  @Field({ description: 'Month (YYYY-MM). 月份' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' })
  month: string;

  @Field({ nullable: true, description: 'Title on the notice board. 公示标题' })
  @IsOptional()
  @Length(1, 200)
  title?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Object to a result on public notice (异议), during its notice period. 提出异议' })
export class FileObjectionInput {
  @Field(() => ID, { description: 'The notice. 公示' })
  @IsUUID()
  noticeId: string;

  @Field({ description: 'What is wrong, and why. 异议内容' })
  @Length(1, 2000)
  text: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: "The committee's answer to an objection. 答复异议" })
export class AnswerObjectionInput {
  @Field(() => ID, { description: 'The objection. 异议' })
  @IsUUID()
  objectionId: string;

  @Field(() => ObjectionOutcome, { description: 'Upheld or dismissed. 处理结果' })
  @IsEnum(ObjectionOutcome)
  outcome: ObjectionOutcome;

  @Field({ description: 'The answer the objector reads. 答复内容' })
  @Length(1, 2000)
  answer: string;
}

@InputType({ description: 'Make a result on notice final: after its period, every objection answered. 公示定案' })
export class FinalizeNoticeInput {
  @Field(() => ID, { description: 'The notice. 公示' })
  @IsUUID()
  noticeId: string;
}

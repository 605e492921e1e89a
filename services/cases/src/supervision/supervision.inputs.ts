import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Length, Min } from 'class-validator';

@InputType({ description: 'Supervise a case (督办). 督办' })
export class SuperviseCaseInput {
  @Field({ description: 'The case. 事项' })
  @IsUUID()
  caseId: string;

  @Field({ description: 'Instruction to the handler. 督办意见' })
  @Length(2, 2000)
  instruction: string;
}

@InputType({ description: 'Reply to a supervision. 回复督办' })
export class ReplySupervisionInput {
  @Field({ description: 'The supervision. 督办' })
  @IsUUID()
  supervisionId: string;

  @Field({ description: 'Reply: what was done, what comes next. 回复内容' })
  @Length(2, 2000)
  reply: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

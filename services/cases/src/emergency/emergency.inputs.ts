import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'Declare an emergency for an area and activate its response team. 启动应急状态' })
export class DeclareEmergencyInput {
  @Field({ description: 'Area code (county down to grid). 区域代码' })
  @Matches(/^(\d{6}|\d{9}|\d{12}|\d{15})$/, { message: 'must be a county, township, village or grid code' })
  areaCode: string;

  @Field({ description: 'What happened, e.g. 台风防汛. 事件名称' })
  @Length(2, 200)
  title: string;

  @Field({ description: 'Situation and instructions. 情况与指令' })
  @Length(2, 5000)
  description: string;

  @Field(() => [String], { description: 'User ids of the response team (county cadre, township cadre, village secretary, grid staff …). 应急队伍成员' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Length(1, 100, { each: true })
  memberUserIds: string[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Return an area to normal grid service. 结束应急状态' })
export class CloseEmergencyInput {
  @Field({ description: 'The emergency. 应急事件' })
  @IsUUID()
  emergencyId: string;

  @Field({ nullable: true, description: 'Closing note. 结束说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

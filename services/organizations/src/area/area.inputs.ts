import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, Length, Matches, Min } from 'class-validator';
import { AreaLevel } from './area-level.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A new area under an existing parent. 新建行政区划' })
export class CreateAreaInput {
  @Field({ description: 'Division code: 2, 4, 6, 9 or 12 digits, starting with the parent code. 区划代码' })
  @Matches(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, { message: 'must be 2, 4, 6, 9 or 12 digits' })
  code: string;

  @Field({ description: 'Name. 名称' })
  @Length(1, 100)
  name: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Rename an area. 修改行政区划' })
export class UpdateAreaInput {
  @Field({ description: 'Division code of the area. 区划代码' })
  @Matches(/^\d{2,12}$/, { message: 'must be digits' })
  code: string;

  @Field({ description: 'New name. 新名称' })
  @Length(1, 100)
  name: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

@InputType({ description: 'Filter for areas in your scope. 区划筛选' })
export class AreaFilter {
  @Field(() => AreaLevel, { nullable: true, description: 'Only this level. 层级' })
  @IsOptional()
  level?: AreaLevel;

  @Field({ nullable: true, description: 'Name contains this text. 名称包含' })
  @IsOptional()
  @Length(1, 50)
  nameContains?: string;
}

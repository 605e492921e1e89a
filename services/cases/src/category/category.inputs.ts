import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, Length, Matches, Min } from 'class-validator';
import { IdempotencyKeyField } from '@lianxin/graphql';

const CODE = /^[A-Z][A-Z0-9_]{1,49}$/;

@InputType({ description: 'A new case category. 新增事项类别' })
export class CreateCaseCategoryInput {
  @Field({ description: 'Code in UPPER_SNAKE_CASE. 类别代码' })
  @Matches(CODE, { message: 'must be UPPER_SNAKE_CASE' })
  code: string;

  @Field({ description: 'Chinese name. 中文名称' })
  @Length(1, 50)
  nameZh: string;

  @Field({ description: 'English name. 英文名称' })
  @Length(1, 100)
  nameEn: string;

  @Field(() => [String], { defaultValue: [], description: 'Codes of the departments that take it. 承办部门代码' })
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'department codes must be UPPER_SNAKE_CASE' })
  departmentCodes: string[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'Change a case category. 修改事项类别' })
export class UpdateCaseCategoryInput {
  @Field({ description: 'Code of the category. 类别代码' })
  @Matches(CODE, { message: 'must be UPPER_SNAKE_CASE' })
  code: string;

  @Field({ nullable: true, description: 'Chinese name. 中文名称' })
  @IsOptional()
  @Length(1, 50)
  nameZh?: string;

  @Field({ nullable: true, description: 'English name. 英文名称' })
  @IsOptional()
  @Length(1, 100)
  nameEn?: string;

  @Field(() => [String], { nullable: true, description: 'Codes of the departments that take it. 承办部门代码' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true, message: 'department codes must be UPPER_SNAKE_CASE' })
  departmentCodes?: string[];

  @Field({ nullable: true, description: 'New cases may use it. 是否启用' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

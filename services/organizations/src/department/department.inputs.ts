import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsString, Length, Matches } from 'class-validator';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A new county department. 新建职能部门' })
export class CreateDepartmentInput {
  @Field({ description: 'County code (6 digits). 县区代码' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit county code' })
  areaCode: string;

  @Field({ description: 'Code in UPPER_SNAKE_CASE, e.g. CIVIL_AFFAIRS. 部门代码' })
  @Matches(/^[A-Z][A-Z0-9_]{1,49}$/, { message: 'must be UPPER_SNAKE_CASE' })
  code: string;

  @Field({ description: 'Name. 名称' })
  @Length(1, 100)
  name: string;

  @Field(() => [String], { defaultValue: [], description: 'Case categories it takes. 承办事项类别' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  caseCategories: string[];

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

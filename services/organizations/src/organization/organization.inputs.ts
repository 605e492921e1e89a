import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { OrganizationKind } from './organization-kind.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'A new organization in an area of your scope. 新建区域组织' })
export class CreateOrganizationInput {
  @Field({ description: 'Name. 名称' })
  @Length(1, 200)
  name: string;

  @Field(() => OrganizationKind, { description: 'Kind. 类别' })
  // Without a validator the global pipe's whitelist would strip the field.
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;

  @Field({ description: 'Code of the area or grid it covers (6 to 18 digits). 所属区划或网格代码' })
  @Matches(/^(\d{6}|\d{9}|\d{12}|\d{15}|\d{18})$/, { message: 'must be a county, township, village, grid or micro-grid code' })
  areaCode: string;

  @Field(() => ID, { nullable: true, description: 'Parent organization. 上级组织' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

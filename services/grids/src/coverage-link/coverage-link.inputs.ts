import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'Make a cadre responsible for an area of your scope (三包一联). 建立包联关系' })
export class CreateCoverageLinkInput {
  @Field({ description: 'Township (9 digits), village (12) or grid (15) covered. 包联区域代码' })
  @Matches(/^(\d{9}|\d{12}|\d{15})$/, { message: 'must be a township, village or grid code (9, 12 or 15 digits)' })
  areaCode: string;

  @Field(() => ID, { description: 'Keycloak user id of the cadre. 包联干部账号 ID' })
  @IsUUID()
  cadreUserId: string;

  @Field({ description: 'Name of the cadre. 包联干部姓名' })
  @Length(1, 50)
  cadreName: string;

  @Field(() => ID, { nullable: true, description: 'The cadre in the people subgraph. 人员 ID' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

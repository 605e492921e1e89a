import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { AREA_CODE, AREA_CODE_MESSAGE, VILLAGE_CODE, VILLAGE_CODE_MESSAGE } from '../common/inputs.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'An in-service party member reports to the community where they live, for a year (双报到). 在职党员双报到登记' })
export class RegisterDoubleReportInput {
  @Field(() => ID, { description: 'The member (people subgraph). 人员ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'The member\'s work unit. 工作单位' })
  @Length(1, 200)
  workUnit: string;

  @Field({ description: 'Village (community) code reported to, in your area. 报到社区代码' })
  @Matches(VILLAGE_CODE, { message: VILLAGE_CODE_MESSAGE })
  villageCode: string;

  @Field(() => Int, { description: 'Year. 年度' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ArgsType()
export class YearAreaArgs {
  @Field(() => Int, { description: 'Year. 年度' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @Field({ nullable: true, description: 'Only this area and below (inside your scope). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode?: string;
}

import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { ID } from '@nestjs/graphql';
import { IsDate, IsEnum, IsLatitude, IsLongitude, IsOptional, IsUUID, Length } from 'class-validator';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { CareKind } from './care-rules.js';
import { CareDate } from './care-date.scalar.js';
import { CareRecord, CareSlot } from './care.entities.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@ObjectType({ description: 'What a grid worker owes the households they cover (§8.3). 关爱待办清单' })
export class CareDueList {
  @Field(() => GridStaff, { description: 'Whose list it is. 网格员' })
  staff: GridStaff;

  @Field(() => CareDate, { description: 'The day it was made for (China time). 日期' })
  asOf: string;

  @Field(() => [CareSlot], { description: 'Past their last day, undone (the last 90 days by default). 已逾期' })
  overdue: CareSlot[];

  @Field(() => [CareSlot], { description: 'Due today. 今日到期' })
  today: CareSlot[];

  @Field(() => [CareSlot], { description: 'Due by Sunday. 本周到期' })
  thisWeek: CareSlot[];

  @Field(() => [CareSlot], { description: 'Open now, due after this week (housework, the quarter\'s problem). 稍后到期' })
  later: CareSlot[];
}

@InputType({ description: 'Care given to a household, with proof: time and place. 记录关爱' })
export class RecordCareInput {
  @Field(() => ID, { description: 'The household (people subgraph). 关爱户 ID' })
  @IsUUID()
  householdId: string;

  @Field(() => CareKind, { description: 'What was done. 关爱类型' })
  @IsEnum(CareKind)
  kind: CareKind;

  @Field(() => ID, { nullable: true, description: 'For a birthday visit: whose birthday. 生日探望对象' })
  @IsOptional()
  @IsUUID()
  personId?: string;

  @Field(() => ID, { nullable: true, description: 'Whose work it is; defaults to your own current assignment. 记录人任职记录 ID（默认本人）' })
  @IsOptional()
  @IsUUID()
  staffId?: string;

  @Field({ nullable: true, description: 'When it was done; defaults to now, never in the future. 完成时间' })
  @IsOptional()
  @IsDate()
  doneAt?: Date;

  @Field(() => Float, { nullable: true, description: 'Latitude where it was done (WGS 84). 纬度' })
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @Field(() => Float, { nullable: true, description: 'Longitude where it was done (WGS 84). 经度' })
  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @Field({ nullable: true, description: 'What was done. 情况说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@ObjectType({ description: 'Result of recordCare. 记录关爱结果' })
export class RecordCarePayload {
  @Field(() => CareRecord, { description: 'The record. 关爱记录' })
  record: CareRecord;

  @Field(() => CareSlot, { nullable: true, description: 'The slot it fulfilled; null when none was open for that day. 完成的关爱事项' })
  fulfilledSlot: CareSlot | null;
}

import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { AREA_CODE, AREA_CODE_MESSAGE, VILLAGE_OR_GRID_CODE, VILLAGE_OR_GRID_MESSAGE } from '../common/inputs.js';
import { ActivityKind } from './activity-kind.js';

export const MAX_CAPACITY = 500;

@InputType({ description: 'A new volunteer activity in your area; you become its organiser. 发布志愿活动' })
export class CreateActivityInput {
  @Field({ description: 'Title. 标题' })
  @Length(1, 200)
  title: string;

  @Field(() => ActivityKind, { description: 'Kind. 类别' })
  @IsEnum(ActivityKind)
  kind: ActivityKind;

  @Field({ nullable: true, description: 'Details. 活动内容' })
  @IsOptional()
  @Length(1, 2000)
  description?: string;

  @Field({ description: 'Village or grid code where it takes place. 活动区域代码' })
  @Matches(VILLAGE_OR_GRID_CODE, { message: VILLAGE_OR_GRID_MESSAGE })
  areaCode: string;

  @Field({ description: 'Start. 开始时间' })
  @IsDate()
  startsAt: Date;

  @Field({ description: 'End, after the start. 结束时间' })
  @IsDate()
  endsAt: Date;

  @Field(() => Int, { description: `How many volunteers may sign up (1–${MAX_CAPACITY}). 名额` })
  @IsInt()
  @Min(1)
  @Max(MAX_CAPACITY)
  capacity: number;

  @Field(() => Float, { description: 'Service hours credited to each attendee (0.25–24, in quarter hours). 每人服务时长（小时）' })
  @IsNumber()
  @Min(0.25)
  @Max(24)
  serviceHours: number;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the activity was created on the device')
  occurredAt?: Date;
}

@InputType({ description: 'Sign up for an activity of your village: yourself, or (staff) a volunteer of your area. 活动报名' })
export class SignUpInput {
  @Field(() => ID, { description: 'Activity id. 活动ID' })
  @IsUUID()
  activityId: string;

  @Field(() => ID, { nullable: true, description: 'Volunteer id; omit to sign yourself up. 志愿者ID（不填为本人）' })
  @IsOptional()
  @IsUUID()
  volunteerId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the sign-up was made on the device')
  occurredAt?: Date;
}

@InputType({ description: 'Record a signed-up volunteer\'s attendance (the organiser or an area admin). 活动签到' })
export class CheckInInput {
  @Field(() => ID, { description: 'Activity id. 活动ID' })
  @IsUUID()
  activityId: string;

  @Field(() => ID, { description: 'Volunteer id. 志愿者ID' })
  @IsUUID()
  volunteerId: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the volunteer was checked in (the attendance time)')
  occurredAt?: Date;
}

@InputType({ description: 'Which activities to list. 活动筛选' })
export class ActivityFilter {
  @Field({ nullable: true, description: 'Only this area and below (inside what you may see). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode?: string;

  @Field(() => ActivityKind, { nullable: true, description: 'Only this kind. 类别' })
  @IsOptional()
  @IsEnum(ActivityKind)
  kind?: ActivityKind;
}

import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsEnum, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { AREA_CODE, AREA_CODE_MESSAGE, VILLAGE_OR_GRID_CODE, VILLAGE_OR_GRID_MESSAGE } from '../common/inputs.js';
import { ServiceOrderKind, ServiceOrderStatus } from './order-enums.js';

@InputType({ description: 'A resident\'s need or a micro-wish, published by the community for volunteers to claim. 发布服务单（社区派单）' })
export class PublishServiceOrderInput {
  @Field(() => ServiceOrderKind, { description: 'Need or micro-wish. 类别' })
  @IsEnum(ServiceOrderKind)
  kind: ServiceOrderKind;

  @Field({ description: 'Title. 标题' })
  @Length(1, 200)
  title: string;

  @Field({ nullable: true, description: 'What is needed. 需求描述' })
  @IsOptional()
  @Length(1, 2000)
  description?: string;

  @Field({ description: 'Village or grid code in your area; volunteers of that village may claim it. 区域代码' })
  @Matches(VILLAGE_OR_GRID_CODE, { message: VILLAGE_OR_GRID_MESSAGE })
  areaCode: string;

  @Field({ description: 'Must be done by then; in the future. 办结时限' })
  @IsDate()
  deadline: Date;

  @Field(() => ID, { nullable: true, description: 'The resident who ordered it (people subgraph). 点单群众' })
  @IsOptional()
  @IsUUID()
  requesterPersonId?: string;

  @Field(() => ID, { nullable: true, description: 'The resident\'s account, so they can follow and confirm it. 点单群众账号' })
  @IsOptional()
  @IsUUID()
  requesterUserId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the order was published on the device')
  occurredAt?: Date;
}

@InputType({ description: '§8.6: a resident orders a service or publishes a micro-wish in their own village, as their linked person; the community reviews it. 群众点单' })
export class RequestServiceOrderInput {
  @Field(() => ServiceOrderKind, { description: 'Need or micro-wish. 类别' })
  @IsEnum(ServiceOrderKind)
  kind: ServiceOrderKind;

  @Field({ description: 'Title. 标题' })
  @Length(1, 200)
  title: string;

  @Field({ nullable: true, description: 'What is needed. 需求描述' })
  @IsOptional()
  @Length(1, 2000)
  description?: string;

  @Field({ description: 'Wanted by then; in the future. 期望完成时间' })
  @IsDate()
  deadline: Date;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the request was made on the device')
  occurredAt?: Date;
}

@InputType({ description: '§8.6: the community publishes a resident\'s request (社区派单) or declines it with a reason. 审核群众点单' })
export class ReviewServiceOrderInput {
  @Field(() => ID, { description: 'Order id. 服务单ID' })
  @IsUUID()
  orderId: string;

  @Field({ description: 'true: publish it for volunteers; false: decline it. 是否发布' })
  @IsBoolean()
  publish: boolean;

  @Field({ nullable: true, description: 'Note; required when declining (the reason the resident reads). 审核意见' })
  @IsOptional()
  @Length(1, 500)
  note?: string;

  @Field({ nullable: true, description: 'A new deadline when publishing (default: the resident\'s). 新的办结时限' })
  @IsOptional()
  @IsDate()
  deadline?: Date;
}

@InputType({ description: 'Take an open order of your village (党员接单). 接单' })
export class ClaimOrderInput {
  @Field(() => ID, { description: 'Order id. 服务单ID' })
  @IsUUID()
  orderId: string;
}

@InputType({ description: 'Report the claimed order done. 完成服务单' })
export class CompleteOrderInput {
  @Field(() => ID, { description: 'Order id. 服务单ID' })
  @IsUUID()
  orderId: string;

  @Field({ description: 'What was done. 完成情况' })
  @Length(1, 2000)
  note: string;
}

@InputType({ description: 'Confirm a completed order (the community or the resident who ordered it). 确认服务单' })
export class ConfirmOrderInput {
  @Field(() => ID, { description: 'Order id. 服务单ID' })
  @IsUUID()
  orderId: string;
}

@InputType({ description: 'Publish an expired order again with a new deadline. 重新派单' })
export class RepublishOrderInput {
  @Field(() => ID, { description: 'Order id. 服务单ID' })
  @IsUUID()
  orderId: string;

  @Field({ description: 'The new deadline; in the future. 新的办结时限' })
  @IsDate()
  deadline: Date;
}

@InputType({ description: 'Which service orders to list. 服务单筛选' })
export class ServiceOrderFilter {
  @Field(() => ServiceOrderStatus, { nullable: true, description: 'Only this status. 状态' })
  @IsOptional()
  @IsEnum(ServiceOrderStatus)
  status?: ServiceOrderStatus;

  @Field(() => ServiceOrderKind, { nullable: true, description: 'Only this kind. 类别' })
  @IsOptional()
  @IsEnum(ServiceOrderKind)
  kind?: ServiceOrderKind;

  @Field({ nullable: true, description: 'Only this area and below (inside what you may see). 区域代码' })
  @IsOptional()
  @Matches(AREA_CODE, { message: AREA_CODE_MESSAGE })
  areaCode?: string;

  @Field({ nullable: true, description: 'Only orders you (as a volunteer) hold now. 只看我接的单' })
  @IsOptional()
  @IsBoolean()
  claimedByMe?: boolean;
}

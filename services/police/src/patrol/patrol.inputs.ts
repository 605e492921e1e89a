import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { GRID_CODE, GRID_CODE_MESSAGE } from '../grid/grid.stub.js';

@InputType('RecordPolicePatrolInput', { description: 'A police patrol of a grid in your area. 登记警务巡逻' })
export class RecordPolicePatrolInput {
  @Field({ description: 'Grid code (15 digits). 网格代码' })
  @Matches(GRID_CODE, { message: GRID_CODE_MESSAGE })
  gridCode: string;

  @Field({ description: 'Route taken. 巡逻路线' })
  @Length(1, 500)
  @Matches(/\S/, { message: 'must not be blank' })
  route: string;

  @Field(() => String, { nullable: true, description: 'What the patrol found. 巡逻发现' })
  @IsOptional()
  @Length(0, 2000)
  findings?: string;

  @Field({ description: 'When the patrol took place; not in the future. 巡逻时间' })
  @IsDate()
  patrolledAt: Date;

  @Field(() => ID, { nullable: true, description: 'The community officer who patrolled: a posting of this grid. 巡逻民警（本网格任职记录编号）' })
  @IsOptional()
  @IsUUID()
  officerId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the patrol was recorded on the device (patrolledAt stays the patrol\'s time)')
  occurredAt?: Date;
}

@InputType('PolicePatrolFilter', { description: 'Filter for police patrols in your area. 警务巡逻筛选' })
export class PolicePatrolFilter {
  @Field(() => String, { nullable: true, description: 'Only this grid (15 digits). 网格代码' })
  @IsOptional()
  @Matches(GRID_CODE, { message: GRID_CODE_MESSAGE })
  gridCode?: string;
}

import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Min } from 'class-validator';
import { GRID_CODE, MICRO_GRID_CODE } from '../common/grid-codes.js';
import { GridStaffRole } from './staff-role.js';
import { IdempotencyKeyField } from '@lianxin/graphql';

@InputType({ description: 'Put a person on a grid team. 配备网格力量' })
export class AssignStaffInput {
  @Field({ description: 'Code of the grid. 网格代码' })
  @Matches(GRID_CODE, { message: 'must be a 15-digit grid code' })
  gridCode: string;

  @Field({ nullable: true, description: 'Micro-grid, required for a liaison, allowed for a volunteer. 微网格代码' })
  @IsOptional()
  @Matches(MICRO_GRID_CODE, { message: 'must be an 18-digit micro-grid code' })
  microGridCode?: string;

  @Field(() => GridStaffRole, { description: 'Role on the team. 角色' })
  @IsEnum(GridStaffRole)
  role: GridStaffRole;

  @Field(() => ID, { description: 'The person (people subgraph). 人员 ID' })
  @IsUUID()
  personId: string;

  @Field({ description: 'Display name. 姓名' })
  @Length(1, 50)
  name: string;

  @Field(() => ID, { nullable: true, description: 'Keycloak user id, if the person signs in. 登录账号 ID' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @IdempotencyKeyField()
  idempotencyKey?: string;
}

@InputType({ description: 'End a current staff assignment; the households the person linked are released. 解除网格力量任职' })
export class EndStaffAssignmentInput {
  @Field(() => ID, { description: 'The assignment. 任职记录 ID' })
  @IsUUID()
  staffId: string;

  @Field({ nullable: true, description: 'Why it ends. 离任原因' })
  @IsOptional()
  @Length(1, 500)
  reason?: string;

  @Field(() => Int, { nullable: true, description: 'The version you read; a stale version gives CONFLICT. 读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

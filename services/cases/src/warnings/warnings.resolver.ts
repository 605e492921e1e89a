import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { WarningLevel, WarningRule } from './warning-rules.js';
import { Warning, WarningHistory, WarningStatus } from './warning.entity.js';
import { WARNING_HANDLERS, WARNING_READERS } from './warnings.policy.js';
import { WarningsService } from './warnings.service.js';

export const WarningConnection = ConnectionType(Warning, 'Warning', 'Warnings. 预警');

@InputType({ description: 'Which warnings. 预警筛选' })
export class WarningFilterInput {
  @Field(() => [WarningStatus], { nullable: true, description: 'Statuses (default all). 状态' })
  @IsOptional()
  @IsEnum(WarningStatus, { each: true })
  status?: WarningStatus[];

  @Field(() => WarningRule, { nullable: true, description: 'Rule. 规则' })
  @IsOptional()
  @IsEnum(WarningRule)
  rule?: WarningRule;

  @Field(() => WarningLevel, { nullable: true, description: 'Level addressed. 层级' })
  @IsOptional()
  @IsEnum(WarningLevel)
  level?: WarningLevel;

  @Field({ nullable: true, description: 'Addressed inside this area (within yours). 区域代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area code of 6 to 15 digits' })
  areaCode?: string;
}

@InputType({ description: 'Acknowledge a warning addressed to your level. 签收预警' })
export class AcknowledgeWarningInput {
  @Field(() => ID, { description: 'The warning. 预警' })
  @IsUUID()
  id: string;

  @Field({ nullable: true, description: 'Note. 签收说明' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;

  @Field(() => Int, { nullable: true, description: 'The version you saw. 版本号' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

@InputType({ description: 'Close a warning with a note on how it was dealt with. 办结预警' })
export class CloseWarningInput {
  @Field(() => ID, { description: 'The warning. 预警' })
  @IsUUID()
  id: string;

  @Field({ description: 'How it was dealt with. 办结说明' })
  @Length(1, 2000)
  note: string;

  @Field(() => Int, { nullable: true, description: 'The version you saw. 版本号' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number;
}

@ObjectType({ description: 'The warning after the change. 变更后的预警' })
export class WarningPayload {
  @Field(() => Warning, { description: 'The warning. 预警' })
  warning: Warning;
}

@Resolver(() => Warning)
export class WarningsResolver {
  constructor(private readonly service: WarningsService) {}

  @Query(() => WarningConnection, { description: 'Early warnings addressed inside your area, newest first (§8.4). 本辖区研判预警' })
  @Roles(...WARNING_READERS)
  warnings(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => WarningFilterInput, nullable: true, description: 'Filter. 筛选条件' }) filter?: WarningFilterInput,
  ) {
    return this.service.search(user, filter, page);
  }

  @Query(() => Warning, { description: 'One warning addressed inside your area. 预警详情' })
  @Roles(...WARNING_READERS)
  warning(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Id. 编号' }) id: string): Promise<Warning> {
    return this.service.get(user, id);
  }

  @Mutation(() => WarningPayload, { description: 'Acknowledge a warning addressed to your level or below. 签收预警' })
  @Roles(...WARNING_HANDLERS)
  async acknowledgeWarning(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: AcknowledgeWarningInput): Promise<WarningPayload> {
    return { warning: await this.service.acknowledge(user, input) };
  }

  @Mutation(() => WarningPayload, { description: 'Close a warning with a note (audited). 办结预警' })
  @Roles(...WARNING_HANDLERS)
  async closeWarning(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CloseWarningInput): Promise<WarningPayload> {
    return { warning: await this.service.close(user, input) };
  }

  @ResolveField(() => [WarningHistory], { description: 'What happened to it, oldest first (audited). 处置记录' })
  history(@Parent() warning: Warning): Promise<WarningHistory[]> {
    return this.service.history(warning.id);
  }
}

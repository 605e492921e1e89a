import { Args, Field, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AreaReference } from '../federation/references.js';
import { ALL_ROLES, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { Emergency } from './emergency.entity.js';
import { CloseEmergencyInput, DeclareEmergencyInput } from './emergency.inputs.js';
import { EmergencyService } from './emergency.service.js';
import { Idempotent } from '@lianxin/platform';

@ObjectType({ description: 'The emergency after the change. 变更后的应急状态' })
export class EmergencyPayload {
  @Field(() => Emergency, { description: 'The emergency. 应急事件' })
  emergency: Emergency;
}

@Resolver(() => Emergency)
export class EmergencyResolver {
  constructor(private readonly service: EmergencyService) {}

  @Query(() => [Emergency], { description: 'Emergencies that concern your area (latest 100). 应急状态' })
  @Roles(...ALL_ROLES)
  emergencies(
    @CurrentUser() user: AuthUser,
    @Args('activeOnly', { type: () => Boolean, defaultValue: true, description: 'Only those still active. 仅进行中' }) activeOnly: boolean,
  ): Promise<Emergency[]> {
    return this.service.list(user, activeOnly);
  }

  @ResolveField(() => AreaReference, { description: 'The area in emergency mode. 应急区域' })
  area(@Parent() emergency: Emergency): AreaReference {
    return { code: emergency.areaCode };
  }

  @Idempotent()
  @Mutation(() => EmergencyPayload, { description: 'Declare an emergency: activate the team, command goes flat. 启动应急状态' })
  @Roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN)
  async declareEmergency(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: DeclareEmergencyInput): Promise<EmergencyPayload> {
    return { emergency: await this.service.declare(user, input) };
  }

  @Mutation(() => EmergencyPayload, { description: 'Close an emergency: back to normal grid service. 结束应急状态' })
  @Roles(Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN)
  async closeEmergency(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: CloseEmergencyInput): Promise<EmergencyPayload> {
    return { emergency: await this.service.close(user, input) };
  }
}

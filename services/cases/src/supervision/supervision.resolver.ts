import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { AREA_ADMIN_ROLES, CurrentUser, GRID_STAFF_ROLES, Role, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { Supervision } from './supervision.entity.js';
import { ReplySupervisionInput, SuperviseCaseInput } from './supervision.inputs.js';
import { SupervisionService } from './supervision.service.js';

export const SupervisionConnection = ConnectionType(Supervision, 'Supervision', 'Supervisions. 督办');

@ObjectType({ description: 'The supervision after the change. 变更后的督办' })
export class SupervisionPayload {
  @Field(() => Supervision, { description: 'The supervision. 督办' })
  supervision: Supervision;
}

@Resolver(() => Supervision)
export class SupervisionResolver {
  constructor(private readonly service: SupervisionService) {}

  @Query(() => SupervisionConnection, { description: 'Supervisions of cases in your area, newest first. 本辖区督办' })
  @Roles(...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.AUDITOR)
  supervisions(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('unrepliedOnly', { type: () => Boolean, defaultValue: false, description: 'Only those not yet replied to. 仅未回复' })
    unrepliedOnly: boolean,
  ) {
    return this.service.list(user, unrepliedOnly, page);
  }

  @Mutation(() => SupervisionPayload, { description: 'Supervise a case: instruct its handler (督办). 督办' })
  @Roles(...AREA_ADMIN_ROLES)
  async superviseCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: SuperviseCaseInput): Promise<SupervisionPayload> {
    return { supervision: await this.service.supervise(user, input) };
  }

  @Mutation(() => SupervisionPayload, { description: 'Reply to a supervision of a case you handle. 回复督办' })
  @Roles(...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.DEPARTMENT_STAFF)
  async replySupervision(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ReplySupervisionInput): Promise<SupervisionPayload> {
    return { supervision: await this.service.reply(user, input) };
  }
}

import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { PageArgs } from '@lianxin/graphql';
import { ADMIN_ROLES, STAFF_READ_ROLES, STAFF_ROLES } from '../common/access.js';
import { PersonReference, personRef } from '../federation/person.reference.js';
import { ManualAward } from './manual-award.entity.js';
import { ManualAwardService } from './manual-award.service.js';
import { ApprovalStatus } from './points-enums.js';
import { ApproveManualAwardInput, ProposeManualAwardInput, RejectManualAwardInput } from './points.inputs.js';
import { ManualAwardConnection, ManualAwardPayload } from './points.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => ManualAward)
export class ManualAwardResolver {
  constructor(private readonly service: ManualAwardService) {}

  @Query(() => ManualAwardConnection, { description: 'Manual awards in your area, newest first. 人工加分申请' })
  @Roles(...STAFF_READ_ROLES)
  manualAwards(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('status', { type: () => ApprovalStatus, nullable: true, description: 'Only this state. 状态' }) status?: ApprovalStatus,
  ) {
    return this.service.list(user, status, page);
  }

  @Idempotent()
  @Mutation(() => ManualAwardPayload, { description: 'Propose points by hand under a rule; a different admin approves. 人工加分申请' })
  @Roles(...STAFF_ROLES)
  async proposeManualAward(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ProposeManualAwardInput): Promise<ManualAwardPayload> {
    return { manualAward: await this.service.propose(user, input) };
  }

  @Mutation(() => ManualAwardPayload, { description: 'Approve a manual award someone else proposed; the points are awarded. 审核通过人工加分' })
  @Roles(...ADMIN_ROLES)
  async approveManualAward(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ApproveManualAwardInput): Promise<ManualAwardPayload> {
    return { manualAward: await this.service.approve(user, input) };
  }

  @Mutation(() => ManualAwardPayload, { description: 'Reject a manual award. 驳回人工加分' })
  @Roles(...ADMIN_ROLES)
  async rejectManualAward(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RejectManualAwardInput): Promise<ManualAwardPayload> {
    return { manualAward: await this.service.reject(user, input) };
  }

  @ResolveField(() => PersonReference, { description: 'Who gets the points. 人员' })
  person(@Parent() award: ManualAward): PersonReference {
    return personRef(award.personId);
  }
}

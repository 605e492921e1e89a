import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { HouseholdReference, PersonReference } from '../common/references.js';
import { CARE_READERS, CARE_RECORDERS } from './care.policy.js';
import { CareRecord, CareSlot, CareSlotState } from './care.entities.js';
import { CareService } from './care.service.js';
import { CareDueList, RecordCareInput, RecordCarePayload } from './care.types.js';
import { Idempotent } from '@lianxin/platform';

@Resolver(() => CareSlot)
export class CareSlotResolver {
  constructor(private readonly care: CareService) {}

  @Query(() => CareDueList, {
    description: 'A grid worker\'s care due list (四个一): overdue, today, this week, later; your own unless you name a staff member in your area. 关爱待办',
  })
  @Roles(...CARE_READERS)
  careDue(
    @CurrentUser() user: AuthUser,
    @Args('staffId', { type: () => ID, nullable: true, description: 'Staff assignment id; defaults to your own. 网格员任职记录 ID' }) staffId?: string,
  ): Promise<CareDueList> {
    return this.care.dueList(user, staffId);
  }

  @Idempotent()
  @Mutation(() => RecordCarePayload, { description: 'Record care given to a household (time and place); fulfils the slot open for that day. 记录关爱' })
  @Roles(...CARE_RECORDERS)
  async recordCare(@CurrentUser() user: AuthUser, @Args('input', { description: 'What was done. 输入' }) input: RecordCareInput): Promise<RecordCarePayload> {
    const { record, slot } = await this.care.record(user, input);
    return { record, fulfilledSlot: slot };
  }

  @ResolveField(() => CareSlotState, { description: 'Where it stands today. 状态' })
  state(@Parent() slot: CareSlot): CareSlotState {
    return this.care.stateOf(slot);
  }

  @ResolveField(() => HouseholdReference, { description: 'The household. 关爱户' })
  household(@Parent() slot: CareSlot): HouseholdReference {
    return { id: slot.householdId };
  }

  @ResolveField(() => PersonReference, { nullable: true, description: 'For a birthday visit: whose birthday. 生日探望对象' })
  person(@Parent() slot: CareSlot): PersonReference | null {
    return slot.personId ? { id: slot.personId } : null;
  }
}

@Resolver(() => CareRecord)
export class CareRecordResolver {
  @ResolveField(() => HouseholdReference, { description: 'The household. 关爱户' })
  household(@Parent() record: CareRecord): HouseholdReference {
    return { id: record.householdId };
  }
}

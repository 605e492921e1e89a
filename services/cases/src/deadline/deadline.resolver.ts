import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, AREA_ADMIN_ROLES, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { CalendarDay } from './calendar-day.entity.js';
import { DeadlineRule } from './deadline-rule.entity.js';
import { RemoveCalendarDayInput, RemoveDeadlineRuleInput, SetCalendarDayInput, SetDeadlineRuleInput } from './deadline.inputs.js';
import { DeadlineService } from './deadline.service.js';

@ObjectType({ description: 'The deadline rule after the change. 变更后的办理时限规则' })
export class DeadlineRulePayload {
  @Field(() => DeadlineRule, { description: 'The rule. 规则' })
  rule: DeadlineRule;
}

@ObjectType({ description: 'The calendar day after the change. 变更后的日历例外' })
export class CalendarDayPayload {
  @Field(() => CalendarDay, { description: 'The day. 日期' })
  calendarDay: CalendarDay;
}

@Resolver()
export class DeadlineResolver {
  constructor(private readonly service: DeadlineService) {}

  @Query(() => [DeadlineRule], { description: "Your county's deadline rules (classes without a rule use 1/3/7/15/30 working days). 办理时限规则" })
  @Roles(...AREA_ADMIN_ROLES, Role.AUDITOR)
  deadlineRules(@CurrentUser() user: AuthUser): Promise<DeadlineRule[]> {
    return this.service.rules(user);
  }

  @Mutation(() => DeadlineRulePayload, { description: "Set a county's deadline for a class (and category). 设置办理时限" })
  @Roles(Role.COUNTY_ADMIN)
  async setDeadlineRule(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: SetDeadlineRuleInput): Promise<DeadlineRulePayload> {
    return { rule: await this.service.setRule(user, input) };
  }

  @Mutation(() => DeadlineRulePayload, { description: 'Remove a deadline rule. 删除办理时限规则' })
  @Roles(Role.COUNTY_ADMIN)
  async removeDeadlineRule(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RemoveDeadlineRuleInput): Promise<DeadlineRulePayload> {
    return { rule: await this.service.removeRule(user, input) };
  }

  @Query(() => [CalendarDay], { description: 'Holidays and make-up working days between two days. 节假日与调休' })
  @Roles(...ALL_ROLES)
  calendarDays(
    @Args('from', { description: 'First day (YYYY-MM-DD). 起始日期' }) from: string,
    @Args('to', { description: 'Last day (YYYY-MM-DD). 截止日期' }) to: string,
  ): Promise<CalendarDay[]> {
    return this.service.calendarDays(from, to);
  }

  @Mutation(() => CalendarDayPayload, { description: 'Mark a holiday or make-up working day in the older national calendar: platform admins only (counties: setCalendarEntry). 设置节假日或调休日' })
  @Roles(Role.COUNTY_ADMIN)
  async setCalendarDay(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: SetCalendarDayInput): Promise<CalendarDayPayload> {
    return { calendarDay: await this.service.setCalendarDay(user, input) };
  }

  @Mutation(() => CalendarDayPayload, { description: 'Make a day ordinary again. 取消节假日或调休日' })
  @Roles(Role.COUNTY_ADMIN)
  async removeCalendarDay(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RemoveCalendarDayInput): Promise<CalendarDayPayload> {
    return { calendarDay: await this.service.removeCalendarDay(user, input) };
  }
}

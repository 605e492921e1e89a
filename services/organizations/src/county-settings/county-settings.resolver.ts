import { Args, Field, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentUser, Role, Roles, type AuthUser } from '@lianxin/auth';
import { ConnectionType, PageArgs } from '@lianxin/graphql';
import { CalendarDayEntry } from './calendar-day.entity.js';
import { CountySettingChange } from './county-setting-change.entity.js';
import { SETTINGS_HISTORY_ROLES } from './county-settings.policy.js';
import { CountySettingsService } from './county-settings.service.js';
import {
  ChangeCountySettingInput,
  CountySettingKeyEnum,
  CountySettingsView,
  RemoveCalendarEntryInput,
  SetCalendarEntryInput,
  WorkingCalendarDay,
} from './county-settings.types.js';

export const CountySettingChangeConnection = ConnectionType(CountySettingChange, 'CountySettingChange', 'Changes of county settings, newest first. 县级配置变更记录');

@ObjectType({ description: 'The change made (or the same change, when retried). 配置变更结果' })
export class ChangeCountySettingPayload {
  @Field(() => CountySettingChange, { description: 'The change. 变更记录' })
  change: CountySettingChange;
}

@ObjectType({ description: 'The calendar entry after the change. 变更后的日历条目' })
export class CalendarEntryPayload {
  @Field(() => CalendarDayEntry, { description: 'The entry (kind null once removed). 日历条目' })
  entry: CalendarDayEntry;
}

@Resolver()
export class CountySettingsResolver {
  constructor(private readonly service: CountySettingsService) {}

  @Query(() => CountySettingsView, { description: "A county's rules in force on a day (default today): yours, or one above/below your area. 县级配置" })
  @Roles(...ALL_ROLES)
  countySettings(
    @CurrentUser() user: AuthUser,
    @Args('countyCode', { description: 'County (6-digit code). 县（区）代码' }) countyCode: string,
    @Args('at', { nullable: true, description: 'Day (YYYY-MM-DD); default today. 日期' }) at?: string,
  ): Promise<CountySettingsView> {
    return this.service.settingsAt(user, countyCode, at);
  }

  @Query(() => CountySettingChangeConnection, { description: 'Who changed which county setting, when, from what to what. 县级配置变更记录' })
  @Roles(...SETTINGS_HISTORY_ROLES)
  countySettingChanges(
    @CurrentUser() user: AuthUser,
    @Args('countyCode', { description: 'County (6-digit code). 县（区）代码' }) countyCode: string,
    @Args('key', { type: () => CountySettingKeyEnum, nullable: true, description: 'Only this setting. 配置项' }) key: string | undefined,
    @Args() page: PageArgs,
  ) {
    return this.service.changes(user, countyCode, key, page);
  }

  @Mutation(() => ChangeCountySettingPayload, { description: "Change one of your county's settings from a day on (versioned, audited). 修改县级配置" })
  @Roles(Role.COUNTY_ADMIN)
  async changeCountySetting(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ChangeCountySettingInput): Promise<ChangeCountySettingPayload> {
    return { change: await this.service.change(user, input) };
  }

  @Query(() => [WorkingCalendarDay], { description: "A county's holidays and make-up working days: the national base with the county's overrides. 工作日历" })
  @Roles(...ALL_ROLES)
  workingCalendar(
    @CurrentUser() user: AuthUser,
    @Args('countyCode', { description: 'County (6-digit code). 县（区）代码' }) countyCode: string,
    @Args('from', { description: 'First day (YYYY-MM-DD). 起始日期' }) from: string,
    @Args('to', { description: 'Last day (YYYY-MM-DD). 截止日期' }) to: string,
  ): Promise<WorkingCalendarDay[]> {
    return this.service.workingCalendar(user, countyCode, from, to);
  }

  @Mutation(() => CalendarEntryPayload, { description: 'Set a holiday, make-up working day or ordinary day for your county (or the national base, platform admins). 设置节假日或调休日' })
  @Roles(Role.COUNTY_ADMIN)
  async setCalendarEntry(@CurrentUser() user: AuthUser, @Args('input', { description: 'The entry. 输入' }) input: SetCalendarEntryInput): Promise<CalendarEntryPayload> {
    return { entry: await this.service.setCalendarEntry(user, input) };
  }

  @Mutation(() => CalendarEntryPayload, { description: "Remove a calendar entry of your county (or the national base, platform admins). 删除节假日或调休日" })
  @Roles(Role.COUNTY_ADMIN)
  async removeCalendarEntry(@CurrentUser() user: AuthUser, @Args('input', { description: 'The entry. 输入' }) input: RemoveCalendarEntryInput): Promise<CalendarEntryPayload> {
    return { entry: await this.service.removeCalendarEntry(user, input) };
  }
}

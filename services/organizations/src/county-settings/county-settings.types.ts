import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CountySettingKey, type CountySettingValues } from '@lianxin/events';
import { Allow } from 'class-validator';
import { JSONScalar } from '../common/json.scalar.js';

/** The GraphQL enum of setting keys (the catalogue lives in libs/events, county-settings-catalog.ts). */
export const CountySettingKeyEnum = CountySettingKey;
registerEnumType(CountySettingKeyEnum, {
  name: 'CountySettingKey',
  description: 'A per-county setting. 县级配置项',
  valuesMap: {
    CASE_DAY_COUNTING: { description: 'Working or calendar days for case clocks (§8.1). 工作日或自然日' },
    CASE_STAGE_LIMITS: { description: 'Stage limit per holder level, in days (§8.1). 各环节时限' },
    CASE_REOPEN_CLOCK: { description: 'Clock of a reopened case (§8.1). 重办时限' },
    POINT_RULES: { description: 'Points per rule code in this county (§5). 积分规则分值' },
    STAFFING_PATTERN: { description: '1+1+3+N or 1+3+N and team sizes (§2). 网格力量配置' },
    PLATFORM_TARGETS: { description: '四培五考 platform targets (§6). 平台统计目标' },
    COVERAGE_BOUNDS: { description: 'Households per grid worker (§2). 包联户数范围' },
    CARE_CADENCES: { description: '四个一 care cadences per focus tag (§8.3). 四个一关爱频次' },
    MEDIA_RETENTION: { description: 'Days the files of a closed case are kept (issue 17). 结案附件保存天数' },
    WARNING_THRESHOLDS: { description: 'Early-warning thresholds (§8.4). 预警阈值' },
    NOTICE_PERIOD: { description: 'Public notice period (§8.5). 公示期' },
  },
});

export const CalendarEntryKindEnum = { HOLIDAY: 'HOLIDAY', MAKE_UP_WORKDAY: 'MAKE_UP_WORKDAY', ORDINARY: 'ORDINARY' } as const;
registerEnumType(CalendarEntryKindEnum, {
  name: 'CalendarEntryKind',
  description: 'What a calendar entry makes of its day. 日历类型',
  valuesMap: {
    HOLIDAY: { description: 'A public holiday: not a working day. 节假日' },
    MAKE_UP_WORKDAY: { description: 'A weekend day worked to make up for a holiday. 调休上班日' },
    ORDINARY: { description: 'County override: as Monday–Friday, whatever the national base says. 按平常日' },
  },
});

@ObjectType({ description: 'Stage limits per holder level, in days (§8.1). 各环节时限（天）' })
export class StageLimits {
  @Field(() => Int, { description: 'Grid. 网格' }) GRID: number;
  @Field(() => Int, { description: 'Village. 村（社区）' }) VILLAGE: number;
  @Field(() => Int, { description: 'Township. 乡镇（街道）' }) TOWNSHIP: number;
  @Field(() => Int, { description: 'Department. 部门' }) DEPARTMENT: number;
}

@ObjectType({ description: 'Points of one rule in this county. 积分规则分值' })
export class PointRuleOverride {
  @Field({ description: 'Rule code. 规则代码' }) ruleCode: string;
  @Field(() => Int, { description: 'Points (0: off in this county). 分值' }) points: number;
}

@ObjectType({ description: 'Staffing pattern of grids (§2). 网格力量配置' })
export class StaffingPatternSetting {
  @Field({ description: '1+1+3+N or 1+3+N. 配置模式' }) pattern: string;
  @Field(() => Int, { description: 'Expected team size of an urban grid. 城市网格人数' }) urbanTeamSize: number;
  @Field(() => Int, { description: 'Expected team size of a rural grid. 农村网格人数' }) ruralTeamSize: number;
}

@ObjectType({ description: '四培五考 platform targets (§6). 平台统计目标' })
export class PlatformTargets {
  @Field(() => Int, { description: 'Window in days. 统计周期（天）' }) windowDays: number;
  @Field(() => Int, { description: 'Visits per grid worker per window. 走访次数' }) visits: number;
  @Field(() => Int, { description: 'Cases found per grid worker per window. 发现事项数' }) casesFound: number;
}

@ObjectType({ description: 'Households a grid worker covers (§2). 包联户数范围' })
export class CoverageBounds {
  @Field(() => Int, { description: 'Lower bound. 下限' }) min: number;
  @Field(() => Int, { description: 'Upper bound. 上限' }) max: number;
}

@ObjectType({ description: '四个一 cadences for one focus tag (null: not due for this tag). 四个一关爱频次' })
export class CareCadence {
  @Field({ description: 'Focus tag code. 重点人群标签' }) tag: string;
  @Field(() => String, { nullable: true, description: 'Home visit. 上门走访' }) HOME_VISIT: string | null;
  @Field(() => String, { nullable: true, description: 'Housework. 家务帮扶' }) HOUSEWORK: string | null;
  @Field(() => String, { nullable: true, description: 'A problem solved. 解决一个问题' }) PROBLEM_SOLVED: string | null;
  @Field(() => String, { nullable: true, description: 'Birthday visit. 生日探望' }) BIRTHDAY_VISIT: string | null;
}

@ObjectType({ description: 'Early-warning thresholds (§8.4). 预警阈值' })
export class WarningThresholds {
  @Field(() => Float, { description: 'A category rises sharply at this factor over its baseline. 类别激增倍数' }) categoryRiseFactor: number;
  @Field(() => Int, { description: 'Least cases in the window for a rise. 激增最少件数' }) categoryRiseMinCases: number;
  @Field(() => Int, { description: 'Window of the rise, days. 激增统计窗口' }) categoryRiseWindowDays: number;
  @Field(() => Int, { description: 'Baseline, days. 基线天数' }) categoryBaselineDays: number;
  @Field(() => Int, { description: 'Repeated cases from one household or address. 重复诉求件数' }) repeatCasesPerAddress: number;
  @Field(() => Int, { description: 'Window of repeats, days. 重复诉求窗口' }) repeatWindowDays: number;
  @Field(() => Int, { description: 'Overdue cases under one holder. 同一承办方超期件数' }) overdueClusterPerHolder: number;
}

@ObjectType({ description: 'One setting as it stands on the day asked. 配置项当前值' })
export class CountySettingEntry {
  @Field(() => CountySettingKeyEnum, { description: 'Setting. 配置项' }) key: string;
  @Field(() => JSONScalar, { description: 'Value in force. 当前值' }) value: unknown;
  @Field({ description: 'The default (never changed in this county by that day). 是否默认值' }) isDefault: boolean;
  @Field(() => String, { nullable: true, description: 'Since when (null for the default). 生效日期' }) effectiveFrom: string | null;
  @Field(() => Int, { nullable: true, description: 'Version in force (null for the default). 版本' }) version: number | null;
}

/** A county's settings in force on a day (typed fields for each setting, plus every entry as JSON). */
@ObjectType({ description: "A county's rules in force on a day. 县级配置" })
export class CountySettingsView {
  @Field({ description: 'County. 县（区）代码' }) countyCode: string;
  @Field({ description: 'The day asked about (YYYY-MM-DD). 日期' }) at: string;
  @Field({ description: 'WORKING_DAYS or CALENDAR_DAYS. 工作日/自然日' }) dayCounting: string;
  @Field(() => StageLimits, { description: 'Stage limits. 各环节时限' }) stageLimits: StageLimits;
  @Field(() => Int, { nullable: true, description: 'Days of a reopened case (null: the class deadline again). 重办时限' }) reopenDays: number | null;
  @Field(() => [PointRuleOverride], { description: 'Points per rule in this county (rules not listed keep the global points). 积分规则分值' }) pointRules: PointRuleOverride[];
  @Field(() => StaffingPatternSetting, { description: 'Staffing pattern. 网格力量配置' }) staffingPattern: StaffingPatternSetting;
  @Field(() => PlatformTargets, { description: '四培五考 targets. 平台统计目标' }) platformTargets: PlatformTargets;
  @Field(() => CoverageBounds, { description: 'Coverage bounds. 包联户数范围' }) coverageBounds: CoverageBounds;
  @Field(() => [CareCadence], { description: 'Care cadences. 四个一关爱频次' }) careCadences: CareCadence[];
  @Field(() => WarningThresholds, { description: 'Warning thresholds. 预警阈值' }) warningThresholds: WarningThresholds;
  @Field(() => Int, { description: 'Public notice days. 公示天数' }) noticePeriodDays: number;
  @Field(() => [CountySettingEntry], { description: 'Every setting with its version. 全部配置项' }) entries: CountySettingEntry[];
}

export function settingsView(countyCode: string, at: string, values: CountySettingValues, entries: CountySettingEntry[]): CountySettingsView {
  return {
    countyCode,
    at,
    dayCounting: values.CASE_DAY_COUNTING.mode,
    stageLimits: values.CASE_STAGE_LIMITS,
    reopenDays: values.CASE_REOPEN_CLOCK.days,
    pointRules: Object.entries(values.POINT_RULES.points).map(([ruleCode, points]) => ({ ruleCode, points })),
    staffingPattern: values.STAFFING_PATTERN,
    platformTargets: values.PLATFORM_TARGETS,
    coverageBounds: values.COVERAGE_BOUNDS,
    careCadences: Object.entries(values.CARE_CADENCES.tags).map(([tag, c]) => ({ tag, ...c })),
    warningThresholds: values.WARNING_THRESHOLDS,
    noticePeriodDays: values.NOTICE_PERIOD.days,
    entries,
  };
}

@InputType({ description: 'Change one county setting from a day on. 修改县级配置' })
export class ChangeCountySettingInput {
  @Allow() @Field({ description: 'County (6-digit area code, your own). 县（区）代码' }) countyCode: string;
  @Allow() @Field(() => CountySettingKeyEnum, { description: 'Setting. 配置项' }) key: CountySettingKey;
  @Allow() @Field(() => JSONScalar, { description: 'New value, in the shape of the setting (see CountySettings.entries). 新值' }) value: unknown;
  @Allow() @Field({ description: 'First day in force (YYYY-MM-DD, today or later, China time). 生效日期' }) effectiveFrom: string;
  @Allow() @Field({ description: 'Why (kept in the audit). 变更理由' }) reason: string;
}

@InputType({ description: 'Set a calendar entry: NATIONAL base (platform admins) or your county. 设置节假日或调休日' })
export class SetCalendarEntryInput {
  @Allow() @Field(() => String, { nullable: true, description: 'County code; null for the national base. 县（区）代码，空为全国' }) countyCode?: string | null;
  @Allow() @Field({ description: 'Day (YYYY-MM-DD). 日期' }) day: string;
  @Allow() @Field(() => CalendarEntryKindEnum, { description: 'Kind (ORDINARY only as a county override). 类型' }) kind: string;
  @Allow() @Field({ description: 'Name, e.g. 国庆节. 名称' }) name: string;
}

@InputType({ description: 'Remove a calendar entry (the national base or Monday–Friday applies again). 删除节假日或调休日' })
export class RemoveCalendarEntryInput {
  @Allow() @Field(() => String, { nullable: true, description: 'County code; null for the national base. 县（区）代码，空为全国' }) countyCode?: string | null;
  @Allow() @Field({ description: 'Day (YYYY-MM-DD). 日期' }) day: string;
}

@ObjectType({ description: "One day of a county's working calendar. 工作日历中的一天" })
export class WorkingCalendarDay {
  @Field({ description: 'Day (YYYY-MM-DD). 日期' }) day: string;
  @Field(() => CalendarEntryKindEnum, { description: 'Kind. 类型' }) kind: string;
  @Field(() => String, { nullable: true, description: 'Name. 名称' }) name: string | null;
  @Field({ description: 'NATIONAL or the county code the entry comes from. 来源' }) scope: string;
}

import { Args, Field, ID, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsArray, IsBoolean, IsEnum, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AREA_ADMIN_ROLES, assertInScope, CurrentUser, GRID_STAFF_ROLES, Role, Roles, type AuthUser } from '@lianxin/auth';
import { ExportFormat, ExportJobPayload, ExportJobRunner, ExportJobView } from '@lianxin/exports';
import { badUserInput } from '@lianxin/graphql';
import { CaseStatus } from '../case/case-enums.js';
import { StatsService } from '../stats/stats.service.js';
import { CaseStatsPeriod } from '../stats/stats.types.js';
import { CaseListExportHandler } from './case-export.handlers.js';

/** Who exports case lists and statistics: those who read them for an area (not residents, not volunteers). */
export const CASE_EXPORT_ROLES: Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.DEPARTMENT_STAFF, Role.AUDITOR];
export const CASE_STATS_EXPORT_ROLES: Role[] = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES, Role.AUDITOR];

@InputType({ description: 'Cases to export (those you may read). 导出事项清单' })
export class RequestCaseExportInput {
  @Field({ nullable: true, description: 'Area or grid inside your area (default: your area). 区划/网格代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field(() => [CaseStatus], { nullable: true, description: 'Only these statuses. 状态' })
  @IsOptional()
  @IsArray()
  @IsEnum(CaseStatus, { each: true })
  statuses?: CaseStatus[];

  @Field({ nullable: true, description: 'Reported on or after this day (YYYY-MM-DD). 反映日期起' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  reportedFrom?: string;

  @Field({ nullable: true, description: 'Reported on or before this day (YYYY-MM-DD). 反映日期止' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be YYYY-MM-DD' })
  reportedTo?: string;

  @Field({ nullable: true, description: 'Only overdue (true) or not overdue (false). 是否超期' })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => ExportFormat, { description: 'File format. 文件格式' })
  @IsEnum(ExportFormat)
  format: ExportFormat;
}

@InputType({ description: 'Statistics of an area and the areas one level below it, to export. 导出事项统计' })
export class RequestCaseStatsExportInput {
  @Field({ description: 'Area code in your area. 区域代码' })
  @Matches(/^\d{2,15}$/, { message: 'must be an area code' })
  areaCode: string;

  @Field(() => CaseStatsPeriod, { description: 'Days of report. 统计期间' })
  @ValidateNested()
  @Type(() => CaseStatsPeriod)
  period: CaseStatsPeriod;

  @Field(() => ExportFormat, { description: 'File format. 文件格式' })
  @IsEnum(ExportFormat)
  format: ExportFormat;
}

@Resolver()
export class CaseExportResolver {
  constructor(
    private readonly runner: ExportJobRunner,
    private readonly list: CaseListExportHandler,
    private readonly stats: StatsService,
  ) {}

  @Mutation(() => ExportJobPayload, { description: 'Export the cases you may read (XLSX or CSV) as a job; the job records who, the filter and the row count. 导出事项清单' })
  @Roles(...CASE_EXPORT_ROLES)
  async requestCaseExport(@CurrentUser() user: AuthUser, @Args('input') input: RequestCaseExportInput): Promise<ExportJobPayload> {
    const areaCode = input.areaCode ?? user.areaCode;
    assertInScope(user, areaCode);
    if (input.reportedFrom && input.reportedTo && input.reportedFrom > input.reportedTo) throw badUserInput('reportedTo', 'must not be before reportedFrom');
    const filter = { areaCode, statuses: input.statuses, reportedFrom: input.reportedFrom, reportedTo: input.reportedTo, overdue: input.overdue };
    this.list.where(user, filter);
    const job = await this.runner.request(user, { kind: 'cases', format: input.format, areaCode, filter: JSON.parse(JSON.stringify(filter)), fileBase: `事项清单-${areaCode}` });
    return { job: await this.runner.view(job) };
  }

  @Mutation(() => ExportJobPayload, { description: 'Export case statistics of an area and its sub-areas for a period (XLSX or CSV) as a job. 导出事项统计' })
  @Roles(...CASE_STATS_EXPORT_ROLES)
  async requestCaseStatsExport(@CurrentUser() user: AuthUser, @Args('input') input: RequestCaseStatsExportInput): Promise<ExportJobPayload> {
    this.stats.assertReadable(user, input.areaCode, input.period);
    const filter = { areaCode: input.areaCode, from: input.period.from, to: input.period.to };
    const job = await this.runner.request(user, { kind: 'case-stats', format: input.format, areaCode: input.areaCode, filter, fileBase: `事项统计-${input.areaCode}-${input.period.from}-${input.period.to}` });
    return { job: await this.runner.view(job) };
  }

  @Query(() => ExportJobView, { description: 'One of your case or statistics exports: progress and download link. 事项导出任务' })
  @Roles(...CASE_EXPORT_ROLES)
  async caseExport(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Job id. 任务ID' }) id: string): Promise<ExportJobView> {
    return this.runner.view(await this.runner.findOwn(user, id));
  }
}

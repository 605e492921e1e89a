import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { REPORT_GENERATOR_ROLES, REPORT_READER_ROLES } from './monthly-report.policy.js';
import { MonthlyReportService } from './monthly-report.service.js';
import { GenerateMonthlyReportInput, GenerateMonthlyReportPayload, MonthlyReportView } from './monthly-report.types.js';

@Resolver()
export class MonthlyReportResolver {
  constructor(private readonly reports: MonthlyReportService) {}

  @Query(() => MonthlyReportView, { description: 'The monthly analysis report of a county or township in your area, with short-lived download links. 月度分析报告' })
  @Roles(...REPORT_READER_ROLES)
  async monthlyReport(
    @CurrentUser() user: AuthUser,
    @Args('areaCode', { description: 'County or township code. 区域代码' }) areaCode: string,
    @Args('month', { description: 'Month (YYYY-MM). 月份' }) month: string,
  ): Promise<MonthlyReportView> {
    return this.reports.view(await this.reports.find(user, areaCode, month));
  }

  @Mutation(() => GenerateMonthlyReportPayload, {
    description: 'Make the monthly analysis report now (or get the one made already; regenerate to make it again). 生成月度分析报告',
  })
  @Roles(...REPORT_GENERATOR_ROLES)
  async generateMonthlyReport(@CurrentUser() user: AuthUser, @Args('input') input: GenerateMonthlyReportInput): Promise<GenerateMonthlyReportPayload> {
    return { report: await this.reports.view(await this.reports.request(user, input.areaCode, input.month, input.regenerate ?? false)) };
  }
}

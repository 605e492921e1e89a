import { Field, Float, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, Matches } from 'class-validator';

@ObjectType('MonthlyReport', { description: 'The monthly analysis report of a county or township (§8.4), XLSX and PDF. 月度分析报告' })
export class MonthlyReportView {
  @Field({ description: 'County or township code. 区域代码' })
  areaCode: string;

  @Field({ description: 'Month (YYYY-MM). 月份' })
  month: string;

  @Field({ description: 'When the files were made. 生成时间' })
  generatedAt: Date;

  @Field(() => Int, { description: 'Times it was made (regenerate makes it again). 生成次数' })
  generations: number;

  @Field({ description: 'Made by the monthly schedule (not on demand). 定时生成' })
  scheduled: boolean;

  @Field(() => Int, { description: 'Cases reported in the month (as caseStats). 受理事项数' })
  reported: number;

  @Field(() => Float, { nullable: true, description: 'On-time rate (as caseStats). 按时办结率' })
  onTimeRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Satisfaction rate (as caseStats). 满意率' })
  satisfactionRate: number | null;

  @Field(() => Float, { nullable: true, description: 'Reopen rate (as caseStats). 重办率' })
  reopenRate: number | null;

  @Field(() => Int, { nullable: true, description: 'Open warnings listed (null: warnings were not readable). 未关闭预警数' })
  openWarnings: number | null;

  @Field(() => String, { nullable: true, description: 'Download link of the XLSX, valid a few minutes. Excel 下载链接（短期有效）' })
  xlsxUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Download link of the PDF, valid a few minutes. PDF 下载链接（短期有效）' })
  pdfUrl: string | null;

  @Field(() => Date, { nullable: true, description: 'When the links stop working. 链接失效时间' })
  linksExpireAt: Date | null;
}

@InputType({ description: 'Make (or find) the monthly analysis report of a county or township. 生成月度分析报告' })
export class GenerateMonthlyReportInput {
  @Field({ description: 'County (6 digits) or township (9 digits) in your area. 区域代码' })
  @Matches(/^\d{6}(\d{3})?$/, { message: 'must be a county or township code' })
  areaCode: string;

  @Field({ description: 'Month (YYYY-MM). 月份' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' })
  month: string;

  @Field({ nullable: true, description: 'Make it again from the counters of now, even if it exists. 重新生成' })
  @IsOptional()
  @IsBoolean()
  regenerate?: boolean;
}

@ObjectType({ description: 'The report. 月度分析报告' })
export class GenerateMonthlyReportPayload {
  @Field(() => MonthlyReportView, { description: 'The report with its download links. 报告' })
  report: MonthlyReportView;
}

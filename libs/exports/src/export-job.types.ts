import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ExportFormat, ExportJobStatus } from './export-enums.js';

/**
 * An export job as its requester sees it. The same type in every subgraph that exports (people,
 * grids, cases): each answers for its own jobs, so the fields are shareable.
 */
@ObjectType('ExportJob', { description: 'An export: its progress and, when done, a short-lived download link. 导出任务' })
@Directive('@shareable')
export class ExportJobView {
  @Field(() => ID, { description: 'Id. 任务ID' })
  id: string;

  @Field({ description: 'What is exported: ledger (persons), cases or case-stats. 导出内容' })
  kind: string;

  @Field(() => ExportFormat, { description: 'File format. 文件格式' })
  format: ExportFormat;

  @Field(() => ExportJobStatus, { description: 'Status. 状态' })
  status: ExportJobStatus;

  @Field(() => Int, { description: 'Rows written so far. 已导出行数' })
  rowsDone: number;

  @Field(() => Int, { nullable: true, description: 'Rows in all (counted when the job starts). 总行数' })
  rowsTotal: number | null;

  @Field(() => Int, { description: 'Times a runner started it; above 1 it was rerun from the start after a runner stopped. 执行次数' })
  attempts: number;

  @Field({ description: 'File name of the download. 文件名' })
  fileName: string;

  @Field({ description: 'When requested. 申请时间' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When finished. 完成时间' })
  finishedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it failed. 失败原因' })
  error: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Download link, valid for a few minutes (downloadExpiresAt); ask again for a fresh one. Only when SUCCEEDED. 下载链接（短期有效）',
  })
  downloadUrl: string | null;

  @Field(() => Date, { nullable: true, description: 'When downloadUrl stops working. 链接失效时间' })
  downloadExpiresAt: Date | null;
}

@ObjectType('ExportJobPayload', { description: 'The export job queued. 已提交的导出任务' })
@Directive('@shareable')
export class ExportJobPayload {
  @Field(() => ExportJobView, { description: 'The job: poll it for progress and the download link. 导出任务' })
  job: ExportJobView;
}

import { Args, Field, ID, InputType, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Injectable } from '@nestjs/common';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { assertInScope, CurrentUser, Roles, scopeFilter, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { ExportFormat, ExportJobPayload, ExportJobRunner, ExportJobView, type Cell, type ExportColumn, type ExportContext, type ExportHandler } from '@lianxin/exports';
import { GRID_DETAIL_READERS } from '../common/access.js';
import { KeyPlaceKind } from './field-work-enums.js';
import { KeyPlace } from './key-place.entity.js';


const KIND_ZH: Record<KeyPlaceKind, string> = {
  [KeyPlaceKind.RENTAL_HOUSING]: '出租屋',
  [KeyPlaceKind.ENTERTAINMENT]: '娱乐场所',
  [KeyPlaceKind.OLD_COMPOUND]: '老旧小区',
  [KeyPlaceKind.FACTORY]: '厂房/作坊',
  [KeyPlaceKind.SCHOOL]: '学校/幼儿园',
  [KeyPlaceKind.MARKET]: '市场',
  [KeyPlaceKind.OTHER]: '其他',
};

const COLUMNS: ExportColumn[] = [
  { header: '名称', width: 24 },
  { header: '类型', width: 12 },
  { header: '地址', width: 36 },
  { header: '所属网格', width: 17 },
];

interface KeyPlaceFilter {
  areaCode: string;
  kind?: KeyPlaceKind;
}

/** The fifth ledger (重点场所): key places of the area the exporter reads (no personal data in it) (scopeFilter, as the keyPlaces list), keyset by id. */
@Injectable()
export class KeyPlaceExportHandler implements ExportHandler {
  private where(context: ExportContext): Record<string, unknown> {
    const filter = context.job.filter as unknown as KeyPlaceFilter;
    return { $and: [scopeFilter(context.requester, 'gridCode'), { gridCode: { $like: prefixPattern(filter.areaCode) } }, filter.kind ? { kind: filter.kind } : {}] };
  }

  sheetName(): string {
    return '重点场所';
  }

  columns(): ExportColumn[] {
    return COLUMNS;
  }

  count(context: ExportContext): Promise<number> {
    return context.em.count(KeyPlace, this.where(context) as never);
  }

  async *rows(context: ExportContext): AsyncIterable<Cell[][]> {
    const where = this.where(context);
    let after: string | null = null;
    for (;;) {
      const batch: KeyPlace[] = await context.em.find(KeyPlace, (after ? { $and: [where, { id: { $gt: after } }] } : where) as never, { orderBy: { id: 'asc' }, limit: 2_000 });
      if (batch.length === 0) return;
      after = batch[batch.length - 1].id;
      context.em.clear();
      yield batch.map((place) => [place.name, KIND_ZH[place.kind] ?? place.kind, place.address, place.gridCode]);
    }
  }
}

@InputType({ description: 'Key places to export (重点场所台账). 导出重点场所台账' })
export class RequestKeyPlaceExportInput {
  @Field({ nullable: true, description: 'Area or grid inside your area (default: your area). 区划/网格代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field(() => KeyPlaceKind, { nullable: true, description: 'Only this kind. 类型' })
  @IsOptional()
  @IsEnum(KeyPlaceKind)
  kind?: KeyPlaceKind;

  @Field(() => ExportFormat, { description: 'File format. 文件格式' })
  @IsEnum(ExportFormat)
  format: ExportFormat;
}

@Resolver()
export class KeyPlaceExportResolver {
  constructor(private readonly runner: ExportJobRunner) {}

  @Mutation(() => ExportJobPayload, { description: 'Export the key-place ledger of your area (XLSX or CSV) as a job. 导出重点场所台账' })
  @Roles(...GRID_DETAIL_READERS)
  async requestKeyPlaceExport(@CurrentUser() user: AuthUser, @Args('input') input: RequestKeyPlaceExportInput): Promise<ExportJobPayload> {
    const areaCode = input.areaCode ?? user.areaCode;
    assertInScope(user, areaCode);
    const filter = { areaCode, ...(input.kind ? { kind: input.kind } : {}) };
    const job = await this.runner.request(user, { kind: 'key-places', format: input.format, areaCode, filter, fileBase: `重点场所-${areaCode}` });
    return { job: await this.runner.view(job) };
  }

  @Query(() => ExportJobView, { description: 'One of your key-place exports: progress and download link. 重点场所导出任务' })
  @Roles(...GRID_DETAIL_READERS)
  async keyPlaceExport(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Job id. 任务ID' }) id: string): Promise<ExportJobView> {
    return this.runner.view(await this.runner.findOwn(user, id));
  }
}

import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import { ExportFormat } from '@lianxin/exports';
import { PersonLedger } from './ledger.js';

@InputType({ description: 'A person ledger to export with your masking. 导出人员台账' })
export class RequestLedgerExportInput {
  @Field(() => PersonLedger, { description: 'Which ledger. 台账' })
  @IsEnum(PersonLedger)
  ledger: PersonLedger;

  @Field({ nullable: true, description: 'Area or grid inside your area (default: your whole area). 区划/网格代码' })
  @IsOptional()
  @Matches(/^\d{6,15}$/, { message: 'must be an area or grid code' })
  areaCode?: string;

  @Field(() => ExportFormat, { description: 'File format. 文件格式' })
  @IsEnum(ExportFormat)
  format: ExportFormat;
}

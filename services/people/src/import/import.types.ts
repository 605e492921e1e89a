import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IdempotencyKeyField, OccurredAtField } from '@lianxin/graphql';
import { IsBoolean, IsEnum, IsOptional, Length, Matches } from 'class-validator';

export enum ImportFileFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

registerEnumType(ImportFileFormat, {
  name: 'ImportFileFormat',
  description: 'Format of an import file. 导入文件格式',
  valuesMap: {
    CSV: { description: 'Comma-separated values, UTF-8 (a BOM is fine). CSV（UTF-8）' },
    XLSX: { description: 'Excel workbook; the first worksheet is read. Excel 工作簿（读取第一个工作表）' },
  },
});

@InputType({
  description:
    'A CSV or XLSX file of persons. Header row with columns (English or Chinese): name/姓名, idNumber/身份证号 (required), ' +
    'gridCode/网格编码 (required unless defaultGridCode), sex/性别, birthDate/出生日期, phone/手机号, householdNumber/户号, ' +
    'householdHead/是否户主, address/地址, residenceStatus/居住状态, tags/标签 (codes or names separated by ; or 、). 批量导入人员',
})
export class ImportPeopleInput {
  @Field({ description: 'The file, base64-encoded (at most 10 MB decoded). 文件内容（Base64）' })
  @Length(1, 14_000_000)
  contentBase64: string;

  @Field(() => ImportFileFormat, { description: 'File format. 文件格式' })
  @IsEnum(ImportFileFormat)
  format: ImportFileFormat;

  @Field({ nullable: true, description: 'Grid code for rows without one. 默认网格编码' })
  @IsOptional()
  @Matches(/^\d{15}$/, { message: 'must be a 15-digit grid code' })
  defaultGridCode?: string;

  @Field({ nullable: true, description: 'Only check the file and count what would change; write nothing. 仅校验不写入' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;

  @IdempotencyKeyField()
  idempotencyKey?: string;

  @OccurredAtField('the import was started on the device')
  occurredAt?: Date;
}

@ObjectType('ImportRowError', { description: 'A row that was not imported. 导入失败的行' })
export class ImportRowErrorType {
  @Field(() => Int, { description: 'Row number as a spreadsheet shows it (the header is row 1). 行号' })
  row: number;

  @Field({ description: 'Column header as written in the file. 列名' })
  column: string;

  @Field({ description: 'Why. 原因' })
  reason: string;
}

@ObjectType({ description: 'Outcome of an import. 导入结果' })
export class ImportPeoplePayload {
  @Field({ description: 'Nothing was written (dry run). 是否仅校验' })
  dryRun: boolean;

  @Field(() => Int, { description: 'Data rows read. 读取行数' })
  rows: number;

  @Field(() => Int, { description: 'Persons registered. 新增人数' })
  created: number;

  @Field(() => Int, { description: 'Persons already registered whose details changed. 更新人数' })
  updated: number;

  @Field(() => Int, { description: 'Persons already registered with nothing to change. 无变化人数' })
  unchanged: number;

  @Field(() => Int, { description: 'Rows refused. 失败行数' })
  failed: number;

  @Field(() => Int, { description: 'Households created from household numbers. 新建户数' })
  householdsCreated: number;

  @Field(() => [ImportRowErrorType], { description: 'Refused rows with column and reason (the first 1,000). 失败明细（前1000条）' })
  errors: ImportRowErrorType[];

  @Field({ description: 'More rows failed than are listed. 失败明细是否被截断' })
  errorsTruncated: boolean;
}

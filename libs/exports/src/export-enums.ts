import { registerEnumType } from '@nestjs/graphql';

/** File format of an export. 导出格式 */
export enum ExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}

/**
 * Where an export job stands. QUEUED → RUNNING → SUCCEEDED | FAILED. A RUNNING job whose runner died
 * (its lease ran out, e.g. the service restarted) is taken up again from the start: it RERUNS (the
 * `attempts` count says how often), up to MAX_EXPORT_ATTEMPTS, then FAILED.
 */
export enum ExportJobStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'File format of an export. 导出格式',
  valuesMap: {
    XLSX: { description: 'Excel workbook (.xlsx). Excel 工作簿' },
    CSV: { description: 'Comma-separated values, UTF-8 with BOM (.csv). CSV 文本（UTF-8）' },
  },
});

registerEnumType(ExportJobStatus, {
  name: 'ExportJobStatus',
  description: 'Where an export job stands. 导出任务状态',
  valuesMap: {
    QUEUED: { description: 'Waiting for a runner. 排队中' },
    RUNNING: { description: 'Rows are being written (see rowsDone / rowsTotal). 导出中' },
    SUCCEEDED: { description: 'The file is ready: download it by its short-lived link. 已完成' },
    FAILED: { description: 'Gave up (see error). 失败' },
  },
});

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExportFormat } from './export-enums.js';

/** A cell: text, number, date (written as YYYY-MM-DD HH:mm in local time by the caller), or empty. */
export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  /** Column width in characters (XLSX only). */
  width?: number;
}

/** Writes rows of one table to a stream, waiting whenever the stream is full (bounded memory). */
export interface TableWriter {
  /** Resolves when the rows are handed on and the stream has room again. */
  addRows(rows: readonly Cell[][]): Promise<void>;
  /** Finishes the file; resolves when the last byte is handed to the stream (the stream is ended). */
  finish(): Promise<void>;
}

/** Waits until the stream has room (its buffer below the high-water mark). */
async function room(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
}

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or a tab / carriage return) as a
 * formula (CSV injection): such text is written with a leading apostrophe.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = safeText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly Cell[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** CSV, UTF-8 with a BOM so that Excel opens Chinese text right. */
export function csvWriter(out: Writable, columns: readonly ExportColumn[]): TableWriter {
  out.write('\uFEFF' + csvLine(columns.map((column) => column.header)));
  return {
    async addRows(rows) {
      let chunk = '';
      for (const row of rows) chunk += csvLine(row);
      out.write(chunk);
      await room(out);
    },
    async finish() {
      out.end();
      await once(out, 'finish');
    },
  };
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised and zipped) as
 * it comes, no shared-strings table, so memory does not grow with the row count.
 */
export function xlsxWriter(out: Writable, sheetName: string, columns: readonly ExportColumn[]): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, i) => ({ header: column.header, key: `c${i}`, width: column.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    async addRows(rows) {
      for (const row of rows) sheet.addRow(row.map((value) => (typeof value === 'string' ? safeText(value) : value))).commit();
      await room(out);
    },
    async finish() {
      sheet.commit();
      const finished = once(out, 'finish');
      await workbook.commit();
      await finished;
    },
  };
}

export function tableWriter(format: ExportFormat, out: Writable, sheetName: string, columns: readonly ExportColumn[]): TableWriter {
  return format === ExportFormat.CSV ? csvWriter(out, columns) : xlsxWriter(out, sheetName, columns);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  [ExportFormat.CSV]: 'text/csv; charset=utf-8',
  [ExportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const EXTENSIONS: Record<ExportFormat, string> = { [ExportFormat.CSV]: 'csv', [ExportFormat.XLSX]: 'xlsx' };

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
  /** Bytes written and not yet taken downstream (in front of the zip and in the stream's buffer): what the backpressure bounds. */
  pendingBytes(): number;
}

/** A writable as streams of several generations show it (Node's, and readable-stream's inside archiver). */
interface AnyWritable extends NodeJS.EventEmitter {
  writableNeedDrain?: boolean;
  writableLength?: number;
  _writableState?: { needDrain?: boolean; length?: number };
}

const buffered = (stream: AnyWritable | undefined): number => stream?.writableLength ?? stream?._writableState?.length ?? 0;

/** Sheet XML that may wait in front of the zip before the writer waits for it (1 MiB). */
const ZIP_BACKLOG = 1024 * 1024;

/** Waits until the stream has room (its buffer below the high-water mark). */
async function room(out: AnyWritable): Promise<void> {
  if (out.writableNeedDrain ?? out._writableState?.needDrain) await once(out, 'drain');
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
    pendingBytes: () => buffered(out),
  };
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised and zipped) as
 * it comes, no shared-strings table, so memory does not grow with the row count.
 *
 * Backpressure: exceljs writes the sheet's XML into its own buffer (StreamBuf), which hands it to the
 * zip (archiver) through a PassThrough without waiting, and archiver pipes the zip into `out`. When the
 * zip or `out` is slower than the rows come (a busy CPU, a slow upload), that PassThrough grew without
 * bound (a CPU-starved 1 M-row export reached 709 MB). So after a batch that leaves more than 1 MiB in
 * front of the zip the writer waits until the zip has taken it, and `out` must have room as always.
 */
export function xlsxWriter(out: Writable, sheetName: string, columns: readonly ExportColumn[]): TableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, i) => ({ header: column.header, key: `c${i}`, width: column.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  // The PassThrough archiver reads the sheet from (exceljs's StreamBuf keeps its consumers in `pipes`).
  const zipInput = () => (sheet as unknown as { stream?: { pipes?: AnyWritable[] } }).stream?.pipes?.[0];
  return {
    async addRows(rows) {
      for (const row of rows) sheet.addRow(row.map((value) => (typeof value === 'string' ? safeText(value) : value))).commit();
      // Up to ZIP_BACKLOG bytes may wait for the zip, so that reading, serialising and zipping overlap.
      const zip = zipInput();
      if (zip && buffered(zip) > ZIP_BACKLOG) await once(zip, 'drain');
      await room(out);
    },
    async finish() {
      sheet.commit();
      const finished = once(out, 'finish');
      await workbook.commit();
      await finished;
    },
    pendingBytes: () => buffered(zipInput()) + buffered(out),
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

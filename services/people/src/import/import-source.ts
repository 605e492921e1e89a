import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type ImportFormat = 'CSV' | 'XLSX';

/** One record of the file: its row number as a spreadsheet shows it, and its cells as text. */
export interface SourceRecord {
  row: number;
  cells: string[];
}

/** The file could not be read at all (not CSV/XLSX, broken zip …): the whole import is refused. */
export class UnreadableFileError extends Error {}

export function readRecords(input: Readable | Buffer, format: ImportFormat): AsyncIterable<SourceRecord> {
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  return format === 'CSV' ? csvRecords(stream) : xlsxRecords(stream);
}

async function* csvRecords(stream: Readable): AsyncIterable<SourceRecord> {
  const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { row: info.lines, cells: record };
    }
  } catch (error) {
    throw new UnreadableFileError(`not a readable CSV file: ${(error as Error).message}`);
  }
}

/** The first worksheet, streamed (sharedStrings and styles cached so text and dates come out right). */
async function* xlsxRecords(stream: Readable): AsyncIterable<SourceRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield { row: row.number, cells: values.map(cellText) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`not a readable XLSX workbook: ${(error as Error).message}`);
  }
}

/** Text of an ExcelJS cell value: dates as YYYY-MM-DD (Excel keeps them at UTC midnight), formulas by result. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    return '';
  }
  return String(value);
}

import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
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

/**
 * What an uploaded file (a Buffer: the GraphQL import) may expand to before it is parsed (issue 14): an
 * XLSX is a zip, and a few MB of zip can inflate to gigabytes (a zip bomb) or hold millions of rows.
 * The operators' import command reads a file from disk (a stream) and is not bounded.
 */
export const SOURCE_LIMITS = {
  /** Sum of every zip entry's inflated size (a 20,000-row ledger sheet inflates to about 15 MB). */
  maxDecompressedBytes: 64 * 1024 * 1024,
  maxZipEntries: 500,
  /** Rows of any worksheet, header included (the GraphQL import takes 20,000 persons). */
  maxRows: 20_001,
  /** One CSV record. */
  maxRecordBytes: 64 * 1024,
};

export function readRecords(input: Readable | Buffer, format: ImportFormat): AsyncIterable<SourceRecord> {
  if (Buffer.isBuffer(input)) return format === 'CSV' ? csvRecords(Readable.from([input])) : checkedXlsxRecords(input);
  return format === 'CSV' ? csvRecords(input) : xlsxRecords(input);
}

/** The workbook's size and rows are checked by inflating every entry (counting, not keeping) before ExcelJS sees it. */
async function* checkedXlsxRecords(content: Buffer): AsyncIterable<SourceRecord> {
  await checkZipBounds(content);
  yield* xlsxRecords(Readable.from([content]));
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  dataStart: number;
}

/** Reads the zip's central directory; throws UnreadableFileError if it is not a plain (non-ZIP64) zip. */
function zipEntries(zip: Buffer): ZipEntry[] {
  const minEnd = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let at = zip.length - 22; at >= minEnd; at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new UnreadableFileError('not a readable XLSX workbook: no zip directory');
  const count = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new UnreadableFileError('not a readable XLSX workbook: ZIP64 is not accepted');
  if (count > SOURCE_LIMITS.maxZipEntries) throw new UnreadableFileError(`the workbook has more than ${SOURCE_LIMITS.maxZipEntries} parts`);
  const entries: ZipEntry[] = [];
  for (let at = directoryOffset, i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new UnreadableFileError('not a readable XLSX workbook: broken zip directory');
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== 0x04034b50) throw new UnreadableFileError('not a readable XLSX workbook: broken zip entry');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (compressedSize === 0xffffffff || dataStart + compressedSize > zip.length) throw new UnreadableFileError('not a readable XLSX workbook: broken zip entry');
    entries.push({ name, method, compressedSize, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Inflates every entry, counting bytes (and rows of worksheets) without keeping them, and stops at the
 * first limit passed: whatever the zip's headers claim, nothing bigger than the limits gets parsed.
 */
async function checkZipBounds(zip: Buffer): Promise<void> {
  let total = 0;
  for (const entry of zipEntries(zip)) {
    const data = zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name);
    let rows = 0;
    let tail = '';
    const count = (chunk: Buffer) => {
      total += chunk.length;
      if (total > SOURCE_LIMITS.maxDecompressedBytes) {
        throw new UnreadableFileError(`the workbook inflates to more than ${SOURCE_LIMITS.maxDecompressedBytes} bytes`);
      }
      if (!isSheet) return;
      // A tag cut by the chunk boundary is carried over and counted with the next chunk.
      const text = tail + chunk.toString('latin1');
      const lastTag = text.lastIndexOf('<');
      const cut = lastTag >= 0 && text.length - lastTag < 16 && !text.includes('>', lastTag) ? lastTag : text.length;
      rows += text.slice(0, cut).match(/<(?:\w+:)?row[\s>]/g)?.length ?? 0;
      tail = text.slice(cut);
      if (rows > SOURCE_LIMITS.maxRows) throw new UnreadableFileError(`a worksheet has more than ${SOURCE_LIMITS.maxRows - 1} rows`);
    };
    if (entry.method === 0) count(data);
    else if (entry.method === 8) await inflateCounting(data, count);
    else throw new UnreadableFileError(`not a readable XLSX workbook: compression method ${entry.method}`);
  }
}

async function inflateCounting(data: Buffer, onChunk: (chunk: Buffer) => void): Promise<void> {
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      try {
        onChunk(chunk);
      } catch (error) {
        inflate.destroy();
        reject(error);
      }
    });
    inflate.on('end', resolve);
    inflate.on('error', (error) => reject(new UnreadableFileError(`not a readable XLSX workbook: ${error.message}`)));
  });
  inflate.end(data);
  await done;
}

async function* csvRecords(stream: Readable): AsyncIterable<SourceRecord> {
  const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: SOURCE_LIMITS.maxRecordBytes }));
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

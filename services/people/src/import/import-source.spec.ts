import { manyRowsWorkbook, smallWorkbook, zipBombWorkbook } from '../../test/crafted-xlsx.js';
import { readRecords, SOURCE_LIMITS, type SourceRecord, UnreadableFileError } from './import-source.js';

const readAll = async (records: AsyncIterable<SourceRecord>) => {
  const rows: SourceRecord[] = [];
  for await (const record of records) rows.push(record);
  return rows;
};

/** Issue 14: an uploaded XLSX is bounded in inflated size and rows before it is parsed. */
describe('import source bounds', () => {
  it('reads a normal workbook, also when rewritten by the test zip writer', async () => {
    expect((await readAll(readRecords(await smallWorkbook(), 'XLSX'))).map((record) => record.cells[0])).toEqual(['Name', '陈一']);
    expect(await readAll(readRecords(await manyRowsWorkbook(10), 'XLSX'))).toHaveLength(12);
  });

  it('refuses a zip bomb (a few hundred KB inflating to 256 MB) before parsing it', async () => {
    const bomb = await zipBombWorkbook();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const started = process.memoryUsage().rss;
    await expect(readAll(readRecords(bomb, 'XLSX'))).rejects.toThrow(new UnreadableFileError(`the workbook inflates to more than ${SOURCE_LIMITS.maxDecompressedBytes} bytes`));
    // Counted, not kept: the process did not take on the inflated size.
    expect(process.memoryUsage().rss - started).toBeLessThan(SOURCE_LIMITS.maxDecompressedBytes);
  });

  it('refuses a worksheet with more rows than an import takes, before parsing it', async () => {
    await expect(readAll(readRecords(await manyRowsWorkbook(SOURCE_LIMITS.maxRows + 10), 'XLSX'))).rejects.toThrow(/more than 20000 rows/);
  });

  it('refuses a CSV record longer than 64 KB', async () => {
    await expect(readAll(readRecords(Buffer.from(`a,b\n${'x'.repeat(70 * 1024)},y\n`), 'CSV'))).rejects.toBeInstanceOf(UnreadableFileError);
  });
});

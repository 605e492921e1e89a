import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { ExportFormat } from './export-enums.js';
import { csvLine, safeText, tableWriter, type Cell } from './table-writer.js';

async function write(format: ExportFormat, rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const writer = tableWriter(format, out, '实有人口', [{ header: '姓名' }, { header: '年龄' }]);
  await writer.addRows(rows);
  await writer.finish();
  return Buffer.concat(chunks);
}

describe('table writer', () => {
  it('CSV: BOM, quoted fields, formula cells neutralised', async () => {
    const text = (await write(ExportFormat.CSV, [['张三, "小张"', 61], ['=HYPERLINK("x")', null]])).toString('utf8');
    expect(text).toBe('\uFEFF姓名,年龄\r\n"张三, ""小张""",61\r\n"\'=HYPERLINK(""x"")",\r\n');
  });

  it('XLSX: a workbook Excel reads back, header and rows in order', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [`人员${i}`, i]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await write(ExportFormat.XLSX, rows)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('实有人口')!;
    expect(sheet.rowCount).toBe(2501);
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '年龄']);
    expect(sheet.getRow(2501).values).toEqual([undefined, '人员2499', 2499]);
  });

  it('XLSX applies backpressure through the zip: what waits in front of it stays bounded, however fast the rows come', async () => {
    const out = new PassThrough();
    let bytes = 0;
    const reader = (async () => {
      for await (const chunk of out) bytes += (chunk as Buffer).length;
    })();
    const writer = tableWriter(ExportFormat.XLSX, out, 'big', [{ header: 'n' }, { header: 'text' }, { header: 'more' }]);
    let maxPending = 0;
    for (let batch = 0; batch < 150; batch += 1) {
      const rows: Cell[][] = Array.from({ length: 1000 }, (_, i) => [batch * 1000 + i, `第${batch * 1000 + i}行 ${'内容'.repeat(10)}`, `${Math.random()}`]);
      await writer.addRows(rows);
      maxPending = Math.max(maxPending, writer.pendingBytes());
    }
    await writer.finish();
    await reader;
    // 150,000 rows (tens of MB of sheet XML; 36 MB waited in front of the zip without the wait); at most about
    // the 1 MiB backlog and one batch wait now.
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(maxPending).toBeLessThan(2 * 1024 * 1024);
  });

  it('XLSX: addRows waits while nobody reads the file, and goes on when the reader comes back', async () => {
    const out = new PassThrough({ highWaterMark: 16 * 1024 });
    const writer = tableWriter(ExportFormat.XLSX, out, 'stalled', [{ header: 'n' }, { header: 'text' }]);
    let resolved = 0;
    const adding = (async () => {
      for (let batch = 0; batch < 40; batch += 1) {
        await writer.addRows(Array.from({ length: 1000 }, (_, i) => [i, `${Math.random()}${Math.random()}`]));
        resolved += 1;
      }
    })();
    await sleep(300);
    const whileStalled = resolved;
    expect(whileStalled).toBeLessThan(40);
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await adding;
    await writer.finish();
    expect(resolved).toBe(40);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('stalled')!.rowCount).toBe(40_001);
  });

  it('safeText and csvLine', () => {
    expect(safeText('+86 138')).toBe("'+86 138");
    expect(safeText('北京')).toBe('北京');
    expect(csvLine(['a\nb', 1, null])).toBe('"a\nb",1,\r\n');
  });
});

import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ExportFormat } from './export-enums.js';
import { csvLine, safeText, tableWriter } from './table-writer.js';

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

  it('safeText and csvLine', () => {
    expect(safeText('+86 138')).toBe("'+86 138");
    expect(safeText('北京')).toBe('北京');
    expect(csvLine(['a\nb', 1, null])).toBe('"a\nb",1,\r\n');
  });
});

import { readHeader, type HeaderMap } from './import-columns.js';
import { checkImportRow, parseDateCell, type RowContext } from './import-row.js';

const context: RowContext = {
  tagCodeByName: new Map([['ELDERLY', 'ELDERLY'], ['老年人', 'ELDERLY'], ['DISABLED', 'DISABLED'], ['残疾人', 'DISABLED']]),
  gridAllowed: (code) => code.startsWith('330402001'),
};

function header(cells: string[], hasDefault = false): HeaderMap {
  const checked = readHeader(cells, hasDefault);
  if (!checked.valid) throw new Error(checked.reason);
  return checked.header;
}

describe('import header', () => {
  it('accepts Chinese and English headers in any order and ignores unknown columns', () => {
    const map = header(['备注', '身份证号', '姓名', 'Grid_Code', '标签']);
    expect(map.indexOf).toEqual({ idNumber: 1, name: 2, gridCode: 3, tags: 4 });
    expect(map.headerOf.idNumber).toBe('身份证号');
    expect(map.headerOf.gridCode).toBe('Grid_Code');
  });

  it('names the missing required columns', () => {
    expect(readHeader(['姓名', '性别'], false)).toEqual({ valid: false, reason: 'missing column idNumber/idCardNumber/身份证号/身份证号码/公民身份号码, gridCode/grid/网格编码/网格代码' });
    expect(readHeader(['name', 'idNumber'], true)).toMatchObject({ valid: true });
    expect(readHeader(['name', 'idNumber', '姓名'], true)).toEqual({ valid: false, reason: 'column 姓名 appears twice' });
  });
});

describe('import rows', () => {
  const map = header(['姓名', '性别', '出生日期', '身份证号', '手机号', '户号', '地址', '网格编码', '标签', '是否户主']);

  it('turns a good row into a candidate', () => {
    const row = ['张三', '男', '1980/1/1', '330402198001010014', '13812345678', 'H001', '禾兴路1号', '330402001001001', '老年人；DISABLED', '是'];
    expect(checkImportRow(2, row, map, context)).toEqual({
      candidate: {
        row: 2,
        facts: expect.objectContaining({ name: '张三', birthDate: '1980-01-01', idNumber: '330402198001010014', phone: '13812345678', gridCode: '330402001001001' }),
        householdNumber: 'H001',
        householdHead: true,
        tagCodes: ['ELDERLY', 'DISABLED'],
        given: { sex: true, phone: true, address: true, residenceStatus: false },
      },
    });
  });

  it('reports each bad cell with its column as written', () => {
    const row = ['', '未知', '1980-13-01', '330402198001010017', '123', '', '', '330402002001001', '外星人', 'maybe'];
    expect(checkImportRow(7, row, map, context)).toEqual({
      errors: [
        { row: 7, column: '性别', reason: 'must be 男 or 女 (M/F)' },
        { row: 7, column: '出生日期', reason: 'must be a date such as 1980-01-31' },
        { row: 7, column: '是否户主', reason: 'must be 是 or 否' },
        { row: 7, column: '标签', reason: 'unknown tag 外星人' },
        { row: 7, column: '姓名', reason: 'is required' },
        { row: 7, column: '身份证号', reason: 'check character is 7 but must be 4' },
        { row: 7, column: '手机号', reason: expect.stringContaining('mobile') },
      ],
    });
  });

  it('refuses grids outside the importer\'s area and uses the default grid', () => {
    const row = ['张三', '', '', '330402198001010014', '', '', '', '', '', ''];
    expect(checkImportRow(3, row, map, context)).toEqual({ errors: [{ row: 3, column: '网格编码', reason: 'is required (or give a default grid code)' }] });
    expect(checkImportRow(3, row, map, { ...context, defaultGridCode: '330402002001001' })).toEqual({
      errors: [{ row: 3, column: '网格编码', reason: 'grid 330402002001001 is outside your area' }],
    });
    expect(checkImportRow(3, row, map, { ...context, defaultGridCode: '330402001002001' })).toMatchObject({ candidate: { facts: { gridCode: '330402001002001' } } });
  });

  it('reads the usual date spellings', () => {
    expect(parseDateCell('19800101')).toBe('1980-01-01');
    expect(parseDateCell('1980.1.2')).toBe('1980-01-02');
    expect(parseDateCell('1980年1月2日')).toBe('1980-01-02');
    expect(parseDateCell('1980-02-30')).toBeUndefined();
  });
});

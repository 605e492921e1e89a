/**
 * Columns an import file may have, with the headers accepted for each (English or Chinese; case,
 * spaces, dashes and underscores in English headers do not matter). Unknown columns are ignored.
 */
export const IMPORT_COLUMNS = {
  name: ['name', '姓名'],
  sex: ['sex', 'gender', '性别'],
  birthDate: ['birthDate', 'birthday', '出生日期'],
  idNumber: ['idNumber', 'idCardNumber', '身份证号', '身份证号码', '公民身份号码'],
  phone: ['phone', 'mobile', '手机号', '手机号码', '联系电话'],
  householdNumber: ['householdNumber', 'household', '户号'],
  householdHead: ['householdHead', 'isHouseholdHead', '是否户主', '户主'],
  address: ['address', '地址', '住址'],
  gridCode: ['gridCode', 'grid', '网格编码', '网格代码'],
  residenceStatus: ['residenceStatus', '居住状态', '人口类型'],
  tags: ['tags', '标签', '重点人群'],
} as const;

export type ImportColumn = keyof typeof IMPORT_COLUMNS;

const normalizeHeader = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, '');

const COLUMN_BY_HEADER = new Map<string, ImportColumn>(
  Object.entries(IMPORT_COLUMNS).flatMap(([column, headers]) => headers.map((header) => [normalizeHeader(header), column as ImportColumn])),
);

export interface HeaderMap {
  /** Cell index of each known column. */
  indexOf: Partial<Record<ImportColumn, number>>;
  /** The header as written in the file, for error reports. */
  headerOf: Record<ImportColumn, string>;
}

export type HeaderCheck = { valid: true; header: HeaderMap } | { valid: false; reason: string };

/** Maps the header row; name and ID number are required, the grid code unless a default is given. */
export function readHeader(cells: readonly string[], hasDefaultGridCode: boolean): HeaderCheck {
  const indexOf: Partial<Record<ImportColumn, number>> = {};
  const headerOf = Object.fromEntries(Object.keys(IMPORT_COLUMNS).map((column) => [column, column])) as Record<ImportColumn, string>;
  for (const [index, cell] of cells.entries()) {
    const column = COLUMN_BY_HEADER.get(normalizeHeader(cell ?? ''));
    if (!column) continue;
    if (indexOf[column] !== undefined) return { valid: false, reason: `column ${cell} appears twice` };
    indexOf[column] = index;
    headerOf[column] = cell.trim();
  }
  const required: ImportColumn[] = ['name', 'idNumber', ...(hasDefaultGridCode ? [] : (['gridCode'] as ImportColumn[]))];
  const missing = required.filter((column) => indexOf[column] === undefined);
  if (missing.length > 0) {
    return { valid: false, reason: `missing column ${missing.map((column) => IMPORT_COLUMNS[column].join('/')).join(', ')}` };
  }
  return { valid: true, header: { indexOf, headerOf } };
}

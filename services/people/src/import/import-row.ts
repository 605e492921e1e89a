import { isCalendarDate } from '../common/calendar-date.js';
import { ResidenceStatus, Sex } from '../person/person-enums.js';
import { checkPersonFacts, type PersonFacts, type ValidPersonFacts } from '../person/person-facts.js';
import type { HeaderMap, ImportColumn } from './import-columns.js';

export interface ImportRowError {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  reason: string;
}

export interface ImportCandidate {
  row: number;
  facts: ValidPersonFacts;
  householdNumber: string | null;
  householdHead: boolean;
  tagCodes: string[];
  /** Optional fields the row gave a value for: re-imports update only these, never clear with blanks. */
  given: { sex: boolean; phone: boolean; address: boolean; residenceStatus: boolean };
}

export interface RowContext {
  defaultGridCode?: string;
  /** Tag code by code or Chinese/English name, only tags the importer may use. */
  tagCodeByName: ReadonlyMap<string, string>;
  /** Whether the importer may write into this grid. */
  gridAllowed: (gridCode: string) => boolean;
}

const SEX_WORDS = new Map<string, Sex>([
  ['男', Sex.MALE], ['m', Sex.MALE], ['male', Sex.MALE], ['1', Sex.MALE],
  ['女', Sex.FEMALE], ['f', Sex.FEMALE], ['female', Sex.FEMALE], ['2', Sex.FEMALE],
]);
const STATUS_WORDS = new Map<string, ResidenceStatus>([
  ['registered_resident', ResidenceStatus.REGISTERED_RESIDENT], ['户籍', ResidenceStatus.REGISTERED_RESIDENT], ['常住', ResidenceStatus.REGISTERED_RESIDENT], ['户籍人口', ResidenceStatus.REGISTERED_RESIDENT],
  ['floating', ResidenceStatus.FLOATING], ['流动', ResidenceStatus.FLOATING], ['外来', ResidenceStatus.FLOATING], ['流动人口', ResidenceStatus.FLOATING],
  ['away', ResidenceStatus.AWAY], ['外出', ResidenceStatus.AWAY], ['外出人口', ResidenceStatus.AWAY],
]);
const YES = new Set(['是', 'y', 'yes', 'true', '1', '户主']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

/** 1990-01-02, 1990/1/2, 1990.01.02 or 19900102. */
export function parseDateCell(raw: string): string | undefined {
  const match = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(raw.trim());
  if (!match) return undefined;
  const date = `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

/** Row-level wording: empty cells are "required", numbers Excel turned into 3.3e+17 get a hint. */
function explain(field: keyof PersonFacts, reason: string, facts: PersonFacts): string {
  const value = String(facts[field] ?? '');
  if (value === '') return field === 'gridCode' ? 'is required (or give a default grid code)' : 'is required';
  if (field === 'idNumber' && /^\d(\.\d+)?e\+\d+$/i.test(value)) return 'was stored as a number: format the column as text';
  return reason;
}

/** Checks one data row; all problems of the row are reported, each with its column. */
export function checkImportRow(row: number, cells: readonly string[], header: HeaderMap, context: RowContext): { candidate: ImportCandidate } | { errors: ImportRowError[] } {
  const cell = (column: ImportColumn) => {
    const index = header.indexOf[column];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const errors: ImportRowError[] = [];
  const fail = (column: ImportColumn, reason: string) => errors.push({ row, column: header.headerOf[column], reason });

  const sexCell = cell('sex');
  const sex = sexCell ? SEX_WORDS.get(sexCell.toLowerCase()) : undefined;
  if (sexCell && !sex) fail('sex', 'must be 男 or 女 (M/F)');
  const birthCell = cell('birthDate');
  const birthDate = birthCell ? parseDateCell(birthCell) : undefined;
  if (birthCell && !birthDate) fail('birthDate', 'must be a date such as 1980-01-31');
  const statusCell = cell('residenceStatus');
  const residenceStatus = statusCell ? STATUS_WORDS.get(statusCell.toLowerCase()) : undefined;
  if (statusCell && !residenceStatus) fail('residenceStatus', 'must be 户籍, 流动 or 外出 (REGISTERED_RESIDENT, FLOATING, AWAY)');
  const headCell = cell('householdHead').toLowerCase();
  if (!YES.has(headCell) && !NO.has(headCell)) fail('householdHead', 'must be 是 or 否');
  const tagCodes: string[] = [];
  for (const name of cell('tags').split(/[;；,，、|]/).map((part) => part.trim()).filter(Boolean)) {
    const code = context.tagCodeByName.get(name) ?? context.tagCodeByName.get(name.toUpperCase());
    if (code) tagCodes.push(code);
    else fail('tags', `unknown tag ${name}`);
  }
  const gridCode = cell('gridCode') || context.defaultGridCode || '';
  const facts: PersonFacts = { name: cell('name'), idNumber: cell('idNumber'), gridCode, sex, birthDate, phone: cell('phone'), address: cell('address'), residenceStatus };
  const checked = checkPersonFacts(facts);
  if (!checked.valid) {
    for (const problem of checked.problems) {
      fail(problem.field as ImportColumn, explain(problem.field, problem.reason, facts));
    }
  } else if (!context.gridAllowed(checked.facts.gridCode)) {
    fail('gridCode', `grid ${checked.facts.gridCode} is outside your area`);
  }
  if (errors.length > 0 || !checked.valid) return { errors };
  return {
    candidate: {
      row,
      facts: checked.facts,
      householdNumber: cell('householdNumber') || null,
      householdHead: YES.has(headCell),
      tagCodes: [...new Set(tagCodes)],
      given: { sex: Boolean(sex), phone: Boolean(facts.phone), address: Boolean(facts.address), residenceStatus: Boolean(residenceStatus) },
    },
  };
}

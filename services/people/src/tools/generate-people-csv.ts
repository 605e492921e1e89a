import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { buildIdNumber } from '../personal-data/id-number.js';
import { Sex } from '../person/person-enums.js';

/**
 * Writes a CSV of valid, distinct persons (correct GB 11643 check digits) for import tests and benchmarks:
 *   node services/people/dist/tools/generate-people-csv.js <rows> <out.csv> [--grid-prefix 330402] [--first 0]
 * Chinese headers; every third row starts a new household; ages 0–95; a sprinkle of tags. Rows with the
 * same --first produce the same ID numbers, so generating twice gives the same file.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { first: { type: 'string', default: '0' } },
});
const rows = Number(positionals[0]);
const out = positionals[1];
if (!Number.isInteger(rows) || rows < 1 || !out) {
  console.error('usage: generate-people-csv.js <rows> <out.csv> [--first n]');
  process.exit(2);
}

const GRIDS = ['330402001', '330402002', '330402003'].flatMap((township) => ['001', '002', '003'].flatMap((village) => ['001', '002', '003'].map((grid) => `${township}${village}${grid}`)));
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗沈陆钱顾姚'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅'];
const DAYS = 34_000; // birth dates from 1930 on
const BASE = Date.UTC(1930, 0, 1);

function generatedRow(index: number): string[] {
  const birthDate = new Date(BASE + (index % DAYS) * 86_400_000).toISOString().slice(0, 10);
  const sex = index % 2 === 0 ? Sex.MALE : Sex.FEMALE;
  // (day, sequence) is distinct for every index below 34,000 × 500.
  const idNumber = buildIdNumber('330402', birthDate, Math.floor(index / DAYS) * 2, sex);
  const household = Math.floor(index / 3);
  const gridCode = GRIDS[household % GRIDS.length];
  const age = 2025 - Number(birthDate.slice(0, 4));
  const tags = [age >= 60 ? '老年人' : '', index % 50 === 7 ? '残疾人' : '', index % 97 === 3 ? 'LOW_INCOME' : ''].filter(Boolean).join('；');
  return [
    `${SURNAMES[household % SURNAMES.length]}${GIVEN[index % GIVEN.length]}${GIVEN[(index * 7) % GIVEN.length]}`,
    sex === Sex.MALE ? '男' : '女',
    birthDate,
    idNumber,
    age >= 16 ? `13${String(index % 10)}${String(10_000_000 + index).slice(-8)}` : '',
    `B${String(household).padStart(8, '0')}`,
    `测试路${household % 300}号${household % 20}幢`,
    gridCode,
    tags,
  ];
}

const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const stream = createWriteStream(out);
stream.write('\uFEFF姓名,性别,出生日期,身份证号,手机号,户号,地址,网格编码,标签\n');
const first = Number(values.first);
for (let index = first; index < first + rows; index += 1) {
  if (!stream.write(`${generatedRow(index).map(quote).join(',')}\n`)) await once(stream, 'drain');
}
stream.end();
await once(stream, 'finish');
console.log(JSON.stringify({ msg: 'generated', rows, file: out }));

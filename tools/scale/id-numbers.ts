import { mix32 } from './prng.ts';
import type { Sex } from './population.ts';

/**
 * Distinct resident ID numbers (GB 11643) for a county's worth of people. The check character comes
 * from the people service's own buildIdNumber (passed in), this module only hands out a different
 * 3-digit sequence for every (region, birth date, sex), so the people table's unique lookup hash
 * never collides.
 */
export type BuildIdNumber = (regionCode: string, birthDate: string, sequence: number, sex: Sex) => string;

/** Where registered residents were born: mostly the county itself, some elsewhere in Jiaxing. */
export const HOME_REGIONS: ReadonlyArray<readonly [weight: number, code: string]> = [
  [86, '330402'],
  [5, '330411'],
  [3, '330421'],
  [3, '330481'],
  [3, '330483'],
];
/** Where floating residents come from (real county codes of the main sending provinces). */
export const MIGRANT_REGIONS: ReadonlyArray<readonly [weight: number, code: string]> = [
  [14, '341221'],
  [10, '341204'],
  [9, '412723'],
  [8, '511322'],
  [7, '522422'],
  [6, '362426'],
  [6, '431021'],
  [6, '421087'],
  [5, '320382'],
  [5, '340826'],
  [5, '410522'],
  [4, '513030'],
  [4, '622921'],
  [3, '530381'],
  [3, '360721'],
];

const SEQUENCES_PER_KEY = 500;
const DAY_MS = 86_400_000;

/** A birth date such that the person is exactly `age` on `asOfDay` (`dayOffset` 0…364 days before the birthday). */
export function birthDateFor(asOfDay: string, age: number, dayOffset: number): string {
  const [year, month, day] = asOfDay.split('-').map(Number);
  const birthday = Date.UTC(year - age, month - 1, day);
  return new Date(birthday - dayOffset * DAY_MS).toISOString().slice(0, 10);
}

export class IdNumberAllocator {
  private readonly used = new Map<number, number>();
  private readonly regionIndex = new Map<string, number>();
  private readonly build: BuildIdNumber;

  constructor(build: BuildIdNumber) {
    this.build = build;
  }

  /** A number not given out before by this allocator. */
  next(regionCode: string, birthDate: string, sex: Sex): string {
    let region = this.regionIndex.get(regionCode);
    if (region === undefined) {
      region = this.regionIndex.size;
      this.regionIndex.set(regionCode, region);
    }
    const dayNumber = Math.floor(Date.parse(`${birthDate}T00:00:00Z`) / DAY_MS) + 40_000;
    const key = (region * 100_000 + dayNumber) * 2 + (sex === 'MALE' ? 1 : 0);
    const count = this.used.get(key) ?? 0;
    if (count >= SEQUENCES_PER_KEY) throw new Error(`more than ${SEQUENCES_PER_KEY} people of one sex born on ${birthDate} in ${regionCode}`);
    this.used.set(key, count + 1);
    // Start each key at its own place so sequences do not all begin at 000.
    const step = (mix32(key) + count) % SEQUENCES_PER_KEY;
    return this.build(regionCode, birthDate, step * 2, sex);
  }
}

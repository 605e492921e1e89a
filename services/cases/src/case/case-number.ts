import type { EntityManager } from '@mikro-orm/postgresql';
import { compactDay, localDay } from '../deadline/local-time.js';

/** 330402-20261123-0007: county code, local report day, daily sequence (4 digits, more if a county ever needs them). */
export function formatCaseNumber(countyCode: string, day: string, sequence: number): string {
  return `${countyCode}-${compactDay(day)}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The next number for the county and day, from its counter row bumped by one upsert: the row lock
 * serializes concurrent reports of the county, and a rolled-back report gives its number back.
 */
export async function nextCaseNumber(em: EntityManager, gridCode: string, at: Date, timeZone: string): Promise<string> {
  const countyCode = gridCode.slice(0, 6);
  const day = localDay(at, timeZone);
  const rows = await em.execute<Array<{ last_value: number }>>(
    `insert into "case_number_counter" ("county_code", "day", "last_value") values (?, ?, 1)
     on conflict ("county_code", "day") do update set "last_value" = "case_number_counter"."last_value" + 1
     returning "last_value"`,
    [countyCode, day],
  );
  return formatCaseNumber(countyCode, day, Number(rows[0].last_value));
}

import { randomInt, randomUUID } from 'node:crypto';
import { errorCodes } from '@lianxin/testing';
import { asUser } from './gateway.js';

/** A valid resident ID number (GB 11643 check character) of 330402 for this birth date (YYYYMMDD) and sequence. */
export function idNumberOf(birthDate: string, sequence: string): string {
  const body = `330402${birthDate}${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return body + '10X98765432'[[...body].reduce((sum, digit, index) => sum + Number(digit) * weights[index], 0) % 11];
}

/**
 * A person nobody can have named on a case or looked up: registered just now (in `gridCode` by its grid
 * worker, in no household), with a fresh id and a name no other person has. The demo's persons are no
 * bystanders: which of them report the cases a department holds depends on the minute the demo was seeded
 * (services/cases seed-demo.ts walks its cases up to `now`), and earlier test files dispatch and look up
 * others — a look-up grants the department 30 days of reading (§8.8), so tests look up persons of their own.
 */
export async function freshPerson(label: string, keeper: { user: string; gridCode: string } = { user: 'grid.worker', gridCode: '330402001001001' }): Promise<{ id: string; name: string; idNumber: string }> {
  const name = `安全测试${label}${randomUUID().slice(0, 8)}`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const day = new Date(Date.UTC(1940, 0, 1) + randomInt(0, 60 * 365) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const idNumber = idNumberOf(day, String(randomInt(0, 1000)).padStart(3, '0'));
    const registered = await asUser<{ registerPerson: { person: { id: string } } }>(keeper.user, 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', {
      input: { name, idNumber, gridCode: keeper.gridCode },
    });
    // CONFLICT: that number is someone's already (the demo has ~3,000); draw another.
    if (errorCodes(registered)[0] === 'CONFLICT') continue;
    if (registered.errors?.length) throw new Error(JSON.stringify(registered.errors));
    return { id: registered.data!.registerPerson.person.id, name, idNumber };
  }
  throw new Error('no free ID number in 5 draws');
}

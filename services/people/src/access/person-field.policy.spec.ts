import { ALL_ROLES, Role, type AuthUser } from '@lianxin/auth';
import { Sex } from '../person/person-enums.js';
import { buildIdNumber, idNumberCheckCharacter } from '../personal-data/id-number.js';
import {
  fieldsFor,
  mayReveal,
  PERSON_FIELDS,
  PersonScope,
  readableView,
  rolePoliciesOf,
  scopesReading,
  Visibility,
  type PersonReach,
  type ReadableView,
  type StoredPersonFacts,
} from './person-field.policy.js';
import { maskIdNumber, maskPhone } from '../personal-data/masking.js';

const user = (roles: Role[], departmentCode?: string): Pick<AuthUser, 'roles' | 'departmentCode'> => ({ roles, departmentCode });
const INSIDE: PersonReach = { self: false, inArea: true, needToKnow: true };
const SELF: PersonReach = { self: true, inArea: true, needToKnow: true };

/** Every caller the table distinguishes: each role, department staff of departments with and without overrides. */
const CALLERS: Array<[string, Pick<AuthUser, 'roles' | 'departmentCode'>]> = [
  ...ALL_ROLES.filter((role) => role !== Role.DEPARTMENT_STAFF).map((role): [string, Pick<AuthUser, 'roles' | 'departmentCode'>] => [role, user([role])]),
  ...['PUBLIC_SECURITY', 'CIVIL_AFFAIRS', 'URBAN_MANAGEMENT'].map((code): [string, Pick<AuthUser, 'roles' | 'departmentCode'>] => [
    `department-staff ${code}`,
    user([Role.DEPARTMENT_STAFF], code),
  ]),
  ['resident + volunteer', user([Role.RESIDENT, Role.VOLUNTEER])],
  ['department-staff + volunteer', user([Role.DEPARTMENT_STAFF, Role.VOLUNTEER], 'URBAN_MANAGEMENT')],
];

/** A deterministic pseudo-random sequence (xorshift), so a failure names the same person every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

interface GeneratedPerson extends StoredPersonFacts {
  idNumber: string;
  phone: string | null;
  gridCode: string;
}

function generatePersons(count: number): GeneratedPerson[] {
  const next = random(20261201);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const persons: GeneratedPerson[] = [];
  for (let index = 0; index < count; index += 1) {
    const sex = next() < 0.5 ? Sex.MALE : Sex.FEMALE;
    const year = 1925 + Math.floor(next() * 95);
    const day = new Date(Date.UTC(year, 0, 1) + Math.floor(next() * 365) * 86_400_000).toISOString().slice(0, 10);
    // Most are registered here; migrants carry the region of their home county.
    const region = next() < 0.8 ? '330402' : pick(['110105', '522401', '622901', '440305']);
    const idNumber = buildIdNumber(region, day, Math.floor(next() * 1000), sex);
    const phone = next() < 0.15 ? null : next() < 0.9 ? `1${pick(['3', '5', '7', '8', '9'])}${String(Math.floor(next() * 1e9)).padStart(9, '0')}` : `0573${String(Math.floor(next() * 1e8)).padStart(8, '0')}`;
    persons.push({
      name: `居民${index}`,
      sex,
      birthDate: day,
      idNumber,
      idNumberMasked: maskIdNumber(idNumber),
      phone,
      phoneMasked: phone ? maskPhone(phone) : null,
      address: `禾兴南路${index}号`,
      residenceStatus: 'REGISTERED_RESIDENT',
      gridCode: '330402001001001',
    });
  }
  return persons;
}

function* daysOfYear(year: number): Generator<string> {
  for (let time = Date.UTC(year, 0, 1); time < Date.UTC(year + 1, 0, 1); time += 86_400_000) yield new Date(time).toISOString().slice(0, 10);
}

function* daysSince1900(): Generator<string> {
  for (let year = 1900; year <= 2026; year += 1) yield* daysOfYear(year);
}

/**
 * The attacker: every 18-character number consistent with everything the caller reads. The region is
 * taken as known (shown, or guessed from the grid code: the attacker's best case); the birth date is
 * the one shown, or any day of the year shown, or any day since 1900; the sex fixes the parity of the
 * sequence's last digit; characters shown in the masked number must match; the check character follows
 * from the rest. Counting stops at `cap`.
 */
const counted = new Map<string, number>();

function idCandidates(view: ReadableView, person: GeneratedPerson, cap = 100_000): number {
  // Roles that read the same thing get the same count: count each distinct view once.
  const key = JSON.stringify([view.idNumber, view.birthDate, view.birthYear, view.sex, person.idNumber.slice(0, 6), cap]);
  if (!counted.has(key)) counted.set(key, countIdCandidates(view, person, cap));
  return counted.get(key)!;
}

function countIdCandidates(view: ReadableView, person: GeneratedPerson, cap: number): number {
  const region = view.idNumber ? view.idNumber.slice(0, 6) : person.idNumber.slice(0, 6);
  const shown = [...(view.idNumber ?? '*'.repeat(18))].map((char, position) => [char, position] as const).filter(([char]) => char !== '*');
  const dates = view.birthDate ? [view.birthDate] : view.birthYear ? daysOfYear(view.birthYear) : daysSince1900();
  let count = 0;
  for (const date of dates) {
    for (let sequence = 0; sequence < 1000; sequence += 1) {
      if (view.sex && (sequence % 2 === 1) !== (view.sex === Sex.MALE)) continue;
      const first17 = `${region}${date.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
      const candidate = `${first17}${idNumberCheckCharacter(first17)}`;
      if (shown.every(([char, position]) => char === candidate[position])) count += 1;
      if (count >= cap) return count;
    }
  }
  return count;
}

/** Numbers consistent with a masked phone: hidden digits free, except that an 11-digit number is a mobile (1, then 3–9). */
function phoneCandidates(masked: string): number {
  const hidden = [...masked].map((char, position) => (char === '*' ? position : -1)).filter((position) => position >= 0);
  return hidden.reduce((total, position) => total * (masked.length === 11 && position === 0 ? 1 : masked.length === 11 && position === 1 ? 7 : 10), 1);
}

describe('person field policy', () => {
  it('§8.8 never gives a clear ID or phone number as a field: only MASKED or NONE', () => {
    for (const [name, caller] of CALLERS) {
      for (const reach of [INSIDE, SELF]) {
        const fields = fieldsFor(rolePoliciesOf(caller), reach);
        expect([name, fields.idNumber]).toEqual([name, expect.stringMatching(/^(NONE|MASKED)$/)]);
        expect([name, fields.phone]).toEqual([name, expect.stringMatching(/^(NONE|MASKED)$/)]);
      }
    }
  });

  it('§8.8 no role rebuilds an ID number: every person keeps at least 100 candidates for every role', () => {
    const persons = generatePersons(300);
    const fewest = new Map<string, number>();
    for (const [name, caller] of CALLERS) {
      for (const [reachName, reach] of [['inside', INSIDE], ['self', SELF]] as const) {
        const view = (person: GeneratedPerson) => readableView(fieldsFor(rolePoliciesOf(caller), reach), person);
        for (const person of persons) {
          const readable = view(person);
          // The view is exactly what the role reads: the clear number is nowhere in it.
          expect(JSON.stringify(readable)).not.toContain(person.idNumber.slice(6));
          const candidates = idCandidates(readable, person, 1_000);
          const key = `${name} (${reachName})`;
          fewest.set(key, Math.min(fewest.get(key) ?? Infinity, candidates));
          if (candidates < 100) throw new Error(`${key} narrows ${person.idNumber} to ${candidates} candidates`);
        }
      }
    }
    // Grid staff read the full birth date and the sex: 500 sequences remain, each with its one check character.
    expect(fewest.get('grid-worker (inside)')).toBe(500);
    // Auditors read the birth year only.
    expect(fewest.get('auditor (inside)')).toBe(1_000);
    expect([...fewest.values()].every((count) => count >= 100)).toBe(true);
  });

  it('§8.8 the test can fail: the old mask (region and last 4) with the birth date leaves exactly 1 candidate', () => {
    const oldMask = (idNumber: string) => `${idNumber.slice(0, 6)}${'*'.repeat(8)}${idNumber.slice(-4)}`;
    for (const person of generatePersons(50)) {
      const view: ReadableView = { ...readableView(fieldsFor(rolePoliciesOf(user([Role.GRID_WORKER])), INSIDE), person), idNumber: oldMask(person.idNumber) };
      expect(idCandidates(view, person)).toBe(1);
    }
    // The issue's example: 330402********8518 read with 1953-09-22 by county.auditor.
    const [example] = generatePersons(1);
    const idNumber = '330402195309228518';
    const issueView: ReadableView = { ...readableView(fieldsFor(rolePoliciesOf(user([Role.GRID_WORKER])), INSIDE), example), sex: null, birthDate: '1953-09-22', idNumber: '330402********8518' };
    expect(idCandidates(issueView, { ...example, idNumber })).toBe(1);
    // With today's mask and policy the auditor reads 330402************ and 1953.
    const auditor = readableView(fieldsFor(rolePoliciesOf(user([Role.AUDITOR])), INSIDE), { ...example, birthDate: '1953-09-22', idNumberMasked: maskIdNumber(idNumber) });
    expect(auditor).toMatchObject({ idNumber: '330402************', birthDate: null, birthYear: 1953 });
    expect(idCandidates(auditor, { ...example, idNumber }, 1_000_000)).toBeGreaterThanOrEqual(365 * 500);
  });

  it('§8.8 no role rebuilds a phone number: a masked phone leaves at least 10^4 candidates', () => {
    const persons = generatePersons(300).filter((person) => person.phone);
    for (const [name, caller] of CALLERS) {
      for (const reach of [INSIDE, SELF]) {
        for (const person of persons) {
          const view = readableView(fieldsFor(rolePoliciesOf(caller), reach), person);
          if (view.phone === null) continue;
          expect(JSON.stringify(view)).not.toContain(person.phone!.slice(0, 7));
          const candidates = phoneCandidates(view.phone);
          if (candidates < 10_000) throw new Error(`${name} narrows ${person.phone} to ${candidates} candidates`);
        }
      }
    }
    // The conventional 138****5678 would leave 10^4 digits but only the city's few hundred number segments.
    expect(phoneCandidates(maskPhone('13812345678'))).toBe(700_000);
  });

  it('§8.8 gives auditors the birth year, not the date; grid staff the date', () => {
    const person = generatePersons(1)[0];
    expect(readableView(fieldsFor(rolePoliciesOf(user([Role.AUDITOR])), INSIDE), person)).toMatchObject({ birthDate: null, birthYear: Number(person.birthDate.slice(0, 4)) });
    expect(readableView(fieldsFor(rolePoliciesOf(user([Role.GRID_WORKER])), INSIDE), person)).toMatchObject({ birthDate: person.birthDate });
  });

  it('reads each field per role as the table says (the old people-access booleans, kept)', () => {
    const summary = (caller: Pick<AuthUser, 'roles' | 'departmentCode'>, reach: PersonReach) => {
      const rows = rolePoliciesOf(caller);
      const fields = fieldsFor(rows, reach);
      return { details: fields.birthDate !== Visibility.NONE, sensitiveTags: fields.sensitiveTags === Visibility.FULL, reveal: mayReveal(rows, reach) };
    };
    const expectations: Array<[Role, string | undefined, object]> = [
      [Role.COUNTY_ADMIN, undefined, { details: true, sensitiveTags: true, reveal: true }],
      [Role.VILLAGE_ADMIN, undefined, { details: true, sensitiveTags: true, reveal: true }],
      [Role.GRID_WORKER, undefined, { details: true, sensitiveTags: true, reveal: true }],
      [Role.DEPARTMENT_STAFF, 'PUBLIC_SECURITY', { details: true, sensitiveTags: true, reveal: true }],
      [Role.DEPARTMENT_STAFF, 'CIVIL_AFFAIRS', { details: true, sensitiveTags: false, reveal: true }],
      [Role.DEPARTMENT_STAFF, 'URBAN_MANAGEMENT', { details: true, sensitiveTags: false, reveal: false }],
      [Role.AUDITOR, undefined, { details: true, sensitiveTags: true, reveal: false }],
      [Role.VOLUNTEER, undefined, { details: false, sensitiveTags: false, reveal: false }],
    ];
    for (const [role, department, expected] of expectations) expect([role, department, summary(user([role], department), INSIDE)]).toEqual([role, department, expected]);
    // Residents: nobody but themselves, and themselves without special-population tags or a reveal.
    expect(summary(user([Role.RESIDENT]), INSIDE)).toEqual({ details: false, sensitiveTags: false, reveal: false });
    expect(summary(user([Role.RESIDENT]), SELF)).toEqual({ details: true, sensitiveTags: false, reveal: false });
    expect(scopesReading(rolePoliciesOf(user([Role.RESIDENT])), ['name'])).toEqual([PersonScope.SELF]);
  });

  it('§8.8 department staff reach only the persons they need to know; without a department, nobody', () => {
    const civil = rolePoliciesOf(user([Role.DEPARTMENT_STAFF], 'CIVIL_AFFAIRS'));
    expect(fieldsFor(civil, { self: false, inArea: true, needToKnow: false }).name).toBe(Visibility.NONE);
    expect(fieldsFor(civil, { self: false, inArea: false, needToKnow: true }).name).toBe(Visibility.NONE);
    expect(fieldsFor(civil, INSIDE).birthDate).toBe(Visibility.FULL);
    expect(mayReveal(civil, { self: false, inArea: true, needToKnow: false })).toBe(false);
    expect(fieldsFor(rolePoliciesOf(user([Role.DEPARTMENT_STAFF])), INSIDE).name).toBe(Visibility.NONE);
  });

  it('does not let a wider row with fewer fields lend its reach to a narrower row with more', () => {
    // Department staff who also volunteer: names in the village, details only on their cases.
    const rows = rolePoliciesOf(user([Role.DEPARTMENT_STAFF, Role.VOLUNTEER], 'CIVIL_AFFAIRS'));
    expect(fieldsFor(rows, { self: false, inArea: true, needToKnow: false })).toMatchObject({ name: Visibility.FULL, birthDate: Visibility.NONE, idNumber: Visibility.NONE });
    expect(fieldsFor(rows, INSIDE)).toMatchObject({ name: Visibility.FULL, birthDate: Visibility.FULL });
    expect(scopesReading(rows, ['residenceStatus']).sort()).toEqual([PersonScope.DEPARTMENT_CASES, PersonScope.SELF]);
    // Every field of the table is one of the Person fields resolvers read.
    expect(PERSON_FIELDS).toEqual(expect.arrayContaining(['name', 'sex', 'birthDate', 'idNumber', 'phone', 'address', 'residenceStatus', 'tags', 'sensitiveTags', 'household', 'tagAssignments', 'residenceHistory']));
  });
});

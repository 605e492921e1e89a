import { graphqlRequest, tokenFor } from '@lianxin/testing';
import { demoToken } from './tokens.js';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { GATEWAY_URL } from '../e2e/gateway.js';
import { minimalSelection, publicSchema } from './operations.js';
import {
  DEMO_USERS,
  PERSON_FIELD_DEPARTMENT_OVERRIDES,
  PERSON_FIELD_POLICY,
  PERSON_READERS,
  type DemoUser,
  type FieldAccess,
  type PersonReader,
} from './policy.js';

/**
 * Issue 13 / §8.8, "who may read which Person field": every field of Person, read by every demo user
 * from persons of their area that carry a value in that field, checked against PERSON_FIELD_POLICY
 * (policy.ts, written independently of people's person-field.policy.ts: a wrong entry in either fails
 * here). county.admin's view is the reference for what a field holds. On top of the table, for every
 * reader, nothing they read together narrows an ID number below 500 candidates or shows more than the
 * last 4 digits of a phone.
 */

type Value = unknown;
type PersonView = Record<string, Value>;

interface Answer<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
}

const schema = publicSchema();
const personType = schema.getType('Person') as GraphQLObjectType;
const G111 = '330402001001001';

function personSelection(): string {
  return Object.values(personType.getFields())
    .map((field) => `${field.name} ${minimalSelection(field.type)}`)
    .join(' ');
}

function isEmptyValue(value: Value): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const connection = value as { totalCount?: number; edges?: unknown[] };
    if (connection.totalCount !== undefined) return connection.totalCount === 0;
  }
  return false;
}

function isPlain(value: Value): boolean {
  return value === null || typeof value !== 'object';
}

async function as<T>(username: string, query: string, variables?: Record<string, unknown>): Promise<Answer<T>> {
  return graphqlRequest<T>(GATEWAY_URL, query, { token: await tokenFor(username), variables }) as Promise<Answer<T>>;
}

/** What a reader read of one person: the values, and the fields that answered with an error. */
interface Reading {
  reader: DemoUser;
  column: PersonReader;
  view: PersonView | null;
  erroredFields: Set<string>;
  reference: PersonView;
}

/** One person read by the user (one request each: a whole Person costs a lot against the gateway's cost limit). */
async function readPersons(user: DemoUser, ids: readonly string[]): Promise<Array<{ view: PersonView | null; erroredFields: Set<string> }>> {
  const views: Array<{ view: PersonView | null; erroredFields: Set<string> }> = [];
  for (const id of ids) {
    const answer = await as<{ person: PersonView | null }>(user.username, `query P($id: ID!) { person(id: $id) { ${personSelection()} } }`, { id });
    const erroredFields = new Set((answer.errors ?? []).filter((error) => (error.path?.length ?? 0) > 1).map((error) => String(error.path![1])));
    views.push({ view: answer.data?.person ?? null, erroredFields });
  }
  return views;
}

/** Persons of 禾兴第一网格 that, together, carry a value in every Person field county.admin reads. */
async function subjectsOfG111(): Promise<Map<string, PersonView>> {
  const nodes: PersonView[] = [];
  let after: string | null = null;
  for (let page = 0; page < 6; page += 1) {
    const answer: Answer<{ persons: { edges: Array<{ cursor: string; node: PersonView }> } }> = await as(
      'county.admin',
      `query S($after: String) { persons(filter: { areaCode: "${G111}" }, first: 20, after: $after) { edges { cursor node { ${personSelection()} } } } }`,
      { after },
    );
    const edges = answer.data?.persons.edges ?? [];
    nodes.push(...edges.map((edge) => edge.node));
    if (edges.length < 20) break;
    after = edges[edges.length - 1].cursor;
  }
  const chosen = new Map<string, PersonView>();
  for (const field of Object.keys(personType.getFields())) {
    if ([...chosen.values()].some((node) => !isEmptyValue(node[field]))) continue;
    const carrier = nodes.find((node) => !isEmptyValue(node[field]));
    if (carrier) chosen.set(String(carrier.id), carrier);
  }
  return chosen;
}

function columnOf(user: DemoUser): PersonReader {
  if (user.role === 'resident') return 'self';
  return user.role;
}

function accessOf(reading: Reading, field: string): FieldAccess {
  const declared = PERSON_FIELD_POLICY[field]?.[reading.column];
  const override = reading.column === 'department-staff' ? PERSON_FIELD_DEPARTMENT_OVERRIDES[reading.reader.departmentCode ?? '']?.[field] : undefined;
  return override ?? declared;
}

const digits = (value: string) => [...value].filter((character) => /\d/.test(character)).length;

/** How many of an ID number's first 17 digits stay unknown to a reader of this view (the region is taken as known). */
function unknownIdDigits(view: PersonView): number {
  const known = new Set<number>([0, 1, 2, 3, 4, 5]);
  const masked = typeof view.idNumber === 'string' ? view.idNumber : '';
  [...masked.slice(0, 17)].forEach((character, index) => /\d/.test(character) && known.add(index));
  if (typeof view.birthDate === 'string') for (let index = 6; index < 14; index += 1) known.add(index);
  if (view.birthYear !== null && view.birthYear !== undefined) for (let index = 6; index < 10; index += 1) known.add(index);
  return 17 - known.size;
}

function check(reading: Reading, fields: readonly string[]): string[] {
  const problems: string[] = [];
  const who = `${reading.reader.username} (${reading.column})`;
  if (!reading.view) return [`${who}: could not read person ${String(reading.reference.id)} at all`];
  for (const field of fields) {
    const access = accessOf(reading, field);
    const value = reading.view[field];
    const reference = reading.reference[field];
    const errored = reading.erroredFields.has(field);
    if (access === 'hidden') {
      if (!errored && !isEmptyValue(value)) problems.push(`${who} ${field}: declared hidden, read ${JSON.stringify(value).slice(0, 80)}`);
      continue;
    }
    if (errored) {
      problems.push(`${who} ${field}: declared ${access}, the field answered with an error`);
      continue;
    }
    if (access === 'masked') {
      if (isEmptyValue(reference)) continue;
      if (typeof value !== 'string' || !value.includes('*')) problems.push(`${who} ${field}: declared masked, read ${JSON.stringify(value)}`);
      continue;
    }
    // read
    if (isEmptyValue(reference)) continue;
    if (isEmptyValue(value)) problems.push(`${who} ${field}: declared read, got nothing (county.admin reads ${JSON.stringify(reference).slice(0, 60)})`);
    else if (isPlain(reference) && value !== reference) problems.push(`${who} ${field}: declared read, got ${JSON.stringify(value)} instead of ${JSON.stringify(reference)}`);
  }
  // §8.8: nothing the reader holds rebuilds a protected number.
  if (unknownIdDigits(reading.view) < 3) {
    problems.push(`${who}: idNumber ${JSON.stringify(reading.view.idNumber)} with birthDate ${JSON.stringify(reading.view.birthDate)} leaves fewer than 3 unknown digits`);
  }
  if (typeof reading.view.phone === 'string' && digits(reading.view.phone) > 4) problems.push(`${who}: phone ${reading.view.phone} shows more than the last 4 digits`);
  return problems;
}

describe('security: who reads which Person field (§8.8, declared in test/security/policy.ts)', () => {
  const personFields = Object.keys(personType.getFields()).sort();
  const readings: Reading[] = [];
  const exercised = new Map<string, Set<string>>();
  const queueReporters = new Map<string, { ids: string[]; unreadable: string[] }>();

  it('declares every Person field of the public schema, and no other', () => {
    expect(isObjectType(personType)).toBe(true);
    expect(Object.keys(PERSON_FIELD_POLICY).sort()).toEqual(personFields);
  });

  it('declares a reader column for every role but residents (they read only themselves: self)', () => {
    const roles = [...new Set(DEMO_USERS.map((user) => columnOf(user)))].sort();
    expect([...PERSON_READERS].sort()).toEqual(roles);
    for (const field of Object.keys(PERSON_FIELD_POLICY)) expect(Object.keys(PERSON_FIELD_POLICY[field]).sort()).toEqual([...PERSON_READERS].sort());
  });

  describe('every demo user reads persons of their area as declared', () => {
    beforeAll(async () => {
      for (const user of DEMO_USERS) await demoToken(user.username);
      const subjects = await subjectsOfG111();
      const ids = [...subjects.keys()];
      const inG111 = DEMO_USERS.filter((user) => !['department-staff', 'resident'].includes(user.role) && G111.startsWith(user.areaCode));
      for (const user of inG111) {
        const views = await readPersons(user, ids);
        views.forEach(({ view, erroredFields }, index) =>
          readings.push({ reader: user, column: columnOf(user), view, erroredFields, reference: subjects.get(ids[index])! }),
        );
      }
      // Department staff: the reporters of cases dispatched to their department (need to know).
      for (const user of DEMO_USERS.filter((candidate) => candidate.role === 'department-staff')) {
        const queue = await as<{ departmentQueue: { edges: Array<{ node: { reporter: { id: string } | null } }> } }>(
          user.username,
          `query Q($code: String!) { departmentQueue(departmentCode: $code, first: 50) { edges { node { reporter { id } } } } }`,
          { code: user.departmentCode },
        );
        const reporterIds = [...new Set(queue.data?.departmentQueue.edges.map((edge) => edge.node.reporter?.id).filter((id): id is string => Boolean(id)))].slice(0, 10);
        const references = await readPersons(DEMO_USERS[0], reporterIds);
        const views = await readPersons(user, reporterIds);
        queueReporters.set(user.username, { ids: reporterIds, unreadable: reporterIds.filter((_, index) => !views[index].view) });
        let readable = views.map((view, index) => ({ ...view, reference: references[index].view })).filter((entry) => entry.view && entry.reference);
        if (readable.length === 0 && reporterIds.length > 0) {
          // None reachable through its cases: the department looks the first one up, with a purpose (audited).
          const revealed = await as<{ revealPersonalData: { value: string | null } }>(
            'county.admin',
            `mutation R($id: ID!) { revealPersonalData(input: { personId: $id, field: ID_NUMBER, purpose: "security test: department field policy" }) { value } }`,
            { id: reporterIds[0] },
          );
          const idNumber = revealed.data?.revealPersonalData.value;
          if (idNumber) {
            await as(user.username, `mutation L($n: String!) { lookUpPerson(input: { idNumber: $n, purpose: "security test: department field policy" }) { person { id } } }`, {
              n: idNumber,
            });
            const [view] = await readPersons(user, [reporterIds[0]]);
            readable = [{ ...view, reference: references[0].view }].filter((entry) => entry.view && entry.reference);
          }
        }
        if (readable.length === 0 && reporterIds.length > 0) {
          readings.push({ reader: user, column: 'department-staff', view: null, erroredFields: new Set(), reference: { id: reporterIds[0] } });
        }
        for (const { view, erroredFields, reference } of readable.slice(0, 3)) {
          readings.push({ reader: user, column: 'department-staff', view, erroredFields, reference: reference! });
        }
      }
      // A resident: their own Person.
      const resident = DEMO_USERS.find((user) => user.role === 'resident')!;
      const own = await as<{ myPerson: { id: string } | null }>(resident.username, '{ myPerson { id } }');
      if (own.data?.myPerson) {
        const [reference] = await readPersons(DEMO_USERS[0], [own.data.myPerson.id]);
        const self = await as<{ myPerson: PersonView | null }>(resident.username, `{ myPerson { ${personSelection()} } }`);
        const erroredFields = new Set((self.errors ?? []).filter((error) => (error.path?.length ?? 0) > 1).map((error) => String(error.path![1])));
        readings.push({ reader: resident, column: 'self', view: self.data?.myPerson ?? null, erroredFields, reference: reference.view ?? {} });
      }
      for (const reading of readings) {
        for (const field of personFields) {
          if (!isEmptyValue(reading.reference[field])) exercised.set(reading.column, (exercised.get(reading.column) ?? new Set()).add(field));
        }
      }
    }, 120_000);

    it('§8.8 department staff read the reporters of the open cases dispatched to them (need to know)', () => {
      const departments = [...queueReporters.entries()];
      expect(departments.length).toBe(DEMO_USERS.filter((user) => user.role === 'department-staff').length);
      expect(departments.some(([, reporters]) => reporters.ids.length > 0)).toBe(true);
      expect(departments.filter(([, reporters]) => reporters.unreadable.length > 0).map(([username, reporters]) => `${username}: ${reporters.unreadable.join(', ')}`)).toEqual([]);
    });

    it('the demo resident\'s login is linked to a Person (§8.7), read through myPerson', () => {
      expect(readings.some((reading) => reading.column === 'self' && reading.view !== null)).toBe(true);
    });

    it.each(PERSON_READERS)('%s reads each Person field as declared, and cannot rebuild an ID or phone number', (column) => {
      const mine = readings.filter((reading) => reading.column === column);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.flatMap((reading) => check(reading, personFields))).toEqual([]);
      // The table is exercised: the reader met a value in at least half the fields (a field no subject has a value in is only checked for hidden).
      expect(exercised.get(column)?.size ?? 0).toBeGreaterThanOrEqual(Math.ceil(personFields.length / 2));
    });
  });
});

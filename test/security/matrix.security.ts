import { ALL_ROLES } from '@lianxin/auth';
import { graphqlRequest, tokenFor } from '@lianxin/testing';
import { demoToken } from './tokens.js';
import { writeFileSync } from 'node:fs';
import type { GraphQLField } from 'graphql';
import { GATEWAY_URL } from '../e2e/gateway.js';
import { effectiveArea, fetchDemoRecords, insideCode, isInside, neighbourCode, outsideCode, type DemoRecords } from './demo.js';
import { MUTATION_FIXTURES, QUERY_FIXTURES, type Fixture, type Variant } from './fixtures.js';
import {
  classify,
  hasArgumentPath,
  merge,
  MISSING_ID,
  operationText,
  publicSchema,
  requiredArguments,
  rootFields,
  setPath,
  type GraphQLAnswer,
  type OperationKind,
  type Outcome,
} from './operations.js';
import { DEMO_USERS, MUTATION_POLICY, QUERY_POLICY, ROLES, type DemoUser, type FieldPolicy } from './policy.js';

/**
 * Issue 13, "Must show": every root Query and Mutation field of the public schema × every demo user ×
 * inside / outside the user's area, sent through the gateway with the user's real Keycloak token and
 * checked against the declared policy (policy.ts):
 *
 *   refused    a role the policy does not name                   → FORBIDDEN
 *   nothing    outside the caller's area, or a record that is not → FORBIDDEN, NOT_FOUND, null or empty
 *              theirs for a role that sees only its own
 *   readable   a record of the caller's area, for a role that     → the record
 *              reads the area
 *   permitted  the role may call it here                          → anything but FORBIDDEN, UNAUTHENTICATED
 *                                                                    or an internal error (a made-up id's
 *                                                                    NOT_FOUND, a refused value's
 *                                                                    BAD_USER_INPUT or CONFLICT show the
 *                                                                    call got past authorization)
 *   own        a role that sees only its own, asking for a list   → anything but UNAUTHENTICATED or an
 *                                                                    internal error (which rows come back is
 *                                                                    for the named tests)
 *
 * Writes are sent so that they change nothing (fixtures.ts). Requests run 8 at a time.
 */

type Expectation = 'refused' | 'nothing' | 'readable' | 'permitted' | 'own';

const ACCEPTED: Record<Expectation, readonly Outcome[]> = {
  refused: ['FORBIDDEN'],
  nothing: ['FORBIDDEN', 'NOT_FOUND', 'EMPTY'],
  readable: ['DATA'],
  permitted: ['DATA', 'EMPTY', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT'],
  own: ['DATA', 'EMPTY', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN'],
};

interface Cell {
  kind: OperationKind;
  field: GraphQLField<unknown, unknown>;
  user: DemoUser;
  variant: Variant;
  expectation: Expectation;
  variables: Record<string, unknown>;
  answer?: GraphQLAnswer;
}

const schema = publicSchema();
const KINDS: readonly OperationKind[] = ['Query', 'Mutation'];
const POLICIES: Record<OperationKind, Record<string, FieldPolicy>> = { Query: QUERY_POLICY, Mutation: MUTATION_POLICY };
const FIXTURES: Record<OperationKind, Record<string, Fixture>> = { Query: QUERY_FIXTURES, Mutation: MUTATION_FIXTURES };
const CONCURRENCY = 8;

function passesRoleCheck(policy: FieldPolicy, user: DemoUser): boolean {
  if (!policy.roles.includes(user.role)) return false;
  if (user.role === 'department-staff' && policy.departments) return policy.departments.includes(user.departmentCode ?? '');
  return true;
}

function expectationFor(policy: FieldPolicy, user: DemoUser, variant: Variant): Expectation {
  if (!passesRoleCheck(policy, user)) return 'refused';
  if (variant === 'outside') return 'nothing';
  const ownOnly = policy.ownOnly?.includes(user.role) ?? false;
  if (policy.scope.kind === 'entity') return ownOnly ? 'nothing' : 'readable';
  return ownOnly ? 'own' : 'permitted';
}

let unique = 0;

/** The calls for one field and one user: inside and outside their area where the field takes an area or a located record. */
function cellsFor(kind: OperationKind, field: GraphQLField<unknown, unknown>, user: DemoUser, records: DemoRecords): Cell[] {
  const policy = POLICIES[kind][field.name];
  if (!policy) return [];
  const fixture = FIXTURES[kind][field.name] ?? {};
  const scope = policy.scope;
  const area = effectiveArea(user, 'reach' in scope ? scope.reach : undefined);
  const refused = !passesRoleCheck(policy, user);

  const build = (variant: Variant, place: (variables: Record<string, unknown>) => string | undefined): Cell => {
    const variables = requiredArguments(field);
    const code = place(variables);
    if (fixture.vars) {
      merge(variables, fixture.vars({ user, variant, code, records, unique: `${Date.now().toString(36)}-${(unique += 1)}` }));
    }
    return { kind, field, user, variant, expectation: expectationFor(policy, user, variant), variables };
  };

  if (scope.kind === 'area') {
    const inside = build('inside', (variables) => {
      const code = insideCode(area, scope.level);
      setPath(variables, scope.arg, code);
      return code;
    });
    if (refused) return [inside];
    const outside = build('outside', (variables) => {
      const code = fixture.outsideNeighbour ? neighbourCode(scope.level, area) : outsideCode(area, scope.level);
      setPath(variables, scope.arg, code);
      return code;
    });
    return [inside, outside];
  }
  if (scope.kind === 'entity') {
    const record = records[scope.entity];
    if (!record) {
      // No such record in the demo data: a made-up id checks the role gate only.
      const cell = build('none', (variables) => (setPath(variables, scope.arg, MISSING_ID), undefined));
      return [{ ...cell, expectation: refused ? 'refused' : cell.expectation === 'readable' ? 'permitted' : 'own' }];
    }
    const variant: Variant = isInside(area, record.areaCode) ? 'inside' : 'outside';
    return [build(variant, (variables) => (setPath(variables, scope.arg, record.key), record.areaCode))];
  }
  return [build('none', () => undefined)];
}

async function send(cell: Cell): Promise<GraphQLAnswer> {
  const token = await tokenFor(cell.user.username);
  return graphqlRequest(GATEWAY_URL, operationText(cell.kind, cell.field, cell.variables), { token, variables: cell.variables });
}

async function inPool<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next];
        next += 1;
        await work(item);
      }
    }),
  );
}

function describeCell(cell: Cell): string {
  const outcome = classify(cell.answer ?? {});
  const scope = POLICIES[cell.kind][cell.field.name]?.scope;
  const argument = scope && 'arg' in scope ? ` ${scope.arg}=${JSON.stringify(readPath(cell.variables, scope.arg))}` : '';
  return `${cell.user.username} (${cell.user.role}) ${cell.variant}${argument}: expected ${cell.expectation} [${ACCEPTED[cell.expectation].join('|')}], got ${outcome.outcome} — ${outcome.detail}`;
}

function readPath(variables: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), variables);
}

function summary(policy: FieldPolicy | undefined): string {
  if (!policy) return 'NOT DECLARED in test/security/policy.ts';
  const roles = policy.roles.length === ROLES.length ? 'every role' : policy.roles.join(', ');
  const scope = policy.scope.kind === 'area' || policy.scope.kind === 'entity' ? `${policy.scope.kind} (${policy.scope.arg})` : policy.scope.kind;
  return `${roles}; ${scope}${policy.ownOnly ? `; own only: ${policy.ownOnly.join(', ')}` : ''}`;
}

describe('security policy table (test/security/policy.ts) and the public schema', () => {
  it('names exactly the roles of libs/auth', () => {
    expect([...ROLES].sort()).toEqual([...ALL_ROLES].sort());
  });

  it('has a demo user for every role', () => {
    expect([...new Set(DEMO_USERS.map((user) => user.role))].sort()).toEqual([...ROLES].sort());
  });

  it.each(KINDS)('declares every root %s field of the public schema (a new operation is declared before it ships)', (kind) => {
    const undeclared = rootFields(schema, kind)
      .map((field) => field.name)
      .filter((name) => !POLICIES[kind][name]);
    expect(undeclared).toEqual([]);
  });

  it.each(KINDS)('declares no %s field the public schema lacks', (kind) => {
    const names = new Set(rootFields(schema, kind).map((field) => field.name));
    expect(Object.keys(POLICIES[kind]).filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(KINDS)('names only arguments the %s fields have, and fixtures only for declared fields', (kind) => {
    const fields = new Map(rootFields(schema, kind).map((field) => [field.name, field]));
    const wrong: string[] = [];
    for (const [name, policy] of Object.entries(POLICIES[kind])) {
      const field = fields.get(name);
      if (field && 'arg' in policy.scope && !hasArgumentPath(field, policy.scope.arg)) wrong.push(`${name}: no argument ${policy.scope.arg}`);
      if (policy.roles.length === 0) wrong.push(`${name}: names no role`);
    }
    for (const name of Object.keys(FIXTURES[kind])) if (!POLICIES[kind][name]) wrong.push(`fixture for undeclared ${name}`);
    expect(wrong).toEqual([]);
  });
});

describe('security matrix: every root field × every demo role × inside/outside the area, against the declared policy', () => {
  const cells: Cell[] = [];
  let records: DemoRecords = {};

  beforeAll(async () => {
    const started = Date.now();
    // One token per user, one after the other: Keycloak's brute-force guard counts parallel grants of one user.
    for (const user of DEMO_USERS) await demoToken(user.username);
    const asCountyAdmin = async (query: string) => graphqlRequest(GATEWAY_URL, query, { token: await tokenFor('county.admin') });
    // What is the demo resident's own (their Person, the cases they reported), so that the records asked for are not.
    const resident = await graphqlRequest<{ myPerson: { id: string } | null; cases: { edges: Array<{ node: { id: string } }> } }>(
      GATEWAY_URL,
      '{ myPerson { id } cases(first: 100) { edges { node { id } } } }',
      { token: await tokenFor('resident.demo') },
    );
    records = await fetchDemoRecords(asCountyAdmin, {
      personIds: resident.data?.myPerson ? [resident.data.myPerson.id] : [],
      caseIds: resident.data?.cases.edges.map((edge) => edge.node.id) ?? [],
    });
    for (const kind of KINDS) {
      for (const field of rootFields(schema, kind)) for (const user of DEMO_USERS) cells.push(...cellsFor(kind, field, user, records));
    }
    await inPool(cells, async (cell) => {
      cell.answer = await send(cell);
    });
    const tally = new Map<string, number>();
    for (const cell of cells) {
      const key = `${cell.expectation} → ${classify(cell.answer ?? {}).outcome}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    // SECURITY_MATRIX_REPORT=file.tsv writes every call and its answer, for review.
    if (process.env.SECURITY_MATRIX_REPORT) {
      const rows = cells.map((cell) => {
        const outcome = classify(cell.answer ?? {});
        return [`${cell.kind}.${cell.field.name}`, cell.user.username, cell.variant, cell.expectation, outcome.outcome, JSON.stringify(cell.variables), outcome.detail].join('\t');
      });
      writeFileSync(process.env.SECURITY_MATRIX_REPORT, `${['field', 'user', 'variant', 'expected', 'outcome', 'variables', 'detail'].join('\t')}\n${rows.join('\n')}\n`);
    }
    console.log([...tally].sort().map(([key, count]) => `${key}: ${count}`).join('\n'));
    console.log(`security matrix: ${cells.length} calls in ${((Date.now() - started) / 1000).toFixed(1)} s; demo records: ${Object.keys(records).sort().join(', ')}`);
  }, 240_000);

  for (const kind of KINDS) {
    for (const field of rootFields(schema, kind)) {
      const policy = POLICIES[kind][field.name];
      it(`${kind}.${field.name}: ${summary(policy)}`, () => {
        expect(policy).toBeDefined();
        const mine = cells.filter((cell) => cell.kind === kind && cell.field.name === field.name);
        expect(mine.length).toBeGreaterThanOrEqual(DEMO_USERS.length);
        const wrong = mine.filter((cell) => !ACCEPTED[cell.expectation].includes(classify(cell.answer ?? {}).outcome)).map(describeCell);
        expect(wrong).toEqual([]);
      });
    }
  }
});

describe('security matrix: no token', () => {
  it('every root field of the public schema answers UNAUTHENTICATED without a token', async () => {
    const calls = KINDS.flatMap((kind) => rootFields(schema, kind).map((field) => ({ kind, field })));
    const wrong: string[] = [];
    await inPool(calls, async ({ kind, field }) => {
      const variables = requiredArguments(field);
      const answer = await graphqlRequest(GATEWAY_URL, operationText(kind, field, variables), { variables });
      const outcome = classify(answer);
      if (outcome.outcome !== 'UNAUTHENTICATED' || answer.status !== 401) wrong.push(`${kind}.${field.name}: HTTP ${answer.status} ${outcome.outcome} — ${outcome.detail}`);
    });
    expect(wrong).toEqual([]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { graphqlRequest, tokenFor, type GraphQLResponse, type TestDatabase, type TestNatsServer } from '@lianxin/testing';
import { startPeople } from './harness.js';

const GRID = '330402001001001'; // grid.worker's and grid.leader's grid

/**
 * Issue 17, conflicts that say what differs: two edits of one person or household made from the same
 * version. Disjoint fields merge; the same field is CONFLICT with the current version and the fields, and
 * the second value waits in the grid leader's list (who, when, which device) until they resolve it.
 */
describe('people: stale edits merge or wait for the grid leader (issue 17)', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;
  let personId: string;
  let householdId: string;

  const gql = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(url, query, { token: await tokenFor(user), variables });
  const UPDATE = 'mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { person { name address residenceStatus version } } }';
  const read = async () =>
    (await gql<{ person: { name: string; address: string | null; residenceStatus: string; version: number } }>('grid.leader', `{ person(id: "${personId}") { name address residenceStatus version } }`)).data!.person;
  const CONFLICTS = `query ($filter: EditConflictFilter) { editConflicts(first: 20, filter: $filter) { totalCount edges { node {
    id entityType entityId field proposedValue baseVersion currentVersion proposedByName proposedAt proposedDevice currentChangedBy currentDevice status person { name }
  } } } }`;

  beforeAll(async () => {
    ({ app, url, nats, database } = await startPeople('people_edit_conflicts'));
    const person = await gql<{ registerPerson: { person: { id: string } } }>('grid.worker', 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', {
      input: { name: '陈小梅', idNumber: '330402198001010014', gridCode: GRID, address: '禾兴南路1号' },
    });
    personId = person.data!.registerPerson.person.id;
    const household = await gql<{ createHousehold: { household: { id: string } } }>('grid.worker', 'mutation ($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }', {
      input: { gridCode: GRID, address: '禾兴南路1号', headId: personId },
    });
    householdId = household.data!.createHousehold.household.id;
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await database?.drop();
  });

  it('edits of disjoint fields from the same version both apply', async () => {
    const { version } = await read();
    const first = await gql<{ updatePerson: { person: { version: number } } }>('grid.worker', UPDATE, { input: { id: personId, address: '禾兴南路2号', expectedVersion: version, deviceId: 'phone-zhou' } });
    expect(first.errors).toBeUndefined();
    const second = await gql<{ updatePerson: { person: { name: string; address: string; residenceStatus: string; version: number } } }>('grid.leader', UPDATE, {
      input: { id: personId, residenceStatus: 'FLOATING', expectedVersion: version, deviceId: 'tablet-huang' },
    });
    expect(second.errors).toBeUndefined();
    expect(second.data!.updatePerson.person).toMatchObject({ address: '禾兴南路2号', residenceStatus: 'FLOATING', version: version + 2 });
  });

  it('the same field from a stale version: CONFLICT with the current version and the fields; merged the rest; the value waits for the leader', async () => {
    const { version } = await read();
    expect((await gql('grid.worker', UPDATE, { input: { id: personId, address: '禾兴南路3号', expectedVersion: version, deviceId: 'phone-zhou' } })).errors).toBeUndefined();
    const stale = await gql('grid.leader', UPDATE, {
      input: { id: personId, address: '禾兴南路9号', name: '陈晓梅', expectedVersion: version, deviceId: 'tablet-huang', occurredAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: version + 2,
      conflictingFields: ['address'],
      mergedFields: ['name'],
    });
    const conflictIds = stale.errors![0]!.extensions!.conflictIds as string[];
    expect(conflictIds).toHaveLength(1);
    expect(await read()).toMatchObject({ name: '陈晓梅', address: '禾兴南路3号', version: version + 2 });

    // The grid leader's list says who changed what, when, from which device, on both sides.
    const listed = await gql<{ editConflicts: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>('grid.leader', CONFLICTS, {});
    expect(listed.errors).toBeUndefined();
    const node = listed.data!.editConflicts.edges.find((edge) => edge.node.id === conflictIds[0])!.node;
    expect(node).toMatchObject({
      entityType: 'PERSON',
      entityId: personId,
      field: 'address',
      proposedValue: '禾兴南路9号',
      baseVersion: version,
      currentVersion: version + 1,
      proposedByName: 'grid.leader',
      proposedDevice: 'tablet-huang',
      currentDevice: 'phone-zhou',
      status: 'OPEN',
      person: { name: '陈晓梅' },
    });
    expect(node.currentChangedBy).toEqual(expect.any(String));

    // Outside the area: nothing listed, nothing to resolve.
    const outside = await gql<{ editConflicts: { totalCount: number } }>('grid.worker2', CONFLICTS, {});
    expect(outside.data?.editConflicts.totalCount ?? 0).toBe(0);
    const refused = await gql('grid.worker2', 'mutation ($input: ResolveEditConflictInput!) { resolveEditConflict(input: $input) { conflict { id } } }', { input: { id: conflictIds[0], accept: true } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The leader takes the proposed value.
    const resolved = await gql<{ resolveEditConflict: { conflict: { status: string } } }>('grid.leader', 'mutation ($input: ResolveEditConflictInput!) { resolveEditConflict(input: $input) { conflict { status } } }', {
      input: { id: conflictIds[0], accept: true, note: '核实后为9号' },
    });
    expect(resolved.errors).toBeUndefined();
    expect(resolved.data!.resolveEditConflict.conflict.status).toBe('ACCEPTED');
    expect((await read()).address).toBe('禾兴南路9号');
    const again = await gql('grid.leader', 'mutation ($input: ResolveEditConflictInput!) { resolveEditConflict(input: $input) { conflict { status } } }', { input: { id: conflictIds[0], accept: false } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a sensitive field (phone) is a plain CONFLICT and is not parked', async () => {
    const { version } = await read();
    expect((await gql('grid.worker', UPDATE, { input: { id: personId, phone: '13900001111', expectedVersion: version } })).errors).toBeUndefined();
    const stale = await gql('grid.leader', UPDATE, { input: { id: personId, phone: '13900002222', expectedVersion: version } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', conflictingFields: ['phone'], conflictIds: [] });
  });

  it('households merge the same way', async () => {
    const HH = 'mutation ($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { address version } } }';
    const readHousehold = async () => (await gql<{ household: { address: string; version: number } }>('grid.leader', `{ household(id: "${householdId}") { address version } }`)).data!.household;
    const { version } = await readHousehold();
    expect((await gql('grid.worker', HH, { input: { id: householdId, address: '禾兴南路5号', expectedVersion: version } })).errors).toBeUndefined();
    const stale = await gql('grid.leader', HH, { input: { id: householdId, address: '禾兴南路6号', expectedVersion: version } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1, conflictingFields: ['address'], mergedFields: [] });
    const listed = await gql<{ editConflicts: { edges: Array<{ node: { entityType: string; field: string; proposedValue: string } }> } }>('grid.leader', CONFLICTS, { filter: { entityId: householdId } });
    expect(listed.data!.editConflicts.edges.map((edge) => edge.node)).toEqual([expect.objectContaining({ entityType: 'HOUSEHOLD', field: 'address', proposedValue: '禾兴南路6号' })]);
  });

  it('registerPerson and createHousehold sent twice with one key write once and return the first result', async () => {
    const REGISTER = 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }';
    const input = { name: '吴小军', idNumber: '330402199002020024', gridCode: GRID, idempotencyKey: 'f0b1c2d3-0000-4000-8000-000000000017' };
    const first = await gql<{ registerPerson: { person: { id: string } } }>('grid.worker', REGISTER, { input });
    const again = await gql<{ registerPerson: { person: { id: string } } }>('grid.worker', REGISTER, { input });
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(again.data!.registerPerson.person.id).toBe(first.data!.registerPerson.person.id);
    const other = await gql('grid.worker', REGISTER, { input: { ...input, name: '吴晓军' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['name'] });
    const HOUSEHOLD = 'mutation ($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }';
    const household = { gridCode: GRID, address: '禾兴南路7号', idempotencyKey: 'f0b1c2d3-0000-4000-8000-000000000018' };
    const h1 = await gql<{ createHousehold: { household: { id: string } } }>('grid.worker', HOUSEHOLD, { input: household });
    const h2 = await gql<{ createHousehold: { household: { id: string } } }>('grid.worker', HOUSEHOLD, { input: household });
    expect(h2.data!.createHousehold.household.id).toBe(h1.data!.createHousehold.household.id);
  });

  it('importPeople sent again with its key answers the first report and imports nothing twice', async () => {
    const csv = ['姓名,性别,出生日期,身份证号,手机号,户号,是否户主,地址,网格编码,标签', '李四,女,,330402198203030021,,,,,330402001001001,'].join('\n');
    const IMPORT = 'mutation ($input: ImportPeopleInput!) { importPeople(input: $input) { rows created updated unchanged failed errors { row column reason } } }';
    const input = { contentBase64: Buffer.from(csv).toString('base64'), format: 'CSV', idempotencyKey: 'f0b1c2d3-0000-4000-8000-000000000019' };
    const first = await gql<{ importPeople: { created: number } }>('grid.worker', IMPORT, { input });
    const again = await gql<{ importPeople: { created: number } }>('grid.worker', IMPORT, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importPeople).toMatchObject({ rows: 1, created: 1, failed: 0 });
    expect(again.data!.importPeople).toEqual(first.data!.importPeople);
    const plain = await gql<{ importPeople: { created: number; unchanged: number } }>('grid.worker', IMPORT, { input: { ...input, idempotencyKey: undefined } });
    expect(plain.data!.importPeople.created).toBe(0);
  });
});

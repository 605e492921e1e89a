import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { queryCounter } from '@lianxin/db';
import {
  errorCodes,
  graphqlRequest,
  publishEnvelope,
  tokenFor,
  type GraphQLResponse,
  type TestDatabase,
  type TestNatsServer,
} from '@lianxin/testing';

import { startPeople } from './harness.js';
/**
 * The people subgraph in-process on a fresh database, with a private NATS and real Keycloak tokens.
 * Fixture persons: A in 330402001001001 (grid.worker's grid), B in 330402001002001 (grid.worker2's),
 * C in 330402002001001 (another township), R = resident.demo's own record in A's grid, and O in
 * 330411 (another county). A reported a case that was dispatched to CIVIL_AFFAIRS and to
 * PUBLIC_SECURITY (cases.case.dispatched events), so civil.staff and police.staff need to know A (§8.8).
 */
describe('people subgraph', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;
  const ids: Record<'A' | 'B' | 'C' | 'R' | 'O', string> = { A: '', B: '', C: '', R: '', O: '' };
  const ID_A = '330402198001010014';
  const PHONE_A = '13812345678';

  const gql = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(url, query, { token: await tokenFor(user), variables });

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return app.get(MikroORM).em.fork().getConnection().execute<T[]>(text, params);
  };
  const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(text, params))[0].n);

  const subjectOf = async (user: string) => JSON.parse(Buffer.from((await tokenFor(user)).split('.')[1], 'base64url').toString('utf8')).sub as string;

  const register = async (user: string, input: Record<string, unknown>): Promise<string> => {
    const response = await gql<{ registerPerson: { person: { id: string } } }>(
      user,
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
      { input },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.registerPerson.person.id;
  };

  beforeAll(async () => {
    ({ app, url, nats, database } = await startPeople('people', { DATABASE_COUNT_QUERIES: 'true' }));

    ids.A = await register('grid.worker', { name: '张三', idNumber: ID_A, gridCode: '330402001001001', phone: PHONE_A, address: '禾兴南路1号', tagCodes: ['ELDERLY', 'COMMUNITY_CORRECTION'] });
    ids.B = await register('grid.worker2', { name: '李四', idNumber: '330402199002020024', gridCode: '330402001002001', birthDate: '1990-02-02' });
    ids.C = await register('xinjia.admin', { name: '王五', idNumber: '330402200003030035', gridCode: '330402002001001', residenceStatus: 'FLOATING' });
    ids.R = await register('grid.leader', {
      name: '陈晓梅',
      idNumber: '330402198707070043',
      gridCode: '330402001001001',
      userId: await subjectOf('resident.demo'),
      tagCodes: ['DRUG_REHAB'],
    });
    const { PersonService } = await import('../src/person/person.service.js');
    const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
    await RequestContext.create(app.get(MikroORM).em, async () => {
      const outside = await app.get(PersonService).register('system', { name: '赵六', idNumber: '330411197505050054', gridCode: '330411001001001' });
      ids.O = outside.id;
    });
    for (const department of ['CIVIL_AFFAIRS', 'PUBLIC_SECURITY']) {
      const caseId = randomUUID();
      // The CASES stream exists once the consumer has subscribed: retry until the publish is accepted.
      for (let attempt = 0; ; attempt += 1) {
        try {
          await publishEnvelope(nats.url, {
            type: 'cases.case.dispatched',
            areaCode: '330402001001001',
            actor: 'test',
            data: { caseId, reporterPersonId: ids.A, assigneeDepartmentCode: department, gridCode: '330402001001001' },
          });
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }
    for (let attempt = 0; attempt < 100 && (await count('select count(*) as n from department_case_person')) < 2; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await database?.drop();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  it('starts with the focus-tag catalogue, hiding special populations from roles that do not need them', async () => {
    const { INITIAL_TAGS } = await import('../src/tag/tag-catalogue.js');
    const query = '{ tags(first: 100) { totalCount edges { node { code nameZh nameEn category sensitive } } } }';
    const admin = await gql<{ tags: { edges: Array<{ node: object }> } }>('county.admin', query);
    expect(admin.data!.tags.edges.map((edge) => edge.node)).toEqual(expect.arrayContaining(INITIAL_TAGS));
    expect(admin.data!.tags.edges).toHaveLength(INITIAL_TAGS.length);
    const civil = await gql<{ tags: { edges: Array<{ node: { sensitive: boolean } }> } }>('civil.staff', query);
    expect(civil.data!.tags.edges.every((edge) => !edge.node.sensitive)).toBe(true);
    expect(civil.data!.tags.edges).toHaveLength(INITIAL_TAGS.filter((tag) => !tag.sensitive).length);
  });

  it('keeps ID and phone numbers encrypted in the database and masked in the API', async () => {
    const [row] = await sql<Record<string, unknown>>('select * from person where id = ?', [ids.A]);
    const dump = JSON.stringify(row, (_key, value) => (value?.type === 'Buffer' ? Buffer.from(value.data).toString('latin1') : value));
    expect(dump).not.toContain(ID_A);
    expect(dump).not.toContain(PHONE_A);
    expect(dump).not.toContain(ID_A.slice(6, 14)); // not even the birth-date digits
    const { PersonalDataVault } = await import('../src/personal-data/personal-data-vault.js');
    const vault = app.get(PersonalDataVault);
    expect(vault.open('idNumber', row.id_number_sealed as Buffer)).toBe(ID_A);
    expect(vault.open('phone', row.phone_sealed as Buffer)).toBe(PHONE_A);
    const read = await gql<{ person: { idNumber: string; phone: string } }>('grid.worker', `{ person(id: "${ids.A}") { idNumber phone } }`);
    expect(read.data!.person).toEqual({ idNumber: '330402************', phone: '*******5678' });
  });

  it('reveals clear numbers only to roles that need them inside their area, and audits every attempt', async () => {
    const reveal = (user: string, personId: string, field: string) =>
      gql<{ revealPersonalData: { value: string | null } }>(
        user,
        'mutation ($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { personId field value } }',
        { input: { personId, field, purpose: '核实身份信息' } },
      );
    const auditBefore = await count('select count(*) as n from audit_log');
    const allowed: Array<[string, string, string, string]> = [
      ['grid.worker', 'A', 'ID_NUMBER', ID_A],
      ['village.admin', 'A', 'PHONE', PHONE_A],
      ['civil.staff', 'A', 'PHONE', PHONE_A],
      ['police.staff', 'A', 'ID_NUMBER', ID_A],
      ['county.admin', 'B', 'PHONE', ''],
    ];
    for (const [user, person, field, value] of allowed) {
      const response = await reveal(user, ids[person as 'A'], field);
      expect(response.errors).toBeUndefined();
      expect(response.data!.revealPersonalData.value).toBe(value || null);
    }
    const refused: Array<[string, string, string]> = [
      ['grid.worker2', 'A', 'FORBIDDEN'],
      ['jianshe.admin', 'C', 'FORBIDDEN'],
      ['county.admin', 'O', 'FORBIDDEN'],
      ['volunteer.demo', 'A', 'FORBIDDEN'],
      ['county.auditor', 'A', 'FORBIDDEN'],
      ['resident.demo', 'R', 'FORBIDDEN'],
    ];
    for (const [user, person, code] of refused) {
      const response = await reveal(user, ids[person as 'A'], 'ID_NUMBER');
      expect(errorCodes(response)).toEqual([code]);
      expect(response.data).toBeNull();
    }
    expect(await count('select count(*) as n from audit_log')).toBe(auditBefore + allowed.length + refused.length);
    expect(await count('select count(*) as n from audit_log where allowed and action = ?', ['REVEAL'])).toBe(allowed.length);

    const log = await gql<{ auditLog: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
      'county.auditor',
      `{ auditLog(first: 50, filter: { personId: "${ids.A}", action: REVEAL }) { totalCount edges { node { actorUsername actorRoles field purpose allowed refusalReason areaCode } } } }`,
    );
    expect(log.data!.auditLog.totalCount).toBe(7); // 4 allowed + 3 refused about A
    expect(log.data!.auditLog.edges[0].node).toMatchObject({ actorUsername: 'county.auditor', allowed: false, refusalReason: expect.stringContaining('role'), purpose: '核实身份信息' });
    expect(log.data!.auditLog.edges.at(-1)!.node).toMatchObject({ actorUsername: 'grid.worker', actorRoles: ['grid-worker'], field: 'ID_NUMBER', allowed: true, areaCode: '330402001001001' });
    // The auditor's county does not include 330411: the refused attempt on O is not in their log.
    const outside = await gql<{ auditLog: { totalCount: number } }>('county.auditor', `{ auditLog(filter: { personId: "${ids.O}" }) { totalCount } }`);
    expect(outside.data!.auditLog.totalCount).toBe(0);
    expect(errorCodes(await gql('grid.worker', '{ auditLog { totalCount } }'))).toEqual(['FORBIDDEN']);
    // The log is append-only even for the database owner.
    await expect(sql('delete from audit_log')).rejects.toThrow(/append-only/);
  });

  it('shows special-population tags only to roles that need them, also in counts', async () => {
    const tagsOf = async (user: string, id: string) =>
      (await gql<{ person: { tags: Array<{ code: string }> | null } }>(user, `{ person(id: "${id}") { tags { code } } }`)).data!.person.tags?.map((tag) => tag.code) ?? null;
    for (const user of ['county.admin', 'grid.worker', 'grid.leader', 'police.staff', 'county.auditor']) {
      expect(await tagsOf(user, ids.A)).toEqual(['COMMUNITY_CORRECTION', 'ELDERLY']);
    }
    expect(await tagsOf('civil.staff', ids.A)).toEqual(['ELDERLY']);
    expect(await tagsOf('volunteer.demo', ids.A)).toBeNull();
    expect(await tagsOf('resident.demo', ids.R)).toEqual([]);
    const byTag = async (user: string) =>
      (await gql<{ _entities: Array<{ population: { byTag: Array<{ tag: { code: string }; count: number }> } }> }>(
        user,
        '{ _entities(representations: [{ __typename: "Area", code: "330402" }]) { ... on Area { population { byTag { tag { code } count } } } } }',
      )).data!._entities[0].population.byTag.map((entry) => entry.tag.code);
    expect(await byTag('police.staff')).toEqual(['COMMUNITY_CORRECTION', 'DRUG_REHAB', 'ELDERLY']);
    expect(await byTag('civil.staff')).toEqual(['ELDERLY']);
    const filtered = await gql('civil.staff', '{ persons(filter: { tagCodes: ["COMMUNITY_CORRECTION"] }) { totalCount } }');
    expect(filtered.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.tagCodes' });
  });

  it('counts population with SQL aggregates that equal a recount, for grids and areas at once', async () => {
    const persons = await sql<{ id: string; grid_code: string; residence_status: string }>('select id, grid_code, residence_status from person');
    const links = await sql<{ person_id: string; tag_code: string }>(
      // Tags in force on today's day in China, as the service counts them (between 16:00 and 24:00 UTC that is tomorrow in UTC).
      `select person_id, tag_code from person_tag where valid_from <= (now() at time zone 'Asia/Shanghai')::date and (valid_to is null or valid_to >= (now() at time zone 'Asia/Shanghai')::date)`,
    );
    const recount = (prefix: string) => {
      const inside = persons.filter((person) => person.grid_code.startsWith(prefix));
      const insideIds = new Set(inside.map((person) => person.id));
      const byTag: Record<string, number> = {};
      for (const link of links) if (insideIds.has(link.person_id)) byTag[link.tag_code] = (byTag[link.tag_code] ?? 0) + 1;
      const status = (value: string) => inside.filter((person) => person.residence_status === value).length;
      return { total: inside.length, registered: status('REGISTERED_RESIDENT'), floating: status('FLOATING'), away: status('AWAY'), byTag };
    };
    const codes = [['Area', '330402'], ['Area', '330402001'], ['Area', '330402001001'], ['Grid', '330402001001001'], ['Grid', '330402002001001'], ['Grid', '330402003003003']];
    queryCounter.reset();
    const response = await gql<{ _entities: Array<{ population: { total: number; registered: number; floating: number; away: number; byTag: Array<{ tag: { code: string }; count: number }> } }> }>(
      'county.admin',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Area { population { total registered floating away byTag { tag { code } count } } }
         ... on Grid { population { total registered floating away byTag { tag { code } count } } } } }`,
      { representations: codes.map(([__typename, code]) => ({ __typename, code })) },
    );
    expect(response.errors).toBeUndefined();
    response.data!._entities.forEach((entity, index) => {
      const { byTag, ...totals } = entity.population;
      const expected = recount(codes[index][1]);
      expect({ ...totals, byTag: Object.fromEntries(byTag.map((entry) => [entry.tag.code, entry.count])) }).toEqual(expected);
    });
    expect(response.data!._entities[0].population.total).toBe(4);
    // Two queries over the counters per code length (6, 9, 12 and 15 digits), however many areas were asked for.
    expect(queryCounter.matching('population_count')).toHaveLength(4);
    expect(queryCounter.matching('population_tag_count')).toHaveLength(4);
    const outside = await gql('jianshe.admin', '{ _entities(representations: [{ __typename: "Grid", code: "330402002001001" }]) { ... on Grid { population { total } } } }');
    expect(errorCodes(outside)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql('volunteer.demo', '{ _entities(representations: [{ __typename: "Area", code: "330402001001" }]) { ... on Area { population { total } } } }'))).toEqual(['FORBIDDEN']);
  });

  it('moves a person with the residence history and a people.person.moved event, inside the caller\'s area only', async () => {
    const forbidden = await gql('jianshe.admin', 'mutation ($input: MovePersonInput!) { movePerson(input: $input) { person { id } } }', {
      input: { personId: ids.B, toGridCode: '330402002001001', reason: '搬迁' },
    });
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    const moved = await gql<{ movePerson: { person: { gridCode: string; residenceHistory: Array<{ gridCode: string; movedOutAt: string | null; reason: string }> } } }>(
      'jianshe.admin',
      'mutation ($input: MovePersonInput!) { movePerson(input: $input) { person { gridCode residenceHistory { gridCode movedOutAt reason } } } }',
      { input: { personId: ids.B, toGridCode: '330402001003002', reason: '购房搬迁' } },
    );
    expect(moved.errors).toBeUndefined();
    const { gridCode, residenceHistory } = moved.data!.movePerson.person;
    expect(gridCode).toBe('330402001003002');
    expect(residenceHistory.map(({ gridCode: code, reason }) => [code, reason])).toEqual([['330402001002001', 'registered'], ['330402001003002', '购房搬迁']]);
    expect(residenceHistory[0].movedOutAt).not.toBeNull();
    expect(residenceHistory[1].movedOutAt).toBeNull();
    const [event] = await sql<{ envelope: { data: object; areaCode: string } }>(`select envelope from outbox_event where subject = 'people.person.moved'`);
    const version = (await sql<{ version: number }>('select version from person where id = ?', [ids.B]))[0].version;
    expect(event.envelope.data).toEqual({ personId: ids.B, fromGridCode: '330402001002001', toGridCode: '330402001003002', gridCode: '330402001003002', householdId: null, version });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await count('select count(*) as n from outbox_event where published_at is null')) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await count('select count(*) as n from outbox_event where published_at is null')).toBe(0);
  });

  it('creates and moves a whole household, one moved event per member', async () => {
    const d = await register('village.admin', { name: '孙七', idNumber: '330402196001010015', gridCode: '330402001001002' });
    const e = await register('village.admin', { name: '周八', idNumber: '330402196202020025', gridCode: '330402001001002' });
    const created = await gql<{ createHousehold: { household: { id: string; head: { name: string }; members: Array<{ name: string }> } } }>(
      'village.admin',
      'mutation ($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id head { name } members { name } } } }',
      { input: { number: 'H-0001', address: '禾兴北路8号', gridCode: '330402001001002', headId: d, memberIds: [e] } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createHousehold.household.members.map((member) => member.name)).toEqual(['孙七', '周八']);
    const household = created.data!.createHousehold.household.id;
    expect(await count(`select count(*) as n from outbox_event where subject = 'people.household.created' and envelope->'data'->>'householdId' = ?`, [household])).toBe(1);
    const moved = await gql<{ moveHousehold: { household: { gridCode: string; members: Array<{ gridCode: string }> } } }>(
      'village.admin',
      'mutation ($input: MoveHouseholdInput!) { moveHousehold(input: $input) { household { gridCode members { gridCode } } } }',
      { input: { householdId: household, toGridCode: '330402001001003', reason: '整户搬迁' } },
    );
    expect(moved.data!.moveHousehold.household).toEqual({ gridCode: '330402001001003', members: [{ gridCode: '330402001001003' }, { gridCode: '330402001001003' }] });
    expect(await count(`select count(*) as n from outbox_event where subject = 'people.person.moved' and envelope->'data'->>'householdId' = ?`, [household])).toBe(2);
  });

  it('resolves many Person references with one SQL query (DataLoader), and hides those outside the caller\'s area', async () => {
    const { PersonService } = await import('../src/person/person.service.js');
    const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
    const extra: string[] = [];
    await RequestContext.create(app.get(MikroORM).em, async () => {
      const { buildIdNumber } = await import('../src/personal-data/id-number.js');
      const { Sex } = await import('../src/person/person-enums.js');
      for (let i = 0; i < 15; i += 1) {
        const idNumber = buildIdNumber('330402', `1975-03-${String(i + 1).padStart(2, '0')}`, 100 + i * 2, Sex.MALE);
        extra.push((await app.get(PersonService).register('system', { name: `居民${i}`, idNumber, gridCode: '330402001001001' })).id);
      }
    });
    const representations = [...extra, ids.A, ids.C].map((id) => ({ __typename: 'Person', id }));
    queryCounter.reset();
    const response = await gql<{ _entities: Array<{ id: string; name: string } | null> }>(
      'village.admin',
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id name } } }',
      { representations },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities.slice(0, 16).map((person) => person?.id)).toEqual([...extra, ids.A]);
    expect(response.data!._entities[16]).toBeNull();
    expect(queryCounter.matching('person')).toHaveLength(1);
  });

  it('lets each role read only its own area (residents only themselves), with names only for volunteers', async () => {
    const read = (user: string, id: string) => gql<{ person: { name: string; idNumber: string | null; birthDate: string | null } }>(user, `{ person(id: "${id}") { name idNumber birthDate } }`);
    const matrix: Array<[string, Partial<Record<keyof typeof ids, 'ok' | 'FORBIDDEN'>>]> = [
      ['grid.worker', { A: 'ok', R: 'ok', B: 'FORBIDDEN', C: 'FORBIDDEN', O: 'FORBIDDEN' }],
      ['grid.worker2', { A: 'FORBIDDEN' }],
      ['village.admin', { A: 'ok', C: 'FORBIDDEN' }],
      ['jianshe.admin', { A: 'ok', B: 'ok', C: 'FORBIDDEN' }],
      ['xinjia.admin', { C: 'ok', A: 'FORBIDDEN' }],
      ['county.admin', { A: 'ok', B: 'ok', C: 'ok', O: 'FORBIDDEN' }],
      // §8.8 department staff: only the persons of their cases (A), not the rest of the county.
      ['civil.staff', { A: 'ok', C: 'FORBIDDEN', B: 'FORBIDDEN', O: 'FORBIDDEN' }],
      ['county.auditor', { A: 'ok' }],
      ['volunteer.demo', { A: 'ok', C: 'FORBIDDEN' }],
      ['resident.demo', { R: 'ok', A: 'FORBIDDEN' }],
    ];
    for (const [user, expectations] of matrix) {
      for (const [person, outcome] of Object.entries(expectations)) {
        const response = await read(user, ids[person as keyof typeof ids]);
        if (outcome === 'ok') expect([user, person, response.errors]).toEqual([user, person, undefined]);
        else expect([user, person, errorCodes(response)]).toEqual([user, person, [outcome]]);
      }
    }
    expect((await read('volunteer.demo', ids.A)).data!.person).toEqual({ name: '张三', idNumber: null, birthDate: null });
    expect((await read('civil.staff', ids.A)).data!.person).toEqual({ name: '张三', idNumber: '330402************', birthDate: '1980-01-01' });
    expect((await read('county.auditor', ids.A)).data!.person).toEqual({ name: '张三', idNumber: '330402************', birthDate: null });
    const mine = await gql<{ myPerson: { id: string } }>('resident.demo', '{ myPerson { id } }');
    expect(mine.data!.myPerson.id).toBe(ids.R);
    const listed = async (user: string) => (await gql<{ persons: { totalCount: number } }>(user, '{ persons { totalCount } }')).data!.persons.totalCount;
    const inGrid = await count(`select count(*) as n from person where grid_code like '330402001001001%'`);
    expect(await listed('grid.worker')).toBe(inGrid);
    expect(await listed('resident.demo')).toBe(1);
    expect(await listed('county.admin')).toBe(await count(`select count(*) as n from person where grid_code like '330402%'`));
    expect(await listed('civil.staff')).toBe(1);
    expect(errorCodes(await gql('volunteer.demo', '{ persons(filter: { residenceStatus: FLOATING }) { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql('resident.demo', 'mutation { createTag(input: { code: "X_TAG", nameZh: "x", nameEn: "x", category: GENERAL }) { tag { code } } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql('volunteer.demo', '{ households { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql('grid.worker', `mutation { registerPerson(input: { name: "外人", idNumber: "330402199901010014", gridCode: "330402001002001" }) { person { id } } }`))).toEqual(['FORBIDDEN']);
  });

  it('finds a person by ID number inside the area only, auditing the look-up', async () => {
    const lookup = (user: string, idNumber: string) => gql<{ personByIdNumber: { id: string } | null }>(user, 'query ($n: String!) { personByIdNumber(idNumber: $n) { id } }', { n: idNumber });
    const before = await count(`select count(*) as n from audit_log where action = 'LOOKUP_BY_ID_NUMBER'`);
    expect((await lookup('grid.worker', ID_A)).data!.personByIdNumber).toEqual({ id: ids.A });
    expect((await lookup('grid.worker2', ID_A)).data!.personByIdNumber).toBeNull();
    expect((await lookup('police.staff', ID_A.toLowerCase())).data!.personByIdNumber).toEqual({ id: ids.A });
    expect(errorCodes(await lookup('volunteer.demo', ID_A))).toEqual(['FORBIDDEN']);
    expect((await lookup('grid.worker', '330402198001010017')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber', reason: 'check character is 7 but must be 4' });
    expect(await count(`select count(*) as n from audit_log where action = 'LOOKUP_BY_ID_NUMBER'`)).toBe(before + 3);
  });

  it('refuses bad input with the field and reason, and writes nothing', async () => {
    const tables = ['person', 'person_tag', 'residence', 'household', 'outbox_event'];
    const before = await Promise.all(tables.map((table) => count(`select count(*) as n from ${table}`)));
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: '甲', idNumber: '330402198001010017', gridCode: '330402001001001' }, 'idNumber', 'check character is 7 but must be 4'],
      [{ name: '甲', idNumber: '330402198002300018', gridCode: '330402001001001' }, 'idNumber', 'birth date 19800230 is not a valid date'],
      [{ name: '甲', idNumber: '330402198001010022', gridCode: '330402001001001', birthDate: '1980-01-02' }, 'idNumber', 'differs from birthDate 1980-01-02'],
      [{ name: '甲', idNumber: '330402198001010022', gridCode: '3304020010010' }, 'gridCode', 'must be a 15-digit grid code'],
      [{ name: '甲', idNumber: '330402198001010022', gridCode: '330402001001001', phone: '12345' }, 'phone', 'mobile'],
      [{ name: '甲', idNumber: '330402198001010022', gridCode: '330402001001001', tagCodes: ['NO_SUCH_TAG'] }, 'tagCodes', 'unknown tag NO_SUCH_TAG'],
    ];
    for (const [input, field, reason] of cases) {
      const response = await gql('county.admin', 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', { input });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, reason: expect.stringContaining(reason) });
    }
    const duplicate = await gql('county.admin', 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', {
      input: { name: '重复', idNumber: ID_A, gridCode: '330402001001001' },
    });
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
    const badMove = await gql('county.admin', 'mutation ($input: MovePersonInput!) { movePerson(input: $input) { person { id } } }', {
      input: { personId: ids.A, toGridCode: '330402001001001', reason: '原地' },
    });
    expect(badMove.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'toGridCode' });
    expect(await Promise.all(tables.map((table) => count(`select count(*) as n from ${table}`)))).toEqual(before);
  });

  it('updates with optimistic locking and keeps the birth date tied to the ID number', async () => {
    const read = await gql<{ person: { version: number } }>('grid.worker', `{ person(id: "${ids.A}") { version } }`);
    const update = (input: Record<string, unknown>) =>
      gql<{ updatePerson: { person: { phone: string; version: number } } }>('grid.worker', 'mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { person { phone version } } }', {
        input: { id: ids.A, ...input },
      });
    const version = read.data!.person.version;
    const first = await update({ phone: '13900001111', expectedVersion: version });
    expect(first.data!.updatePerson.person).toEqual({ phone: '*******1111', version: version + 1 });
    expect(errorCodes(await update({ phone: '13900002222', expectedVersion: version }))).toEqual(['CONFLICT']);
    expect((await update({ birthDate: '1981-01-01' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'birthDate' });
    const events = await count(`select count(*) as n from outbox_event where subject = 'people.person.updated' and envelope->'data'->>'personId' = ?`, [ids.A]);
    expect(events).toBe(1);
  });

  it('records party membership, in-service members with the community they reported to', async () => {
    const set = (user: string, input: Record<string, unknown>) =>
      gql<{ setPartyMembership: { partyMembership: { type: string; reportedTo: { code: string } | null; workUnit: string | null } } }>(
        user,
        'mutation ($input: SetPartyMembershipInput!) { setPartyMembership(input: $input) { partyMembership { type reportedTo { code } workUnit } } }',
        { input },
      );
    expect((await set('grid.leader', { personId: ids.A, type: 'IN_SERVICE' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reportedToAreaCode' });
    expect(errorCodes(await set('grid.worker', { personId: ids.A, type: 'WITHOUT_POST' }))).toEqual(['FORBIDDEN']);
    const saved = await set('grid.leader', { personId: ids.A, type: 'IN_SERVICE', reportedToAreaCode: '330402001001', workUnit: '嘉兴学院', branchId: '6f1c1d0e-3b9f-4c43-9a51-2d3c4e5f6a7b' });
    expect(saved.data!.setPartyMembership.partyMembership).toEqual({ type: 'IN_SERVICE', reportedTo: { code: '330402001001' }, workUnit: '嘉兴学院' });
    const person = await gql<{ person: { partyMembership: { type: string; branch: { id: string } } } }>('county.admin', `{ person(id: "${ids.A}") { partyMembership { type branch { id } } } }`);
    expect(person.data!.person.partyMembership).toEqual({ type: 'IN_SERVICE', branch: { id: '6f1c1d0e-3b9f-4c43-9a51-2d3c4e5f6a7b' } });
  });

  it('lets county admins extend the tag catalogue; special-population tags are always sensitive', async () => {
    const create = (user: string, code: string) =>
      gql<{ createTag: { tag: { code: string; sensitive: boolean } } }>(user, `mutation { createTag(input: { code: "${code}", nameZh: "重点青少年", nameEn: "At-risk youth", category: SPECIAL }) { tag { code sensitive } } }`);
    expect(errorCodes(await create('jianshe.admin', 'AT_RISK_YOUTH'))).toEqual(['FORBIDDEN']);
    expect((await create('county.admin', 'AT_RISK_YOUTH')).data!.createTag.tag).toEqual({ code: 'AT_RISK_YOUTH', sensitive: true });
    expect(errorCodes(await create('county.admin', 'AT_RISK_YOUTH'))).toEqual(['CONFLICT']);
  });

  it('issue 17: createTag sent again with its idempotencyKey answers the first tag (not "already exists") and writes once', async () => {
    const CREATE = 'mutation ($input: CreateTagInput!) { createTag(input: $input) { tag { code } } }';
    const input = { code: 'FLOOD_EVACUEE', nameZh: '防汛转移人员', nameEn: 'Flood evacuee', category: 'GENERAL', idempotencyKey: 'tag-key-000001' };
    const keys = await count("select count(*) as n from idempotency_key where operation = 'createTag'");
    const first = await gql<{ createTag: { tag: { code: string } } }>('county.admin', CREATE, { input });
    const again = await gql<{ createTag: { tag: { code: string } } }>('county.admin', CREATE, { input });
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(again.data!.createTag.tag.code).toBe('FLOOD_EVACUEE');
    expect(await count('select count(*) as n from tag where code = ?', ['FLOOD_EVACUEE'])).toBe(1);
    expect(await count("select count(*) as n from idempotency_key where operation = 'createTag'")).toBe(keys + 1);
    const changed = await gql('county.admin', CREATE, { input: { ...input, nameEn: 'Evacuee' } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', differingFields: ['nameEn'] });
  });
});

import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
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
 * Issue 13 in the people subgraph (DOMAIN.md §8.7, §8.8), in-process on a fresh database with a private
 * NATS and real Keycloak tokens: need to know for departments (from cases' events), audited look-ups
 * with a purpose and their rate limit, audited sensitive-tag lists and statistics, the registration and
 * import oracle, linking logins to persons (ID check, one-time codes, brute force) and the Viewer.
 *
 * Fixture: P1 and P2 in 330402001001001 (grid.worker's grid), Q in 330402001002001 (grid.worker2's).
 * P1 reports a case dispatched to CIVIL_AFFAIRS; P2 is on no case.
 */
describe('personal data need to know, and persons behind logins', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;
  const ids = { P1: '', P2: '', Q: '' };
  const ID_P1 = '330402195309228518';
  const ID_P2 = '330402198507070022';
  const ID_Q = '330402199001010019';

  const gql = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(url, query, { token: await tokenFor(user), variables });
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return app.get(MikroORM).em.fork().getConnection().execute<T[]>(text, params);
  };
  const count = async (text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(text, params))[0].n);
  const subjectOf = async (user: string) => JSON.parse(Buffer.from((await tokenFor(user)).split('.')[1], 'base64url').toString('utf8')).sub as string;
  const register = async (user: string, input: Record<string, unknown>): Promise<string> => {
    const response = await gql<{ registerPerson: { person: { id: string } } }>(user, 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }', { input });
    expect(response.errors).toBeUndefined();
    return response.data!.registerPerson.person.id;
  };
  const waitFor = async (condition: () => Promise<boolean>, what: string) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const auditLines = (where: string, params: unknown[] = []) =>
    sql<{ actor_username: string; action: string; person_id: string | null; area_code: string; purpose: string | null; allowed: boolean; refusal_reason: string | null; filter: string | null; row_count: number | null }>(
      `select * from audit_log where ${where} order by seq`,
      params,
    );

  beforeAll(async () => {
    ({ app, url, nats, database } = await startPeople('people_privacy'));
    ids.P1 = await register('grid.worker', { name: '沈一', idNumber: ID_P1, gridCode: '330402001001001', phone: '13812345678', tagCodes: ['ELDERLY', 'COMMUNITY_CORRECTION'] });
    ids.P2 = await register('grid.worker', { name: '沈二', idNumber: ID_P2, gridCode: '330402001001001', tagCodes: ['COMMUNITY_CORRECTION'] });
    ids.Q = await register('grid.worker2', { name: '沈三', idNumber: ID_Q, gridCode: '330402001002001' });
  });

  afterAll(async () => {
    await app?.close();
    await nats?.dispose();
    await database?.drop();
  });

  it('§8.8 department staff read the reporter of a case dispatched to their department, and nobody else', async () => {
    const read = (user: string, id: string) => gql<{ person: { name: string; birthDate: string | null } }>(user, `{ person(id: "${id}") { name birthDate } }`);
    expect(errorCodes(await read('civil.staff', ids.P1))).toEqual(['FORBIDDEN']);
    expect((await gql<{ persons: { totalCount: number } }>('civil.staff', '{ persons { totalCount } }')).data!.persons.totalCount).toBe(0);
    const caseId = randomUUID();
    // The consumer creates the CASES stream when it subscribes: retry until the publish is accepted.
    await waitFor(async () => {
      try {
        await publishEnvelope(nats.url, {
          type: 'cases.case.dispatched',
          areaCode: '330402001001001',
          actor: 'township-admin',
          data: { caseId, reporterPersonId: ids.P1, assigneeDepartmentCode: 'CIVIL_AFFAIRS', gridCode: '330402001001001' },
        });
        return true;
      } catch {
        return false;
      }
    }, 'the CASES stream');
    // An anonymous report names no person: nothing to know.
    await publishEnvelope(nats.url, { type: 'cases.case.dispatched', areaCode: '330402001001001', actor: 'x', data: { caseId: randomUUID(), reporterPersonId: null, assigneeDepartmentCode: 'CIVIL_AFFAIRS' } });
    await waitFor(async () => (await count('select count(*) as n from department_case_person')) === 1, 'the dispatched case');
    // A redelivery (same case, new envelope) changes nothing.
    await publishEnvelope(nats.url, { type: 'cases.case.accepted', areaCode: '330402001001001', actor: 'x', data: { caseId, reporterPersonId: ids.P1, assigneeDepartmentCode: 'CIVIL_AFFAIRS', gridCode: '330402001001001' } });

    expect((await read('civil.staff', ids.P1)).data!.person).toEqual({ name: '沈一', birthDate: '1953-09-22' });
    expect(errorCodes(await read('civil.staff', ids.P2))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await read('police.staff', ids.P1))).toEqual(['FORBIDDEN']);
    const listed = await gql<{ persons: { totalCount: number; edges: Array<{ node: { id: string } }> } }>('civil.staff', '{ persons { totalCount edges { node { id } } } }');
    expect(listed.data!.persons).toEqual({ totalCount: 1, edges: [{ node: { id: ids.P1 } }] });
    // References from other subgraphs (a case's reporter) follow the same rule, in the SQL.
    const references = await gql<{ _entities: Array<{ id: string } | null> }>(
      'civil.staff',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }',
      { r: [ids.P1, ids.P2].map((id) => ({ __typename: 'Person', id })) },
    );
    expect(references.data!._entities).toEqual([{ id: ids.P1 }, null]);
    // A reveal too needs to know the person.
    const reveal = (personId: string) =>
      gql<{ revealPersonalData: { value: string } }>('civil.staff', 'mutation ($i: RevealPersonalDataInput!) { revealPersonalData(input: $i) { value } }', {
        i: { personId, field: 'PHONE', purpose: '核实低保申请人联系方式' },
      });
    expect((await reveal(ids.P1)).data!.revealPersonalData.value).toBe('13812345678');
    expect(errorCodes(await reveal(ids.P2))).toEqual(['FORBIDDEN']);
    await waitFor(async () => (await count(`select count(*) as n from processed_event where consumer = 'people-department-case-persons'`)) === 3, 'all three events');
    expect(await count('select count(*) as n from department_case_person')).toBe(1);
  });

  it('§8.8 lookUpPerson needs a purpose, is audited with it, and lets department staff read the person found', async () => {
    const lookUp = (user: string, idNumber: string, purpose: string) =>
      gql<{ lookUpPerson: { person: { id: string; name: string } | null } }>(user, 'mutation ($i: LookUpPersonInput!) { lookUpPerson(input: $i) { person { id name } } }', {
        i: { idNumber, purpose },
      });
    expect((await lookUp('civil.staff', ID_P2, '  ')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    expect(errorCodes(await lookUp('volunteer.demo', ID_P2, '查找邻居信息'))).toEqual(['FORBIDDEN']);
    const found = await lookUp('civil.staff', ID_P2.toLowerCase(), '高龄补贴资格核查 2026-12');
    expect(found.data!.lookUpPerson.person).toEqual({ id: ids.P2, name: '沈二' });
    expect((await gql<{ person: { name: string } }>('civil.staff', `{ person(id: "${ids.P2}") { name } }`)).data!.person.name).toBe('沈二');
    const [line] = await auditLines(`action = 'LOOKUP_BY_ID_NUMBER' and actor_username = 'civil.staff'`);
    expect(line).toMatchObject({ person_id: ids.P2, area_code: '330402001001001', purpose: '高龄补贴资格核查 2026-12', allowed: true });
    // The deprecated personByIdNumber states no purpose: it finds only persons the caller already reads.
    const old = await gql<{ personByIdNumber: { id: string } | null }>('police.staff', `{ personByIdNumber(idNumber: "${ID_P2}") { id } }`);
    expect(old.data!.personByIdNumber).toBeNull();
    expect(errorCodes(await gql('police.staff', `{ person(id: "${ids.P2}") { name } }`))).toEqual(['FORBIDDEN']);
    const refused = await auditLines(`action = 'LOOKUP_BY_ID_NUMBER' and actor_username = 'police.staff'`);
    expect(refused).toEqual([expect.objectContaining({ person_id: ids.P2, allowed: false, refusal_reason: expect.stringContaining('purpose') })]);
    // Outside the area a look-up finds nobody, the same answer as an unknown number.
    expect((await lookUp('grid.worker2', ID_P1, '核对外来人员身份')).data!.lookUpPerson.person).toBeNull();
  });

  it('§8.8 look-ups by ID number are limited per user and hour, counted in the audit log', async () => {
    const { LOOKUPS_PER_HOUR } = await import('../src/access/person-field.policy.js');
    const used = await count(`select count(*) as n from audit_log where action = 'LOOKUP_BY_ID_NUMBER' and actor_username = 'grid.worker2'`);
    for (let index = used; index < LOOKUPS_PER_HOUR; index += 1) {
      const response = await gql('grid.worker2', `{ personByIdNumber(idNumber: "${ID_Q}") { id } }`);
      expect(response.errors).toBeUndefined();
    }
    const over = await gql('grid.worker2', `{ personByIdNumber(idNumber: "${ID_Q}") { id } }`);
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: expect.stringContaining(`${LOOKUPS_PER_HOUR} look-ups`) });
    const lines = await auditLines(`action = 'LOOKUP_BY_ID_NUMBER' and actor_username = 'grid.worker2'`);
    expect(lines).toHaveLength(LOOKUPS_PER_HOUR + 1);
    expect(lines.at(-1)).toMatchObject({ allowed: false, refusal_reason: expect.stringContaining('per hour') });
    // Others are not affected.
    expect((await gql('grid.worker', `{ personByIdNumber(idNumber: "${ID_P1}") { id } }`)).errors).toBeUndefined();
  });

  it('§8.8 a list filtered by a sensitive tag is audited with who, filter and row count; statistics grouped by them too', async () => {
    const before = await count(`select count(*) as n from audit_log where action = 'SENSITIVE_TAG_LIST'`);
    const listed = await gql<{ persons: { totalCount: number } }>('grid.worker', '{ persons(first: 1, filter: { tagCodes: ["COMMUNITY_CORRECTION"] }) { totalCount } }');
    expect(listed.data!.persons.totalCount).toBe(2);
    await gql('grid.worker', '{ persons(filter: { tagCodes: ["ELDERLY"] }) { totalCount } }');
    const lines = await auditLines(`action = 'SENSITIVE_TAG_LIST'`);
    expect(lines).toHaveLength(before + 1);
    expect(lines.at(-1)).toMatchObject({ actor_username: 'grid.worker', row_count: 2, area_code: '330402001001001', allowed: true });
    expect(JSON.parse(lines.at(-1)!.filter!)).toMatchObject({ tagCodes: ['COMMUNITY_CORRECTION'], first: 1 });
    const auditor = await gql<{ auditLog: { edges: Array<{ node: { actorUsername: string; filter: string; rowCount: number } }> } }>(
      'county.auditor',
      '{ auditLog(first: 1, filter: { action: SENSITIVE_TAG_LIST }) { edges { node { actorUsername filter rowCount } } } }',
    );
    expect(auditor.data!.auditLog.edges[0].node).toMatchObject({ actorUsername: 'grid.worker', rowCount: 2 });

    const stats = await gql<{ _entities: Array<{ population: { byTag: Array<{ tag: { code: string }; count: number }> } }> }>(
      'police.staff',
      '{ _entities(representations: [{ __typename: "Area", code: "330402" }, { __typename: "Grid", code: "330402001001001" }]) { ... on Area { population { byTag { tag { code } count } } } ... on Grid { population { byTag { tag { code } count } } } } }',
    );
    expect(stats.data!._entities[0].population.byTag).toContainEqual({ tag: { code: 'COMMUNITY_CORRECTION' }, count: 2 });
    const statLines = await auditLines(`action = 'SENSITIVE_TAG_STATISTICS'`);
    expect(statLines.map((line) => [line.actor_username, line.area_code, line.row_count])).toEqual([
      ['police.staff', '330402', 1],
      ['police.staff', '330402001001001', 1],
    ]);
    // Civil affairs does not see sensitive tags: nothing to audit.
    await gql('civil.staff', '{ _entities(representations: [{ __typename: "Area", code: "330402" }]) { ... on Area { population { byTag { count } } } } }');
    expect(await count(`select count(*) as n from audit_log where action = 'SENSITIVE_TAG_STATISTICS'`)).toBe(2);
  });

  it('§8.8 registerPerson and the import dry run answer an ID number registered in another area without saying where, and audit every match', async () => {
    const duplicate = await gql('grid.worker2', 'mutation ($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }', {
      i: { name: '冒名', idNumber: ID_P1, gridCode: '330402001002001' },
    });
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'this ID number is already registered' });
    expect(JSON.stringify(duplicate.errors)).not.toContain('330402001001001');
    const inside = await gql('grid.worker', 'mutation ($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }', {
      i: { name: '重复', idNumber: ID_P2, gridCode: '330402001001001' },
    });
    expect(inside.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'this ID number is already registered' });

    const csv = ['姓名,身份证号,网格编码', `冒名,${ID_P1},330402001002001`, `沈三,${ID_Q},330402001002001`, '新人,330402200101010011,330402001002001'].join('\n');
    const dryRun = await gql<{ importPeople: { created: number; unchanged: number; errors: Array<{ row: number; column: string; reason: string }> } }>(
      'grid.worker2',
      'mutation ($i: ImportPeopleInput!) { importPeople(input: $i) { created unchanged errors { row column reason } } }',
      { i: { contentBase64: Buffer.from(csv).toString('base64'), format: 'CSV', dryRun: true } },
    );
    expect(dryRun.data!.importPeople).toEqual({ created: 1, unchanged: 1, errors: [{ row: 2, column: '身份证号', reason: 'this ID number is already registered' }] });
    expect(await count(`select count(*) as n from person where name = '新人'`)).toBe(0);

    const matches = await auditLines(`action = 'ID_NUMBER_MATCH'`);
    expect(matches.map((line) => [line.actor_username, line.person_id, line.purpose, line.allowed])).toEqual([
      ['grid.worker2', ids.P1, 'registerPerson', false],
      ['grid.worker', ids.P2, 'registerPerson', true],
      ['grid.worker2', ids.P1, 'importPeople (dry run)', false],
      ['grid.worker2', ids.Q, 'importPeople (dry run)', true],
    ]);
    // The match outside grid.worker2's area is in the log of the area where the person lives.
    expect(matches[0]).toMatchObject({ area_code: '330402001001001', refusal_reason: expect.stringContaining('without saying where') });
  });

  it('§8.7 linkAccount checks the ID number from the card, links one account to one person, and publishes the link', async () => {
    const account = randomUUID();
    const link = (personId: string, accountId: string, idNumber: string, user = 'grid.worker') =>
      gql<{ linkAccount: { person: { id: string; version: number } } }>(user, 'mutation ($i: LinkAccountInput!) { linkAccount(input: $i) { person { id version } } }', {
        i: { personId, accountId, idNumber },
      });
    const wrong = await link(ids.P2, account, ID_P1);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber', reason: expect.stringContaining('does not match') });
    expect(await count('select count(*) as n from person where user_id = ?', [account])).toBe(0);
    expect(errorCodes(await link(ids.Q, account, ID_Q))).toEqual(['FORBIDDEN']);
    const linked = await link(ids.P2, account, ID_P2);
    expect(linked.errors).toBeUndefined();
    const [event] = await sql<{ envelope: { data: object; areaCode: string } }>(`select envelope from outbox_event where subject = 'people.account.linked'`);
    expect(event.envelope).toMatchObject({ areaCode: '330402001001001', data: { userId: account, personId: ids.P2, gridCode: '330402001001001', version: linked.data!.linkAccount.person.version } });
    // One person per account, one account per person.
    expect(errorCodes(await link(ids.P1, account, ID_P1))).toEqual(['CONFLICT']);
    expect(errorCodes(await link(ids.P2, randomUUID(), ID_P2))).toEqual(['CONFLICT']);
    const lines = await auditLines(`action = 'ACCOUNT_LINK'`);
    expect(lines.map((line) => [line.person_id, line.allowed])).toEqual([
      [ids.P2, false],
      [ids.P2, true],
      [ids.P1, false],
      [ids.P2, false],
    ]);

    const unlinked = await gql('grid.worker', 'mutation ($i: UnlinkAccountInput!) { unlinkAccount(input: $i) { person { id } } }', { i: { personId: ids.P2, reason: '账号登记错误' } });
    expect(unlinked.errors).toBeUndefined();
    const [gone] = await sql<{ envelope: { data: { userId: string; version: number } } }>(`select envelope from outbox_event where subject = 'people.account.unlinked'`);
    expect(gone.envelope.data).toMatchObject({ userId: account, personId: ids.P2 });
    expect(gone.envelope.data.version).toBeGreaterThan(linked.data!.linkAccount.person.version);
    expect((await auditLines(`action = 'ACCOUNT_UNLINK'`))[0]).toMatchObject({ purpose: '账号登记错误', person_id: ids.P2 });
  });

  it('§8.7 refuses a keeper after 5 ID numbers that did not match within an hour', async () => {
    const link = () =>
      gql('grid.worker2', 'mutation ($i: LinkAccountInput!) { linkAccount(input: $i) { person { id } } }', { i: { personId: ids.Q, accountId: randomUUID(), idNumber: ID_P1 } });
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await link()).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
    expect((await link()).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const right = await gql('grid.worker2', 'mutation ($i: LinkAccountInput!) { linkAccount(input: $i) { person { id } } }', {
      i: { personId: ids.Q, accountId: randomUUID(), idNumber: ID_Q },
    });
    expect(errorCodes(right)).toEqual(['FORBIDDEN']);
  });

  it('§8.7 a link code is redeemed once, by the resident themselves; an expired code is refused', async () => {
    const issue = (personId: string) =>
      gql<{ issueLinkCode: { code: string; expiresAt: string } }>('grid.worker', 'mutation ($i: IssueLinkCodeInput!) { issueLinkCode(input: $i) { code expiresAt person { id } } }', { i: { personId } });
    const redeem = (user: string, code: string) =>
      gql<{ redeemLinkCode: { person: { id: string; name: string } } }>(user, 'mutation ($i: RedeemLinkCodeInput!) { redeemLinkCode(input: $i) { person { id name } } }', { i: { code } });

    const first = (await issue(ids.P1)).data!.issueLinkCode;
    expect(first.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(Date.parse(first.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // A second code replaces the first: one active code per person.
    const code = (await issue(ids.P1)).data!.issueLinkCode.code;
    expect(await count(`select count(*) as n from person_link_code where person_id = ? and revoked_at is null and redeemed_at is null`, [ids.P1])).toBe(1);
    expect(JSON.stringify(await sql('select * from person_link_code'))).not.toContain(code.replace('-', ''));
    expect(errorCodes(await redeem('grid.worker', code))).toEqual(['FORBIDDEN']);
    expect((await redeem('volunteer.demo', first.code)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });

    const redeemed = await redeem('volunteer.demo', code.toLowerCase());
    expect(redeemed.data!.redeemLinkCode.person).toEqual({ id: ids.P1, name: '沈一' });
    expect((await gql<{ viewer: { person: { id: string } } }>('volunteer.demo', '{ viewer { person { id } } }')).data!.viewer.person.id).toBe(ids.P1);
    const volunteer = await subjectOf('volunteer.demo');
    expect(await count(`select count(*) as n from outbox_event where subject = 'people.account.linked' and envelope->'data'->>'userId' = ?`, [volunteer])).toBe(1);
    expect((await redeem('volunteer.demo', code)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', reason: expect.stringContaining('already used') });

    const expiring = (await issue(ids.P2)).data!.issueLinkCode.code;
    await sql(`update person_link_code set expires_at = now() - interval '1 minute' where person_id = ?`, [ids.P2]);
    expect((await redeem('resident.demo', expiring)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', reason: expect.stringContaining('expired') });
    expect(await count('select count(*) as n from person where id = ? and user_id is not null', [ids.P2])).toBe(0);
    const lines = await auditLines(`action in ('LINK_CODE_ISSUE', 'LINK_CODE_REDEEM')`);
    expect(lines.map((line) => [line.actor_username, line.action, line.allowed])).toEqual([
      ['grid.worker', 'LINK_CODE_ISSUE', true],
      ['grid.worker', 'LINK_CODE_ISSUE', true],
      ['volunteer.demo', 'LINK_CODE_REDEEM', false],
      ['volunteer.demo', 'LINK_CODE_REDEEM', true],
      ['volunteer.demo', 'LINK_CODE_REDEEM', false],
      ['grid.worker', 'LINK_CODE_ISSUE', true],
      ['resident.demo', 'LINK_CODE_REDEEM', false],
    ]);
  });

  it('§8.7 refuses an account after 5 wrong link codes within an hour, even the right code', async () => {
    const redeem = (code: string) => gql('resident.demo', 'mutation ($i: RedeemLinkCodeInput!) { redeemLinkCode(input: $i) { person { id } } }', { i: { code } });
    const wrongSoFar = await count(`select count(*) as n from audit_log where actor_username = 'resident.demo' and action = 'LINK_CODE_REDEEM' and not allowed`);
    for (let attempt = wrongSoFar; attempt < 5; attempt += 1) expect(errorCodes(await redeem('ZZZZZ-ZZZZZ'))).toEqual(['BAD_USER_INPUT']);
    const code = (await gql<{ issueLinkCode: { code: string } }>('grid.worker', 'mutation ($i: IssueLinkCodeInput!) { issueLinkCode(input: $i) { code } }', { i: { personId: ids.P2 } })).data!.issueLinkCode.code;
    expect((await redeem(code)).errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: expect.stringContaining('wrong link codes') });
    expect(await count('select count(*) as n from person where id = ? and user_id is not null', [ids.P2])).toBe(0);
  });

  it('Viewer: who am I from the token, with my person; a representation of anyone else resolves to null', async () => {
    const viewer = await gql<{ viewer: Record<string, unknown> }>('civil.staff', '{ viewer { id username roles areaCode departmentCode area { code } person { id } } }');
    expect(viewer.data!.viewer).toEqual({
      id: await subjectOf('civil.staff'),
      username: 'civil.staff',
      roles: ['department-staff'],
      areaCode: '330402',
      departmentCode: 'CIVIL_AFFAIRS',
      area: { code: '330402' },
      person: null,
    });
    const own = await subjectOf('volunteer.demo');
    const forged = await gql<{ _entities: Array<{ id: string; username: string; person: { id: string } | null } | null> }>(
      'volunteer.demo',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { id username person { id } } } }',
      { r: [{ __typename: 'Viewer', id: own }, { __typename: 'Viewer', id: await subjectOf('county.admin') }] },
    );
    expect(forged.data!._entities).toEqual([{ id: own, username: 'volunteer.demo', person: { id: ids.P1 } }, null]);
    expect(errorCodes(await graphqlRequest(url, '{ viewer { id } }'))).toEqual(['UNAUTHENTICATED']);
  });

  it('§8.8 moves carry the person\'s version, so consumers can order a person\'s events', async () => {
    const moved = await gql<{ movePerson: { person: { version: number } } }>('jianshe.admin', 'mutation ($i: MovePersonInput!) { movePerson(input: $i) { person { version } } }', {
      i: { personId: ids.Q, toGridCode: '330402001003001', reason: '搬家' },
    });
    const [event] = await sql<{ envelope: { data: { version: number; gridCode: string } } }>(`select envelope from outbox_event where subject = 'people.person.moved'`);
    expect(event.envelope.data).toMatchObject({ personId: ids.Q, gridCode: '330402001003001', toGridCode: '330402001003001', version: moved.data!.movePerson.person.version });
  });

  it('§8.8 a look-up with a purpose lets department staff read the person for 30 days, not longer; a refused or purposeless look-up, or another user\'s, grants nothing (in the SQL)', async () => {
    const { LOOKUP_GRANT_DAYS } = await import('../src/access/person-field.policy.js');
    const idNumber = (birthDate: string, sequence: string) => {
      const body = `330402${birthDate}${sequence}`;
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      return body + '10X98765432'[[...body].reduce((sum, digit, index) => sum + Number(digit) * weights[index], 0) % 11];
    };
    const grid = '330402001001001';
    const recent = await register('grid.worker', { name: '窗口内', idNumber: idNumber('19610203', '011'), gridCode: grid });
    const expired = await register('grid.worker', { name: '窗口外', idNumber: idNumber('19610204', '021'), gridCode: grid });
    const refused = await register('grid.worker', { name: '被拒绝', idNumber: idNumber('19610205', '031'), gridCode: grid });
    const purposeless = await register('grid.worker', { name: '无用途', idNumber: idNumber('19610206', '041'), gridCode: grid });
    const police = await register('grid.worker', { name: '他人查询', idNumber: idNumber('19610207', '051'), gridCode: grid });
    // Look-up lines as lookUp writes them, dated in the past (the log is append-only: inserts only).
    const lookedUp = async (user: string, personId: string, daysAgo: number, purpose: string | null, allowed: boolean) =>
      sql(
        `insert into audit_log (id, at, actor_user_id, actor_username, actor_roles, action, person_id, area_code, field, purpose, allowed)
         values (?, ?, ?, ?, '{department-staff}', 'LOOKUP_BY_ID_NUMBER', ?, ?, 'ID_NUMBER', ?, ?)`,
        [randomUUID(), new Date(Date.now() - daysAgo * 86_400_000), await subjectOf(user), user, personId, grid, purpose, allowed],
      );
    await lookedUp('civil.staff', recent, LOOKUP_GRANT_DAYS - 1, '高龄补贴资格核查', true);
    await lookedUp('civil.staff', expired, LOOKUP_GRANT_DAYS + 1, '高龄补贴资格核查', true);
    await lookedUp('civil.staff', refused, 1, '高龄补贴资格核查', false);
    await lookedUp('civil.staff', purposeless, 1, null, true);
    await lookedUp('police.staff', police, 1, '核对外来人员身份', true);

    const read = (user: string, id: string) => gql<{ person: { name: string } }>(user, `{ person(id: "${id}") { name } }`);
    expect((await read('civil.staff', recent)).data!.person.name).toBe('窗口内');
    for (const id of [expired, refused, purposeless, police]) expect([id, errorCodes(await read('civil.staff', id))]).toEqual([id, ['FORBIDDEN']]);
    expect((await read('police.staff', police)).data!.person.name).toBe('他人查询');
    expect(errorCodes(await read('police.staff', recent))).toEqual(['FORBIDDEN']);
    // The list and references are the same SQL condition.
    const listed = await gql<{ persons: { edges: Array<{ node: { id: string } }> } }>('civil.staff', '{ persons(first: 100) { edges { node { id } } } }');
    const listedIds = listed.data!.persons.edges.map((edge) => edge.node.id);
    expect(listedIds).toContain(recent);
    expect(listedIds.filter((id) => [expired, refused, purposeless, police].includes(id))).toEqual([]);
    const references = await gql<{ _entities: Array<{ id: string } | null> }>('civil.staff', 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }', {
      r: [recent, expired, refused, purposeless, police].map((id) => ({ __typename: 'Person', id })),
    });
    expect(references.data!._entities).toEqual([{ id: recent }, null, null, null, null]);
  });

  it('§8.8 need to know is per department and area: a case in another county, dispatched to its CIVIL_AFFAIRS, grants our CIVIL_AFFAIRS nothing; an old row without area grants nothing until the case\'s next event', async () => {
    const grid = '330402001001001';
    const elsewhere = await register('grid.worker', { name: '外县报事', idNumber: '33040219700101001X', gridCode: grid });
    const legacy = await register('grid.worker', { name: '旧记录', idNumber: '330402197001020015', gridCode: grid });
    const read = (id: string) => gql<{ person: { name: string } }>('civil.staff', `{ person(id: "${id}") { name } }`);
    const processed = () => count(`select count(*) as n from processed_event where consumer = 'people-department-case-persons'`);
    const before = await processed();
    // A resident of our county reports a case in the neighbouring county (330403); it goes to that county's
    // civil affairs, whose code is the same as ours.
    const otherCounty = randomUUID();
    await publishEnvelope(nats.url, {
      type: 'cases.case.dispatched',
      areaCode: '330403001001001',
      actor: 'township-admin',
      data: { caseId: otherCounty, reporterPersonId: elsewhere, assigneeDepartmentCode: 'CIVIL_AFFAIRS', gridCode: '330403001001001' },
    });
    // A row as the consumer wrote it before the area was kept.
    const legacyCase = randomUUID();
    await sql(`insert into department_case_person (department_code, person_id, case_id, since) values ('CIVIL_AFFAIRS', ?, ?, now())`, [legacy, legacyCase]);
    await waitFor(async () => (await processed()) === before + 1, 'the other county\'s case');
    expect(await sql(`select case_grid_code from department_case_person where case_id = ?`, [otherCounty])).toEqual([{ case_grid_code: '330403001001001' }]);
    for (const id of [elsewhere, legacy]) expect([id, errorCodes(await read(id))]).toEqual([id, ['FORBIDDEN']]);
    const listed = await gql<{ persons: { edges: Array<{ node: { id: string } }> } }>('civil.staff', '{ persons(first: 100) { edges { node { id } } } }');
    expect(listed.data!.persons.edges.map((edge) => edge.node.id).filter((id) => [elsewhere, legacy].includes(id))).toEqual([]);
    const references = await gql<{ _entities: Array<{ id: string } | null> }>('civil.staff', 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }', {
      r: [elsewhere, legacy].map((id) => ({ __typename: 'Person', id })),
    });
    expect(references.data!._entities).toEqual([null, null]);

    // The legacy case moves on inside our county: its next event fills the area, and the reporter is known.
    await publishEnvelope(nats.url, {
      type: 'cases.case.accepted',
      areaCode: grid,
      actor: 'civil.staff',
      data: { caseId: legacyCase, reporterPersonId: legacy, assigneeDepartmentCode: 'CIVIL_AFFAIRS', gridCode: grid },
    });
    await waitFor(async () => (await processed()) === before + 2, 'the legacy case\'s next event');
    expect(await sql(`select case_grid_code from department_case_person where case_id = ?`, [legacyCase])).toEqual([{ case_grid_code: grid }]);
    expect((await read(legacy)).data!.person.name).toBe('旧记录');
    // A later event naming another grid does not move a row that has its area.
    await publishEnvelope(nats.url, {
      type: 'cases.case.in_progress',
      areaCode: grid,
      actor: 'civil.staff',
      data: { caseId: otherCounty, reporterPersonId: elsewhere, assigneeDepartmentCode: 'CIVIL_AFFAIRS', gridCode: grid },
    });
    await waitFor(async () => (await processed()) === before + 3, 'the third event');
    expect(await sql(`select case_grid_code from department_case_person where case_id = ?`, [otherCounty])).toEqual([{ case_grid_code: '330403001001001' }]);
    expect(errorCodes(await read(elsewhere))).toEqual(['FORBIDDEN']);
  });
});

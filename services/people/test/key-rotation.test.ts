import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import { createTestDatabase, graphqlRequest, startNatsServer, tokenFor, type GraphQLResponse, type TestDatabase, type TestNatsServer } from '@lianxin/testing';

/**
 * Rotating the personal-data key (DOMAIN.md §8.8; services/people/README.md, "Rotating the personal-data
 * key"), on one fresh database served in turn by the service under key A, under key B with A as previous,
 * and under B alone, with the real `dist/rotate-data-key.js` in between.
 *
 * Fixture under key A: P1 (with phone) and P2 registered through the API, P3 whose sealed values are
 * rewritten in the format written before key ids existed (iv ‖ tag ‖ ciphertext, still under A), and a
 * link code issued for P2. Under B: P4 registered (already under the current key).
 */
describe('§8.8 key rotation of the personal data', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication | null = null;
  let url = '';
  const KEY_A = randomBytes(32);
  const KEY_B = randomBytes(32);
  const GRID = '330402001001001';
  const OTHER_GRID = '330402001001002';
  const ID_P1 = '330402195309228518';
  const ID_P2 = '330402198507070022';
  const ID_P3 = '330402199001010019';
  const ID_P4 = '330402197002020025';
  const PHONE_P1 = '13812345678';
  const PHONE_P3 = '13987654321';
  const ids = { P1: '', P2: '', P3: '', P4: '' };
  let linkCode = '';
  let keyIds: { A: string; B: string };

  const gql = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(url, query, { token: await tokenFor(user), variables });
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return app!.get(MikroORM).em.fork().getConnection().execute<T[]>(text, params);
  };
  const register = (idNumber: string, gridCode: string, name: string, phone?: string) =>
    gql<{ registerPerson: { person: { id: string } } }>('county.admin', 'mutation ($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }', {
      i: { name, idNumber, gridCode, ...(phone ? { phone } : {}) },
    });
  const registered = async (idNumber: string, gridCode: string, name: string, phone?: string) => {
    const response = await register(idNumber, gridCode, name, phone);
    expect(response.errors).toBeUndefined();
    return response.data!.registerPerson.person.id;
  };
  const lookUp = async (idNumber: string) => {
    const response = await gql<{ lookUpPerson: { person: { id: string } | null } }>('county.admin', 'mutation ($i: LookUpPersonInput!) { lookUpPerson(input: $i) { person { id } } }', {
      i: { idNumber, purpose: '核对密钥轮换后的人员信息' },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.lookUpPerson.person?.id ?? null;
  };
  const reveal = async (personId: string, field: 'ID_NUMBER' | 'PHONE') => {
    const response = await gql<{ revealPersonalData: { value: string | null } }>('county.admin', 'mutation ($i: RevealPersonalDataInput!) { revealPersonalData(input: $i) { value } }', {
      i: { personId, field, purpose: '核对密钥轮换后的明文' },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.revealPersonalData.value;
  };
  /** The service as deployed with these keys (the vault reads them when the app starts). */
  const serveWith = async (current: Buffer, previous: Buffer[]) => {
    await app?.close();
    Object.assign(process.env, { PEOPLE_DATA_KEY: current.toString('base64'), PEOPLE_DATA_PREVIOUS_KEYS: previous.map((key) => key.toString('base64')).join(',') });
    const { AppModule } = await import('../src/app.module.js');
    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  };
  /** The command as an operator runs it, with the keys the service has (inherited environment). */
  const command = (...args: string[]) =>
    new Promise<{ code: number | null; output: string }>((done, fail) => {
      const child = spawn(process.execPath, [resolve(process.cwd(), 'services/people/dist/rotate-data-key.js'), ...args], { env: { ...process.env, LOG_LEVEL: 'info' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, output }));
    });
  const lastReport = (output: string) =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => 'pending' in line && 'mode' in line)
      .at(-1)!;
  const sealedRows = () =>
    sql<{ id: string; id_number_sealed: Buffer; id_number_hash: string; phone_sealed: Buffer | null; version: number; updated_at: Date }>(
      'select id, id_number_sealed, id_number_hash, phone_sealed, version, updated_at from person order by id',
    );
  const header = (keyId: string) => `01${keyId}`;

  beforeAll(async () => {
    database = await createTestDatabase('people_key_rotation');
    nats = await startNatsServer();
    Object.assign(process.env, { DATABASE_NAME: database.name, NATS_URL: nats.url, LOG_LEVEL: 'silent' });
    const { ormConfig } = await import('../src/mikro-orm.config.js');
    expect(await runMigrationCommand(ormConfig(), 'up', () => undefined)).toBe(0);
    const { PersonalDataVault } = await import('../src/personal-data/personal-data-vault.js');
    keyIds = { A: new PersonalDataVault(KEY_A).currentKeyId, B: new PersonalDataVault(KEY_B).currentKeyId };

    await serveWith(KEY_A, []);
    ids.P1 = await registered(ID_P1, GRID, '沈一', PHONE_P1);
    ids.P2 = await registered(ID_P2, GRID, '沈二');
    ids.P3 = await registered(ID_P3, GRID, '沈三', PHONE_P3);
    // P3 as a row sealed before key ids existed: iv ‖ tag ‖ ciphertext under A, the field name as additional data.
    const legacy = (field: string, value: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', KEY_A, iv);
      cipher.setAAD(Buffer.from(field));
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
    };
    await sql('update person set id_number_sealed = ?, phone_sealed = ? where id = ?', [legacy('idNumber', ID_P3), legacy('phone', PHONE_P3), ids.P3]);
    const issued = await gql<{ issueLinkCode: { code: string } }>('county.admin', 'mutation ($i: IssueLinkCodeInput!) { issueLinkCode(input: $i) { code } }', { i: { personId: ids.P2 } });
    expect(issued.errors).toBeUndefined();
    linkCode = issued.data!.issueLinkCode.code;
    const rows = await sealedRows();
    expect(rows.filter((row) => row.id_number_sealed.subarray(0, 5).toString('hex') === header(keyIds.A))).toHaveLength(2);
  });

  afterAll(async () => {
    await app?.close();
    delete process.env.PEOPLE_DATA_KEY;
    delete process.env.PEOPLE_DATA_PREVIOUS_KEYS;
    await nats?.dispose();
    await database?.drop();
  });

  it('§8.8 key rotation: under key B with A as previous, look-ups, reveals, ID checks and link codes still find what A sealed, and duplicates are still refused', async () => {
    await serveWith(KEY_B, [KEY_A]);
    expect(await lookUp(ID_P1)).toBe(ids.P1);
    expect(await lookUp(ID_P3)).toBe(ids.P3);
    expect(await reveal(ids.P1, 'PHONE')).toBe(PHONE_P1);
    expect(await reveal(ids.P3, 'ID_NUMBER')).toBe(ID_P3);
    // The unique index holds B's hash only for new rows: the check before the insert searches every key's hash.
    const duplicate = await register(ID_P2, OTHER_GRID, '冒名');
    expect(duplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'this ID number is already registered' });
    const legacyDuplicate = await register(ID_P3, OTHER_GRID, '冒名');
    expect(legacyDuplicate.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT' });
    // The importer matches the row still under A instead of creating a second person.
    const csv = `name,idNumber,gridCode\n沈一,${ID_P1},${GRID}\n`;
    const imported = await gql<{ importPeople: { created: number; unchanged: number; failed: number } }>(
      'county.admin',
      'mutation ($i: ImportPeopleInput!) { importPeople(input: $i) { created unchanged failed } }',
      { i: { contentBase64: Buffer.from(csv).toString('base64'), format: 'CSV' } },
    );
    expect(imported.data?.importPeople).toEqual({ created: 0, unchanged: 1, failed: 0 });
    // Linking checks the typed number against the hash under A.
    const linked = await gql('county.admin', 'mutation ($i: LinkAccountInput!) { linkAccount(input: $i) { person { id } } }', { i: { personId: ids.P3, accountId: randomUUID(), idNumber: ID_P3 } });
    expect(linked.errors).toBeUndefined();
    // A code issued under A (only its HMAC under A is stored) is still redeemed.
    const redeemed = await gql<{ redeemLinkCode: { person: { id: string } } }>('resident.demo', 'mutation ($i: RedeemLinkCodeInput!) { redeemLinkCode(input: $i) { person { id } } }', {
      i: { code: linkCode },
    });
    expect(redeemed.errors).toBeUndefined();
    expect(redeemed.data!.redeemLinkCode.person.id).toBe(ids.P2);
    // New values are sealed with B and carry its id.
    ids.P4 = await registered(ID_P4, OTHER_GRID, '沈四', '13700001111');
    const [p4] = await sql<{ id_number_sealed: Buffer; phone_sealed: Buffer }>('select id_number_sealed, phone_sealed from person where id = ?', [ids.P4]);
    expect(p4.id_number_sealed.subarray(0, 5).toString('hex')).toBe(header(keyIds.B));
    expect(p4.phone_sealed.subarray(0, 5).toString('hex')).toBe(header(keyIds.B));
  });

  it('§8.8 key rotation: rotate-data-key re-seals every person with B in batches, skips those already under B, is resumable, and is audited', async () => {
    const check = await command('--check');
    expect(check.code).toBe(1);
    expect(lastReport(check.output)).toMatchObject({ mode: 'check', scanned: 4, current: 1, pending: 3, idNumbers: 3, phones: 2, hashes: 3, unreadable: 0, currentKeyId: keyIds.B, previousKeyIds: [keyIds.A] });

    const before = await sealedRows();
    const run = await command('--batch-size', '2');
    expect(run.code).toBe(0);
    expect(lastReport(run.output)).toMatchObject({ mode: 'rotate', scanned: 4, current: 1, pending: 3, unreadable: 0, batches: 2 });
    // Without a terminal, one plain JSON line per batch.
    expect(run.output.split('\n').filter((line) => line.includes('"msg":"re-sealing"'))).toHaveLength(2);

    const { PersonalDataVault } = await import('../src/personal-data/personal-data-vault.js');
    const underB = new PersonalDataVault(KEY_B);
    const clear: Record<string, [string, string | null]> = { [ids.P1]: [ID_P1, PHONE_P1], [ids.P2]: [ID_P2, null], [ids.P3]: [ID_P3, PHONE_P3], [ids.P4]: [ID_P4, '13700001111'] };
    const after = await sealedRows();
    for (const row of after) {
      expect(row.id_number_sealed.subarray(0, 5).toString('hex')).toBe(header(keyIds.B));
      expect(underB.open('idNumber', row.id_number_sealed)).toBe(clear[row.id][0]);
      expect(row.id_number_hash).toBe(underB.lookupHash(clear[row.id][0]));
      expect(row.phone_sealed ? underB.open('phone', row.phone_sealed) : null).toBe(clear[row.id][1]);
      // The person's data did not change: no new version, no event.
      const old = before.find((candidate) => candidate.id === row.id)!;
      expect(row.version).toBe(old.version);
      expect(row.updated_at).toEqual(old.updated_at);
    }
    // P4 was already under B: not written again.
    expect(after.find((row) => row.id === ids.P4)!.id_number_sealed.equals(before.find((row) => row.id === ids.P4)!.id_number_sealed)).toBe(true);

    const again = await command();
    expect(lastReport(again.output)).toMatchObject({ mode: 'rotate', scanned: 4, current: 4, pending: 0 });
    expect((await command('--check')).code).toBe(0);
    const audit = await sql<{ actor_username: string; action: string; area_code: string; row_count: number; filter: string; allowed: boolean }>(
      `select actor_username, action, area_code, row_count, filter, allowed from audit_log where action = 'KEY_ROTATION' order by seq`,
    );
    expect(audit.map((line) => [JSON.parse(line.filter).mode, line.row_count])).toEqual([
      ['check', 3],
      ['rotate', 3],
      ['rotate', 0],
      ['check', 0],
    ]);
    expect(audit[1]).toMatchObject({ actor_username: 'rotate-data-key', area_code: '33040200100100', allowed: true });
    expect(JSON.parse(audit[1].filter)).toMatchObject({ currentKeyId: keyIds.B, previousKeyIds: [keyIds.A], idNumbers: 3, phones: 2, hashes: 3 });
  });

  it('§8.8 key rotation: after dropping key A everything still works, and a value under a key no longer configured fails clearly', async () => {
    await serveWith(KEY_B, []);
    expect(await lookUp(ID_P1)).toBe(ids.P1);
    expect(await lookUp(ID_P3)).toBe(ids.P3);
    expect(await reveal(ids.P1, 'PHONE')).toBe(PHONE_P1);
    expect(await reveal(ids.P1, 'ID_NUMBER')).toBe(ID_P1);
    expect(await reveal(ids.P3, 'ID_NUMBER')).toBe(ID_P3);
    expect(await reveal(ids.P3, 'PHONE')).toBe(PHONE_P3);
    expect((await register(ID_P1, OTHER_GRID, '冒名')).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'this ID number is already registered' });
    expect((await command('--check')).code).toBe(0);

    // A value sealed under A after all (e.g. by a replica still running the old configuration): the check finds it, names the key.
    const { PersonalDataVault } = await import('../src/personal-data/personal-data-vault.js');
    await sql('update person set phone_sealed = ? where id = ?', [new PersonalDataVault(KEY_A).seal('phone', PHONE_P1), ids.P1]);
    const stale = await command('--check');
    expect(stale.code).toBe(1);
    expect(lastReport(stale.output)).toMatchObject({ unreadable: 1, unreadableIds: [ids.P1] });
    expect(() => new PersonalDataVault(KEY_B).open('phone', new PersonalDataVault(KEY_A).seal('phone', PHONE_P1))).toThrow(new RegExp(`names key ${keyIds.A}`));
  });
});

import { createSubgraphApp } from '@lianxin/platform';
import { errorCodes, graphqlRequest, startSubgraphUnderTest, tokenFor, type GraphQLResponse, type SubgraphUnderTest } from '@lianxin/testing';
import { populationByScan } from './population-by-scan.js';

/**
 * The population counters under a mixed sequence of writes through the service — registrations,
 * imports (new persons and tags added to registered ones), moves of persons and households,
 * residence changes, tags given with and without dates, ended and withdrawn, a person deleted by
 * SQL — checked after every step against a full recount (no drift) and against the GROUP BY query
 * PopulationService ran before (same numbers, same byTag order), on several days, since dated tags
 * change what "now" means without any write.
 */
describe('population counters', () => {
  let subgraph: SubgraphUnderTest;
  const DAY_MS = 86_400_000;
  let today: string;
  const dayAfter = (days: number) => new Date(Date.parse(today) + days * DAY_MS).toISOString().slice(0, 10);

  const GRID_A = '330402001001001';
  const GRID_B = '330402001001002';
  const GRID_C = '330402001002001';
  const GRID_D = '330402002001001';
  const OUTSIDE = '330411001001001';
  const CODES = ['330402', '330411', '330402001', '330402002', '330402001001', '330402001002', GRID_A, GRID_B, GRID_C, GRID_D, OUTSIDE, '330402003'];

  const ids: Record<string, string> = {};
  let sequence = 0;
  let buildIdNumber: (region: string, birthDate: string, sequence: number, sex: 'MALE' | 'FEMALE') => string;
  const nextIdNumber = (birthDate: string) => buildIdNumber('330402', birthDate, (sequence += 2), 'FEMALE');

  const gql = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> =>
    graphqlRequest<T>(subgraph.url, query, { token: await tokenFor(user), variables });
  const ok = async <T = Record<string, unknown>>(user: string, query: string, variables?: Record<string, unknown>): Promise<T> => {
    const response = await gql<T>(user, query, variables);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const mutate = (name: string, inputType: string, input: Record<string, unknown>, user = 'county.admin') =>
    ok(user, `mutation ($input: ${inputType}!) { ${name}(input: $input) { __typename } }`, { input });

  const register = async (key: string, input: Record<string, unknown>, birthDate = '1980-05-05') => {
    const data = await ok<{ registerPerson: { person: { id: string } } }>(
      'county.admin',
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }',
      { input: { name: key, idNumber: nextIdNumber(birthDate), ...input } },
    );
    ids[key] = data.registerPerson.person.id;
  };
  const importCsv = async (rows: string[]) => {
    const csv = ['name,idNumber,gridCode,householdNumber,householdHead,residenceStatus,tags', ...rows].join('\n');
    const data = await ok<{ importPeople: { failed: number; errors: unknown[] } }>(
      'county.admin',
      'mutation ($input: ImportPeopleInput!) { importPeople(input: $input) { failed errors { row column reason } } }',
      { input: { contentBase64: Buffer.from(csv).toString('base64'), format: 'CSV' } },
    );
    expect(data.importPeople.errors).toEqual([]);
  };
  const idOf = async (name: string) => (await subgraph.sql<{ id: string }>('select id from person where name = ?', [name]))[0].id;

  /** Counters equal a recount, and the counted stats equal the old scan for every code, for all tags and without the sensitive ones. */
  const expectExact = async (days: number[] = [0]) => {
    const { populationCounterDrift } = await import('../src/population/population-counters.js');
    const { PopulationService } = await import('../src/population/population.service.js');
    const { Tag } = await import('../src/tag/tag.entity.js');
    const { MikroORM } = await import('@mikro-orm/postgresql');
    expect(await populationCounterDrift(subgraph.app.get(MikroORM).em.fork())).toEqual([]);
    await subgraph.withServices(async (get) => {
      const all = await get(MikroORM).em.find(Tag, {}, { orderBy: { code: 'asc' } });
      for (const tags of [all, all.filter((tag) => !tag.sensitive)]) {
        for (const offset of days) {
          const day = dayAfter(offset);
          const counted = await get(PopulationService).statsFor(CODES, tags, day);
          const scanned = await populationByScan(subgraph.sql, CODES, tags.map((tag) => tag.code), day);
          const plain = new Map([...counted].map(([code, stats]) => [code, { ...stats, byTag: stats.byTag.map((entry) => ({ code: entry.tag.code, count: entry.count })) }]));
          expect({ day, stats: plain }).toEqual({ day, stats: scanned });
        }
      }
    });
  };

  beforeAll(async () => {
    subgraph = await startSubgraphUnderTest({
      name: 'people_counters',
      loadOrmConfig: async () => (await import('../src/mikro-orm.config.js')).ormConfig(),
      loadAppModule: async () => (await import('../src/app.module.js')).AppModule,
      createApp: createSubgraphApp,
    });
    ({ buildIdNumber } = (await import('../src/personal-data/id-number.js')) as unknown as { buildIdNumber: typeof buildIdNumber });
    today = (await import('../src/common/calendar-date.js')).todayInChina();
  });

  afterAll(async () => {
    await subgraph?.close();
  });

  it('are kept by the trigger functions the entities declare (MikroORM does not compare raw trigger DDL with the database)', async () => {
    const { PERSON_POPULATION_TRIGGERS, PERSON_TAG_POPULATION_TRIGGERS } = await import('../src/population/population-triggers.js');
    const squash = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    for (const [table, triggers] of [['person', PERSON_POPULATION_TRIGGERS], ['person_tag', PERSON_TAG_POPULATION_TRIGGERS]] as const) {
      for (const trigger of triggers) {
        const declared = trigger.expression ? /\$\$([\s\S]*?)\$\$/.exec(trigger.expression)![1] : `begin ${String(trigger.body)} end;`;
        const migrated = await subgraph.sql<{ prosrc: string }>('select prosrc from pg_proc where proname = ?', [`${table}_${trigger.name}_fn`]);
        expect(migrated.map((row) => squash(row.prosrc))).toEqual([squash(declared)]);
      }
    }
  });

  it('start empty and count registrations, with sensitive tags and several tags per person', async () => {
    await expectExact();
    await register('elder', { gridCode: GRID_A, tagCodes: ['ELDERLY', 'LIVING_ALONE_ELDERLY'] }, '1950-03-03');
    await register('corrected', { gridCode: GRID_A, tagCodes: ['COMMUNITY_CORRECTION'] });
    await register('floating', { gridCode: GRID_B, residenceStatus: 'FLOATING', tagCodes: ['MIGRANT_WORKER_AWAY'] });
    await register('away', { gridCode: GRID_C, residenceStatus: 'AWAY' });
    await register('xinjia', { gridCode: GRID_D, tagCodes: ['DISABLED', 'LOW_INCOME'] });
    await subgraph.withServices(async (get) => {
      const { PersonService } = await import('../src/person/person.service.js');
      const outside = await get(PersonService).register('system', { name: 'outside', idNumber: nextIdNumber('1970-01-01'), gridCode: OUTSIDE, tagCodes: ['VETERAN'] });
      ids.outside = outside.id;
    });
    expect(await subgraph.count('select count(*) as n from population_count where total > 0')).toBe(5);
    await expectExact();
  });

  it('count imported persons, households and tags added to persons already registered', async () => {
    await importCsv([
      `imp-1,${nextIdNumber('1948-01-01')},${GRID_B},H-1,是,户籍,ELDERLY；EMPTY_NEST_ELDERLY`,
      `imp-2,${nextIdNumber('1949-02-02')},${GRID_B},H-1,否,户籍,ELDERLY`,
      `imp-3,${nextIdNumber('2015-03-03')},${GRID_B},H-1,否,户籍,LEFT_BEHIND_CHILD`,
      `imp-4,${nextIdNumber('1990-04-04')},${GRID_C},,,流动,`,
      `imp-5,${nextIdNumber('1991-05-05')},${GRID_D},H-2,是,外出,MIGRANT_WORKER_AWAY`,
    ]);
    await expectExact();
    // A registered person's row adds a tag; an update that changes neither grid nor status changes no counter.
    await importCsv([`elder,${await idNumberOf(ids.elder)},${GRID_A},,,,VETERAN`]);
    await mutate('updatePerson', 'UpdatePersonInput', { id: ids.floating, name: 'floating-renamed' });
    await expectExact();
  });

  it('move persons and whole households between grids with the tags they hold', async () => {
    await mutate('movePerson', 'MovePersonInput', { personId: ids.elder, toGridCode: GRID_C, reason: '搬迁' });
    await expectExact();
    const household = (await subgraph.sql<{ id: string }>(`select id from household where number = 'H-1'`))[0].id;
    await mutate('moveHousehold', 'MoveHouseholdInput', { householdId: household, toGridCode: GRID_D, reason: '整户搬迁' });
    expect(await subgraph.count('select count(*) as n from person where grid_code = ?', [GRID_D])).toBe(5);
    await expectExact();
  });

  it('follow residence-status changes', async () => {
    await mutate('updatePerson', 'UpdatePersonInput', { id: ids.away, residenceStatus: 'REGISTERED_RESIDENT' });
    await mutate('updatePerson', 'UpdatePersonInput', { id: ids.xinjia, residenceStatus: 'FLOATING' });
    await mutate('updatePerson', 'UpdatePersonInput', { id: await idOf('imp-4'), residenceStatus: 'AWAY' });
    await expectExact();
  });

  it('count dated tags on the days they apply, without any write when the day changes', async () => {
    // Live now, ended in 10 days; starts in 5 days, open-ended; long ended; starts in 3 days and ends in 20.
    await mutate('tagPerson', 'TagPersonInput', { personId: ids.away, tagCode: 'LOW_INCOME', validFrom: dayAfter(-10), validTo: dayAfter(10) });
    await mutate('tagPerson', 'TagPersonInput', { personId: ids.corrected, tagCode: 'HARDSHIP', validFrom: dayAfter(5) });
    await mutate('tagPerson', 'TagPersonInput', { personId: ids.floating, tagCode: 'VETERAN', validFrom: dayAfter(-100), validTo: dayAfter(-50) });
    await mutate('tagPerson', 'TagPersonInput', { personId: ids.xinjia, tagCode: 'VETERAN', validFrom: dayAfter(3), validTo: dayAfter(20) });
    const days = [-60, 0, 3, 5, 10, 11, 20, 21];
    await expectExact(days);
    // The importer adds a tag from today to persons who do not carry it today, even when a later
    // assignment exists: two assignments of one tag at once still count the person once.
    await importCsv([`corrected,${await idNumberOf(ids.corrected)},${GRID_A},,,,HARDSHIP`, `xinjia,${await idNumberOf(ids.xinjia)},${GRID_D},,,,VETERAN`]);
    expect(await subgraph.count(`select count(*) as n from person_tag where person_id = ? and tag_code = 'HARDSHIP' and valid_to is null`, [ids.corrected])).toBe(2);
    await expectExact(days);
  });

  it('end tags and withdraw tags that never applied', async () => {
    await mutate('untagPerson', 'UntagPersonInput', { personId: ids.elder, tagCode: 'LIVING_ALONE_ELDERLY' });
    // Registered today, withdrawn today: the assignment ends before it began and is deleted.
    await mutate('untagPerson', 'UntagPersonInput', { personId: ids.xinjia, tagCode: 'DISABLED' });
    expect(await subgraph.count(`select count(*) as n from person_tag where person_id = ? and tag_code = 'DISABLED'`, [ids.xinjia])).toBe(0);
    await mutate('untagPerson', 'UntagPersonInput', { personId: ids.corrected, tagCode: 'HARDSHIP', validTo: dayAfter(7) });
    await expectExact([0, 5, 7, 8]);
  });

  it('stay exact when two requests tag the same person at once', async () => {
    const attempts = await Promise.all(
      [0, 1].map(() =>
        gql('county.admin', 'mutation ($input: TagPersonInput!) { tagPerson(input: $input) { person { id } } }', { input: { personId: ids.away, tagCode: 'HARDSHIP' } }),
      ),
    );
    expect(attempts.filter((attempt) => !attempt.errors)).toHaveLength(1);
    expect(attempts.flatMap((attempt) => errorCodes(attempt))).toEqual(['CONFLICT']);
    expect(await subgraph.count(`select count(*) as n from person_tag where person_id = ? and tag_code = 'HARDSHIP'`, [ids.away])).toBe(1);
    await expectExact();
  });

  it('follow writes that bypass the service, and a rebuild changes nothing', async () => {
    await subgraph.sql('delete from person where id = ?', [ids.elder]);
    await subgraph.sql(`update person_tag set person_id = ? where person_id = ? and tag_code = 'COMMUNITY_CORRECTION'`, [ids.floating, ids.corrected]);
    await subgraph.sql(`update person set grid_code = ?, residence_status = 'FLOATING' where grid_code = ?`, [GRID_A, GRID_D]);
    await expectExact([0, 5]);
    const before = await subgraph.sql('select * from population_tag_count where persons <> 0 order by grid_code, tag_code');
    const { rebuildPopulationCounters } = await import('../src/population/population-counters.js');
    const { MikroORM } = await import('@mikro-orm/postgresql');
    const report = await rebuildPopulationCounters(subgraph.app.get(MikroORM).em.fork());
    expect(report.grids).toBe(await subgraph.count('select count(distinct grid_code) as n from person'));
    expect(await subgraph.sql('select * from population_tag_count order by grid_code, tag_code')).toEqual(before);
    await expectExact();
  });

  it('serve Area.population and Grid.population from the counters, hiding sensitive tags per role', async () => {
    const query = `{ _entities(representations: [{ __typename: "Area", code: "330402" }, { __typename: "Grid", code: "${GRID_A}" }]) {
      ... on Area { population { total registered floating away byTag { tag { code } count } } }
      ... on Grid { population { total registered floating away byTag { tag { code } count } } } } }`;
    type Stats = { total: number; registered: number; floating: number; away: number; byTag: Array<{ tag: { code: string }; count: number }> };
    for (const [user, sensitive] of [['county.admin', true], ['civil.staff', false]] as const) {
      const data = await ok<{ _entities: Array<{ population: Stats }> }>(user, query);
      const tagCodes = (await subgraph.sql<{ code: string }>('select code from tag where ? or not sensitive', [sensitive])).map((tag) => tag.code);
      const scanned = await populationByScan(subgraph.sql, ['330402', GRID_A], tagCodes, today);
      expect(data._entities.map(({ population: { byTag, ...totals } }) => ({ ...totals, byTag: byTag.map((entry) => ({ code: entry.tag.code, count: entry.count })) }))).toEqual([
        scanned.get('330402'),
        scanned.get(GRID_A),
      ]);
      expect(data._entities[0].population.byTag.some((entry) => entry.tag.code === 'COMMUNITY_CORRECTION')).toBe(sensitive);
    }
  });

  async function idNumberOf(personId: string): Promise<string> {
    const { PersonalDataVault } = await import('../src/personal-data/personal-data-vault.js');
    const [row] = await subgraph.sql<{ id_number_sealed: Buffer }>('select id_number_sealed from person where id = ?', [personId]);
    return subgraph.app.get(PersonalDataVault).open('idNumber', row.id_number_sealed);
  }
});

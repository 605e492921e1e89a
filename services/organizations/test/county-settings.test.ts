import type { INestApplication } from '@nestjs/common';
import { runMigrationCommand } from '@lianxin/db';
import { createSubgraphApp } from '@lianxin/platform';
import { localDayOf } from '@lianxin/events';
import { createTestDatabase, errorCodes, graphqlRequest, startNatsServer, tokenFor, type TestDatabase, type TestNatsServer } from '@lianxin/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a GraphQL answer read loosely in assertions
type Settings = Record<string, any>;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Issue 15: per-county rules as data — versioned, effective from a day, audited, published, scoped to the county admin's own county. */
describe('issue 15 per-county rules as data (organizations)', () => {
  let database: TestDatabase;
  let nats: TestNatsServer;
  let app: INestApplication;
  let url: string;
  let countyAdmin: string;
  let townshipAdmin: string;
  let gridWorker: string;
  let auditor: string;
  const today = localDayOf(new Date());

  const sql = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return app.get(MikroORM).em.fork().getConnection().execute<T[]>(text, params);
  };
  const gql = <T = Record<string, unknown>>(token: string, query: string, variables?: Record<string, unknown>) => graphqlRequest<T>(url, query, { token, variables });

  const CHANGE = `mutation ($input: ChangeCountySettingInput!) { changeCountySetting(input: $input) { change { id version key effectiveFrom value previousValue changedByName reason } } }`;
  const SETTINGS = `query ($c: String!, $at: String) { countySettings(countyCode: $c, at: $at) {
    countyCode at dayCounting reopenDays noticePeriodDays stageLimits { GRID VILLAGE TOWNSHIP DEPARTMENT }
    staffingPattern { pattern urbanTeamSize ruralTeamSize } platformTargets { windowDays visits casesFound } coverageBounds { min max }
    careCadences { tag HOME_VISIT HOUSEWORK PROBLEM_SOLVED BIRTHDAY_VISIT } warningThresholds { repeatCasesPerAddress }
    entries { key isDefault version effectiveFrom value } } }`;

  beforeAll(async () => {
    database = await createTestDatabase('organizations');
    nats = await startNatsServer();
    Object.assign(process.env, { DATABASE_NAME: database.name, NATS_URL: nats.url, LOG_LEVEL: 'silent' });
    const { ormConfig } = await import('../src/mikro-orm.config.js');
    expect(await runMigrationCommand(ormConfig(), 'up', () => undefined)).toBe(0);
    const { AppModule } = await import('../src/app.module.js');
    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    [countyAdmin, townshipAdmin, gridWorker, auditor] = await Promise.all(['county.admin', 'jianshe.admin', 'grid.worker', 'county.auditor'].map((u) => tokenFor(u)));
    const { AreaService } = await import('../src/area/area.service.js');
    const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
    await RequestContext.create(app.get(MikroORM).em, async () => {
      for (const [code, name] of [['33', '浙江省'], ['3304', '嘉兴市'], ['330402', '南湖区'], ['330411', '秀洲区']]) await app.get(AreaService).create('system', { code, name });
    });
  });

  afterAll(async () => {
    await app?.close();
    await nats?.stop();
    await database?.drop();
  });

  it('issue 15 a county works by the defaults until its admin changes a setting (DOMAIN.md numbers: 1+1+3+N, 10/8, 20 visits / 4 cases per 30 days, 30–50, 四个一 weekly/monthly/quarterly/yearly)', async () => {
    const response = await gql<{ countySettings: Settings }>(gridWorker, SETTINGS, { c: '330402' });
    expect(response.errors).toBeUndefined();
    const s = response.data!.countySettings;
    expect(s).toMatchObject({
      countyCode: '330402', at: today, dayCounting: 'WORKING_DAYS', reopenDays: null, noticePeriodDays: 7,
      stageLimits: { GRID: 1, VILLAGE: 2, TOWNSHIP: 3, DEPARTMENT: 5 },
      staffingPattern: { pattern: '1+1+3+N', urbanTeamSize: 10, ruralTeamSize: 8 },
      platformTargets: { windowDays: 30, visits: 20, casesFound: 4 },
      coverageBounds: { min: 30, max: 50 },
    });
    expect(s.careCadences).toContainEqual({ tag: 'LEFT_BEHIND_CHILD', HOME_VISIT: 'WEEKLY', HOUSEWORK: 'MONTHLY', PROBLEM_SOLVED: 'QUARTERLY', BIRTHDAY_VISIT: 'YEARLY' });
    expect(s.entries.every((e: { isDefault: boolean }) => e.isDefault)).toBe(true);
  });

  it('issue 15 a change is versioned, effective from its day (earlier days keep the old rule), audited with who/when/old/new, published, and a retry changes nothing twice', async () => {
    const wujin = { pattern: '1+3+N', urbanTeamSize: 10, ruralTeamSize: 8 };
    const first = await gql<{ changeCountySetting: { change: Record<string, unknown> } }>(countyAdmin, CHANGE, {
      input: { countyCode: '330402', key: 'STAFFING_PATTERN', value: wujin, effectiveFrom: addDays(today, 10), reason: '按武进模式配置' },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.changeCountySetting.change).toMatchObject({ version: 1, key: 'STAFFING_PATTERN', value: wujin, previousValue: { pattern: '1+1+3+N' }, changedByName: 'county.admin', reason: '按武进模式配置' });
    const retry = await gql<{ changeCountySetting: { change: Record<string, unknown> } }>(countyAdmin, CHANGE, {
      input: { countyCode: '330402', key: 'STAFFING_PATTERN', value: { ruralTeamSize: 8, urbanTeamSize: 10, pattern: '1+3+N' }, effectiveFrom: addDays(today, 10), reason: '按武进模式配置' },
    });
    expect(retry.data!.changeCountySetting.change.id).toBe(first.data!.changeCountySetting.change.id);
    const second = await gql<{ changeCountySetting: { change: Record<string, unknown> } }>(countyAdmin, CHANGE, {
      input: { countyCode: '330402', key: 'STAFFING_PATTERN', value: { ...wujin, ruralTeamSize: 7 }, effectiveFrom: addDays(today, 20), reason: '农村网格人少' },
    });
    expect(second.data!.changeCountySetting.change).toMatchObject({ version: 2, previousValue: wujin });

    const at = async (day: string) => (await gql<{ countySettings: Settings }>(townshipAdmin, SETTINGS, { c: '330402', at: day })).data!.countySettings;
    expect((await at(today)).staffingPattern.pattern).toBe('1+1+3+N');
    expect((await at(addDays(today, 10))).staffingPattern).toEqual(wujin);
    const later = await at(addDays(today, 25));
    expect(later.staffingPattern.ruralTeamSize).toBe(7);
    expect(later.entries.find((e: { key: string }) => e.key === 'STAFFING_PATTERN')).toMatchObject({ isDefault: false, version: 2, effectiveFrom: addDays(today, 20) });

    const history = await gql<{ countySettingChanges: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(
      auditor,
      `{ countySettingChanges(countyCode: "330402", key: STAFFING_PATTERN, first: 10) { totalCount edges { node { version changedBy changedByName changedAt reason previousValue value } } } }`,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.countySettingChanges.totalCount).toBe(2);
    expect(history.data!.countySettingChanges.edges.map((e) => e.node.version)).toEqual([2, 1]);
    const events = await sql<{ n: string }>(`select count(*) as n from outbox_event where subject = 'organizations.county-setting.changed'`);
    expect(Number(events[0].n)).toBe(2);
    // The history is append-only: not even the service's own database user rewrites it.
    await expect(sql(`update county_setting_change set reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from county_setting_change`)).rejects.toThrow(/append-only/);
  });

  it('issue 15 refusals: another county, a non-admin, a bad value, a past day — each refused with its code and nothing written', async () => {
    const before = await sql<{ n: string }>('select count(*) as n from county_setting_change');
    const input = { countyCode: '330411', key: 'NOTICE_PERIOD', value: { days: 5 }, effectiveFrom: today, reason: '试图修改邻县' };
    expect(errorCodes(await gql(countyAdmin, CHANGE, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(townshipAdmin, CHANGE, { input: { ...input, countyCode: '330402' } }))).toEqual(['FORBIDDEN']);
    const bad = await gql(countyAdmin, CHANGE, { input: { ...input, countyCode: '330402', key: 'CASE_STAGE_LIMITS', value: { GRID: 0, VILLAGE: 1, TOWNSHIP: 1, DEPARTMENT: 1 } } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions).toMatchObject({ field: 'value.GRID' });
    const past = await gql(countyAdmin, CHANGE, { input: { ...input, countyCode: '330402', effectiveFrom: addDays(today, -1) } });
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    expect(errorCodes(await gql(countyAdmin, CHANGE, { input: { ...input, countyCode: '3304' } }))).toEqual(['BAD_USER_INPUT']);
    const after = await sql<{ n: string }>('select count(*) as n from county_setting_change');
    expect(after[0].n).toBe(before[0].n);
    // Reading another county's rules is refused too; the history is for admins and auditors.
    expect(errorCodes(await gql(gridWorker, SETTINGS, { c: '330411' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(gridWorker, `{ countySettingChanges(countyCode: "330402") { totalCount } }`))).toEqual(['FORBIDDEN']);
  });

  it('issue 15 holiday calendar: one national base, county overrides by the county admin of that county only; nobody at county level changes the national base', async () => {
    const { CountySettingsService } = await import('../src/county-settings/county-settings.service.js');
    const { MikroORM, RequestContext } = await import('@mikro-orm/postgresql');
    const platform = { sub: 'platform-admin', username: 'platform', roles: ['county-admin' as const], areaCode: '' };
    await RequestContext.create(app.get(MikroORM).em, async () => {
      const service = app.get(CountySettingsService);
      await service.setCalendarEntry(platform, { countyCode: null, day: '2026-10-01', kind: 'HOLIDAY', name: '国庆节' });
      await service.setCalendarEntry(platform, { countyCode: null, day: '2026-10-02', kind: 'HOLIDAY', name: '国庆节' });
    });
    const SET = `mutation ($input: SetCalendarEntryInput!) { setCalendarEntry(input: $input) { entry { scope day kind version } } }`;
    expect(errorCodes(await gql(countyAdmin, SET, { input: { countyCode: null, day: '2026-10-03', kind: 'HOLIDAY', name: '国庆节' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gql(countyAdmin, SET, { input: { countyCode: '330411', day: '2026-10-03', kind: 'HOLIDAY', name: '秀洲假日' } }))).toEqual(['FORBIDDEN']);
    const own = await gql<{ setCalendarEntry: { entry: Record<string, unknown> } }>(countyAdmin, SET, { input: { countyCode: '330402', day: '2026-10-02', kind: 'ORDINARY', name: '南湖区照常上班' } });
    expect(own.errors).toBeUndefined();
    expect(own.data!.setCalendarEntry.entry).toMatchObject({ scope: '330402', kind: 'ORDINARY', version: 1 });
    const CAL = `query ($c: String!) { workingCalendar(countyCode: $c, from: "2026-09-30", to: "2026-10-05") { day kind scope } }`;
    const nanhu = await gql<{ workingCalendar: Array<{ day: string; kind: string; scope: string }> }>(gridWorker, CAL, { c: '330402' });
    expect(nanhu.data!.workingCalendar).toEqual([
      { day: '2026-10-01', kind: 'HOLIDAY', scope: 'NATIONAL' },
      { day: '2026-10-02', kind: 'ORDINARY', scope: '330402' },
    ]);
    const xiuzhou = await gql<{ workingCalendar: unknown[] }>(countyAdmin, CAL, { c: '330411' });
    expect(errorCodes(xiuzhou)).toEqual(['FORBIDDEN']);
    const removed = await gql<{ removeCalendarEntry: { entry: Record<string, unknown> } }>(
      countyAdmin,
      `mutation { removeCalendarEntry(input: { countyCode: "330402", day: "2026-10-02" }) { entry { kind version } } }`,
    );
    expect(removed.data!.removeCalendarEntry.entry).toEqual({ kind: null, version: 2 });
    const events = await sql<{ n: string }>(`select count(*) as n from outbox_event where subject = 'organizations.calendar-day.changed'`);
    expect(Number(events[0].n)).toBe(4);
    const audit = await sql<{ previous_kind: string | null; kind: string | null; changed_by: string }>(`select previous_kind, kind, changed_by from calendar_day_change where scope = '330402' order by version`);
    expect(audit.map((a) => [a.previous_kind, a.kind])).toEqual([[null, 'ORDINARY'], ['ORDINARY', null]]);
  });
});

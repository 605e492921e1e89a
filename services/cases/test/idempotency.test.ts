import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { idFromIdempotencyKey } from '@lianxin/db';
import { createEnvelope, type EventEnvelope, EventsService } from '@lianxin/events';
import { createSubgraphApp } from '@lianxin/platform';
import { graphqlRequest } from '@lianxin/testing';
import { GRID, reportCase, step, startCasesApp, transition, waitFor, type CasesTestApp } from './harness.js';

const REPORT = 'mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { id number reportedAt receivedAt source } } }';

/**
 * Issue 17 in cases: reportCase with an idempotency key writes one case, one event and one counter
 * increment however often it is sent — on a second app instance (a restart, another replica) and at the
 * same moment — and the case a syncFieldWork item announced (grids.case-report.submitted) is made once,
 * with the id derived from the key, which a later reportCase with that key returns.
 */
describe('cases: reports that survive retries (issue 17)', () => {
  let t: CasesTestApp;
  let second: INestApplication;
  let secondUrl: string;

  const counts = async () => {
    const [row] = await t.sql<{ cases: string; events: string; keys: string; reported: string }>(`select
      (select count(*) from "case") as cases,
      (select count(*) from outbox_event where subject = 'cases.case.reported') as events,
      (select count(*) from idempotency_key) as keys,
      (select coalesce(sum(reported), 0) from case_area_day_stat where area_code = ?) as reported`, [GRID]);
    return { cases: Number(row!.cases), events: Number(row!.events), keys: Number(row!.keys), reported: Number(row!.reported) };
  };
  const input = (key: string, extra: Record<string, unknown> = {}) => ({
    title: '楼道灯不亮',
    description: '2单元楼道灯坏了',
    categoryCode: 'LIVELIHOOD_SERVICE',
    gridCode: GRID,
    idempotencyKey: key,
    ...extra,
  });
  const onSecond = <T>(query: string, variables: Record<string, unknown>) => graphqlRequest<T>(secondUrl, query, { token: t.tokens['grid.worker'], variables });

  beforeAll(async () => {
    t = await startCasesApp('cases_idempotency');
    const { AppModule } = await import('../src/app.module.js');
    second = await createSubgraphApp(AppModule);
    await second.listen(0, '127.0.0.1');
    secondUrl = `${await second.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a report sent twice, and again to another instance, is one case, one event, one counter increment', async () => {
    const before = await counts();
    const key = randomUUID();
    const occurredAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const first = await t.gql<{ reportCase: { case: { id: string; number: string; reportedAt: string; receivedAt: string } } }>('grid.worker', REPORT, { input: input(key, { occurredAt }) });
    expect(first.errors).toBeUndefined();
    const again = await t.gql<{ reportCase: { case: { id: string; number: string } } }>('grid.worker', REPORT, { input: input(key, { occurredAt }) });
    const elsewhere = await onSecond<{ reportCase: { case: { id: string; number: string } } }>(REPORT, { input: input(key, { occurredAt }) });
    const created = first.data!.reportCase.case;
    expect(again.data!.reportCase.case).toMatchObject({ id: created.id, number: created.number });
    expect(elsewhere.data!.reportCase.case).toMatchObject({ id: created.id, number: created.number });
    expect(created.id).toBe(idFromIdempotencyKey(t.subs['grid.worker'], 'reportCase', key));
    expect(created.reportedAt).toBe(occurredAt);
    expect(Date.parse(created.receivedAt)).toBeGreaterThan(Date.parse(occurredAt));
    expect(await counts()).toEqual({ cases: before.cases + 1, events: before.events + 1, keys: before.keys + 1, reported: before.reported + 1 });
  });

  it('the same key with another description is CONFLICT naming it, and writes nothing', async () => {
    const key = randomUUID();
    expect((await t.gql('grid.worker', REPORT, { input: input(key) })).errors).toBeUndefined();
    const before = await counts();
    const changed = await t.gql('grid.worker', REPORT, { input: input(key, { description: '其实是路灯' }) });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['description'] });
    expect(await counts()).toEqual(before);
  });

  it('ten identical reports at once on two instances make one case', async () => {
    const before = await counts();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? onSecond<{ reportCase: { case: { id: string } } }>(REPORT, { input: input(key) })
          : t.gql<{ reportCase: { case: { id: string } } }>('grid.worker', REPORT, { input: input(key) }),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data!.reportCase.case.id)).size).toBe(1);
    expect(await counts()).toEqual({ cases: before.cases + 1, events: before.events + 1, keys: before.keys + 1, reported: before.reported + 1 });
  });

  it('a case report synced through grids becomes one case with the announced id; reportCase with the key returns it', async () => {
    const key = randomUUID();
    const caseId = idFromIdempotencyKey(t.subs['grid.worker'], 'reportCase', key);
    const reportedAt = new Date(Date.now() - 3_600_000).toISOString();
    const event = createEnvelope({
      type: 'grids.case-report.submitted',
      areaCode: GRID,
      actor: t.subs['grid.worker'],
      data: {
        caseId,
        idempotencyKey: key,
        reportedBy: t.subs['grid.worker'],
        gridCode: GRID,
        title: '下水道堵塞',
        description: '5号楼下水道堵塞',
        categoryCode: 'ENVIRONMENT',
        serviceKind: 'HELP',
        caseClass: 'ORDINARY',
        location: null,
        reportedAt,
      },
    });
    const nc = await t.app.get(EventsService).nats.connection();
    const publish = (envelope: EventEnvelope) =>
      waitFor(() => nc.request(envelope.type, JSON.stringify(envelope), { timeout: 1_000 }).then(() => true, () => false), (ok) => ok);
    await publish(event);
    await publish(event); // redelivered
    await publish({ ...event, id: randomUUID() }); // the same report under a new event id
    await waitFor(() => t.sql('select id from "case" where id = ?', [caseId]), (rows) => rows.length === 1);
    await waitFor(() => t.sql(`select 1 from processed_event where consumer = 'cases-field-case-reports'`), (rows) => rows.length === 2);
    const rows = await t.sql<{ source: string; reported_at: Date; reported_by_user_id: string }>('select source, reported_at, reported_by_user_id from "case" where id = ?', [caseId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'GRID_PATROL', reported_by_user_id: t.subs['grid.worker'] });
    expect(new Date(rows[0]!.reported_at).toISOString()).toBe(reportedAt);

    const before = await counts();
    const direct = await t.gql<{ reportCase: { case: { id: string } } }>('grid.worker', REPORT, {
      input: { title: '下水道堵塞', description: '5号楼下水道堵塞', categoryCode: 'ENVIRONMENT', gridCode: GRID, idempotencyKey: key },
    });
    expect(direct.errors).toBeUndefined();
    expect(direct.data!.reportCase.case.id).toBe(caseId);
    expect((await counts()).cases).toBe(before.cases);
  });

  it('intakeHotlineOrder honours the key too: the same key under another work-order number is CONFLICT', async () => {
    const INTAKE = 'mutation ($input: IntakeHotlineOrderInput!) { intakeHotlineOrder(input: $input) { case { id } } }';
    const key = randomUUID();
    const order = { ...input(key), hotlineOrderNumber: `H17-${Date.now()}` };
    const first = await t.gql<{ intakeHotlineOrder: { case: { id: string } } }>('county.admin', INTAKE, { input: order });
    expect(first.errors).toBeUndefined();
    const again = await t.gql<{ intakeHotlineOrder: { case: { id: string } } }>('county.admin', INTAKE, { input: order });
    expect(again.data!.intakeHotlineOrder.case.id).toBe(first.data!.intakeHotlineOrder.case.id);
    const other = await t.gql('county.admin', INTAKE, { input: { ...order, hotlineOrderNumber: `H17-${Date.now()}-B` } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['hotlineOrderNumber'] });
  });

  it('declareEmergency and createCaseCategory sent again with their keys (also to another instance) write once: one emergency, its events once; other values are CONFLICT', async () => {
    const DECLARE = 'mutation ($input: DeclareEmergencyInput!) { declareEmergency(input: $input) { emergency { id } } }';
    const CATEGORY = 'mutation ($input: CreateCaseCategoryInput!) { createCaseCategory(input: $input) { category { code } } }';
    const count = async (sql: string, params: unknown[] = []) => Number((await t.sql<{ n: string }>(sql, params))[0]!.n);
    const declaration = { areaCode: '330402001', title: '台风防汛', description: '启动防汛应急响应', memberUserIds: [t.subs['grid.worker'], t.subs['village.admin']], idempotencyKey: randomUUID() };
    const emergencies = await count('select count(*) as n from emergency');
    const first = await t.ok<{ declareEmergency: { emergency: { id: string } } }>('jianshe.admin', DECLARE, { input: declaration });
    const again = await graphqlRequest<{ declareEmergency: { emergency: { id: string } } }>(secondUrl, DECLARE, { token: t.tokens['jianshe.admin'], variables: { input: declaration } });
    expect(again.errors).toBeUndefined();
    const id = first.declareEmergency.emergency.id;
    expect(again.data!.declareEmergency.emergency.id).toBe(id);
    expect(await count('select count(*) as n from emergency')).toBe(emergencies + 1);
    // the area's event and one per member, once
    expect(await count(`select count(*) as n from outbox_event where envelope->'data'->>'emergencyId' = ?`, [id])).toBe(3);
    const changed = await t.gql('jianshe.admin', DECLARE, { input: { ...declaration, title: '暴雨防汛' } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['title'] });

    const category = { code: 'FLOOD_RELIEF', nameZh: '防汛救灾', nameEn: 'Flood relief', departmentCodes: [], idempotencyKey: randomUUID() };
    const c1 = await t.ok<{ createCaseCategory: { category: { code: string } } }>('county.admin', CATEGORY, { input: category });
    const c2 = await graphqlRequest<{ createCaseCategory: { category: { code: string } } }>(secondUrl, CATEGORY, { token: t.tokens['county.admin'], variables: { input: category } });
    // Without the key the second create is CONFLICT ("already exists"); with it, the first answer again.
    expect(c2.errors).toBeUndefined();
    expect(c2.data!.createCaseCategory.category.code).toBe(c1.createCaseCategory.category.code);
    expect(await count('select count(*) as n from case_category where code = ?', ['FLOOD_RELIEF'])).toBe(1);
  });

  it('a transition sent again with its key (resolveCase after a lost answer, also to another instance) happens once and returns the case; without a key the resend is CONFLICT', async () => {
    const RESOLVE = 'mutation ($input: ResolveCaseInput!) { resolveCase(input: $input) { case { id status version } } }';
    const trail = async (caseId: string) => {
      const [row] = await t.sql<{ history: string; events: string }>(
        `select (select count(*) from case_history where case_id = ?) as history,
                (select count(*) from outbox_event where subject = 'cases.case.resolved' and envelope->'data'->>'caseId' = ?) as events`,
        [caseId, caseId],
      );
      return { history: Number(row!.history), events: Number(row!.events) };
    };
    const verified = async () => step(t, 'grid.worker', 'verifyCase', { caseId: (await reportCase(t, 'grid.worker', { source: 'GRID_PATROL' })).id });

    const c = await verified();
    const input = { caseId: c.id, expectedVersion: c.version, result: '已清理楼道杂物', idempotencyKey: randomUUID() };
    const first = await t.ok<{ resolveCase: { case: { id: string; status: string; version: number } } }>('grid.worker', RESOLVE, { input });
    expect(first.resolveCase.case).toMatchObject({ id: c.id, status: 'RESOLVED', version: c.version + 1 });
    const after = await trail(c.id);
    expect(after.events).toBe(1);
    const again = await t.ok<{ resolveCase: { case: { id: string; status: string; version: number } } }>('grid.worker', RESOLVE, { input });
    const elsewhere = await onSecond<{ resolveCase: { case: { id: string; status: string; version: number } } }>(RESOLVE, { input });
    expect(elsewhere.errors).toBeUndefined();
    for (const answer of [again.resolveCase.case, elsewhere.data!.resolveCase.case]) expect(answer).toEqual(first.resolveCase.case);
    expect(await trail(c.id)).toEqual(after);
    // The same key with another result: CONFLICT naming it, nothing written.
    const changed = await t.gql('grid.worker', RESOLVE, { input: { ...input, result: '已联系物业处理' } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['result'] });
    expect(await trail(c.id)).toEqual(after);
    // Another user's key is theirs alone: the same key from village.admin is a new request (refused on its own merits here).
    const someoneElse = await transition(t, 'village.admin', 'resolveCase', input);
    expect(someoneElse.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await trail(c.id)).toEqual(after);

    // Without a key, the resend after success is refused (stale version) and writes nothing either.
    const d = await verified();
    const plain = { caseId: d.id, expectedVersion: d.version, result: '已清理楼道杂物' };
    await step(t, 'grid.worker', 'resolveCase', plain);
    const once = await trail(d.id);
    expect((await transition(t, 'grid.worker', 'resolveCase', plain)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await trail(d.id)).toEqual(once);
  });
});

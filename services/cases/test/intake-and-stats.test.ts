import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createEnvelope, type EventEnvelope, EventsService } from '@lianxin/events';
import { queryCounter } from '@lianxin/db';
import { errorCodes } from '@lianxin/testing';
import { localDay } from '../src/deadline/local-time.js';
import { rebuildStats } from '../src/stats/stats-recorder.js';
import { DeadlineScheduler } from '../src/supervision/deadline-scheduler.service.js';
import { CASE_FIELDS, type CaseView, GRID, OTHER_GRID, reportCase, startCasesApp, step, waitFor, type CasesTestApp } from './harness.js';

const ZONE = 'Asia/Shanghai';

/** Other ways in (hazard events, the 12345 hotline), statistics against a recount, federation fields, duplicates and merging. */
process.env.DATABASE_COUNT_QUERIES = 'true';

const BATCH_FIELDS = `areaCode reported resolved resolvedOnTime overdue onTimeRate satisfactionRate reopenRate reopenings
  byStatus { status count } resolutionLevels { grid village township above } ratings { satisfied basicallySatisfied unsatisfied }`;

describe('cases: intake, statistics and the graph', () => {
  let t: CasesTestApp;

  beforeAll(async () => {
    t = await startCasesApp('cases_intake_stats');
  });

  afterAll(async () => {
    await t?.close();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  /** Publishes an event of the grids service on the private NATS (no Nats-Msg-Id: JetStream stores every copy), once the stream exists. */
  const publish = async (envelope: EventEnvelope) => {
    const nc = await t.app.get(EventsService).nats.connection();
    await waitFor(
      () => nc.request(envelope.type, JSON.stringify(envelope), { timeout: 1_000 }).then(() => true, () => false),
      (published) => published,
    );
  };

  describe('a hazard reported in the grids service', () => {
    const hazard = (hazardId: string, severity = 'HIGH') =>
      createEnvelope({
        type: 'grids.hazard.reported',
        areaCode: GRID,
        actor: t.subs['grid.worker'],
        data: {
          hazardId,
          gridCode: GRID,
          keyPlaceId: null,
          description: '电动自行车在楼道内充电',
          severity,
          category: 'ELECTRIC_BIKE_CHARGING',
          reportedBy: t.subs['grid.worker'],
          reportedAt: new Date().toISOString(),
        },
      });

    const casesFor = (hazardId: string) => t.sql<{ id: string; source: string; category_code: string; case_class: string; reported_by_user_id: string }>(
      'select * from "case" where hazard_id = ?',
      [hazardId],
    );

    it('becomes exactly one case, however often the event is delivered or replayed', async () => {
      const hazardId = randomUUID();
      const event = hazard(hazardId);
      await publish(event);
      await publish(event);
      await publish({ ...hazard(hazardId), id: randomUUID() });
      const sentinel = randomUUID();
      await publish(hazard(sentinel, 'LOW'));
      await waitFor(() => casesFor(sentinel), (rows) => rows.length === 1);
      const rows = await casesFor(hazardId);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ source: 'HAZARD_EVENT', category_code: 'SAFETY_HAZARD', case_class: 'MAJOR', reported_by_user_id: t.subs['grid.worker'] });
      expect((await casesFor(sentinel))[0].case_class).toBe('SIMPLE');
      const processed = await t.sql<{ n: string }>(`select count(*) as n from processed_event where consumer = 'cases-hazard-reported'`);
      expect(Number(processed[0].n)).toBe(3);
      const reported = await t.sql(`select 1 from outbox_event where subject = 'cases.case.reported' and envelope->'data'->>'hazardId' = ?`, [hazardId]);
      expect(reported).toHaveLength(1);
    });
  });

  describe('a 12345 hotline work order', () => {
    const intake = (user: 'civil.staff' | 'county.admin' | 'grid.worker', number: string) =>
      t.gql<{ intakeHotlineOrder: { created: boolean; case: CaseView } }>(
        user,
        `mutation ($input: IntakeHotlineOrderInput!) { intakeHotlineOrder(input: $input) { created case { ${CASE_FIELDS} } } }`,
        {
          input: {
            hotlineOrderNumber: number,
            title: '路灯不亮',
            description: '小区东门路灯连续三晚不亮',
            categoryCode: 'INFRASTRUCTURE',
            caseClass: 'SIMPLE',
            gridCode: GRID,
          },
        },
      );

    it('is taken in once: a repeat returns the existing case', async () => {
      const first = await intake('civil.staff', 'GD-2026-000123');
      expect(first.data?.intakeHotlineOrder).toMatchObject({ created: true, case: { source: 'HOTLINE_12345', hotlineOrderNumber: 'GD-2026-000123' } });
      const again = await Promise.all([intake('civil.staff', 'GD-2026-000123'), intake('county.admin', 'GD-2026-000123')]);
      for (const response of again) {
        expect(response.data?.intakeHotlineOrder).toMatchObject({ created: false, case: { id: first.data!.intakeHotlineOrder.case.id } });
      }
      expect(await t.sql('select 1 from "case" where hotline_order_number = ?', ['GD-2026-000123'])).toHaveLength(1);
      expect(errorCodes(await intake('grid.worker', 'GD-2026-000999'))).toEqual(['FORBIDDEN']);
    });

    it('reports every later step back to the hotline', async () => {
      const created = await intake('county.admin', 'GD-2026-000456');
      const id = created.data!.intakeHotlineOrder.case.id;
      await step(t, 'grid.worker', 'verifyCase', { caseId: id });
      await step(t, 'grid.worker', 'resolveCase', { caseId: id, result: '已报修，路灯恢复' });
      const statuses = await t.sql<{ status: string; number: string }>(
        `select envelope->'data'->>'status' as status, envelope->'data'->>'hotlineOrderNumber' as number
         from outbox_event where subject = 'cases.hotline.status_changed' and envelope->'data'->>'caseId' = ? order by seq`,
        [id],
      );
      expect(statuses).toEqual([
        { status: 'VERIFIED', number: 'GD-2026-000456' },
        { status: 'RESOLVED', number: 'GD-2026-000456' },
      ]);
    });
  });

  describe('statistics', () => {
    const personA = randomUUID();
    const today = () => localDay(new Date(), ZONE);
    const period = () => ({ from: localDay(new Date(Date.now() - 86_400_000), ZONE), to: localDay(new Date(Date.now() + 86_400_000), ZONE) });

    const snapshot = async () => ({
      daily: await t.sql(
        `select * from case_daily_stat where reported <> 0 or resolved <> 0 or rated <> 0 or reopened <> 0 or overdue <> 0 or ever_resolved <> 0 or proxy_rated <> 0 or stage_overruns <> 0 or reopen_resolved_on_time <> 0
         order by area_code, day, category_code, case_class, source`,
      ),
      areaDay: await t.sql(
        `select * from case_area_day_stat where reported <> 0 or resolved <> 0 or rated <> 0 or reopened <> 0 or overdue <> 0 or ever_resolved <> 0 or proxy_rated <> 0 or stage_overruns <> 0 or reopen_resolved_on_time <> 0
         order by area_code, day`,
      ),
      areaMonth: await t.sql(
        `select * from case_area_month_stat where reported <> 0 or resolved <> 0 or rated <> 0 or reopened <> 0 or overdue <> 0 or ever_resolved <> 0 or proxy_rated <> 0 or stage_overruns <> 0 or reopen_resolved_on_time <> 0
         order by area_code, month`,
      ),
      status: await t.sql('select * from case_status_count where count <> 0 order by area_code, day, status'),
      statusMonth: await t.sql('select * from case_status_month_count where count <> 0 order by area_code, month, status'),
      workers: await t.sql('select * from case_worker_stat where found <> 0 or resolved <> 0 order by user_id, grid_code, day'),
    });

    beforeAll(async () => {
      // A mixed day: closed in the grid, at the village, by a department, reopened, returned, overdue, merged, still open;
      // §8.2: proxy ratings at return visits (one UNSATISFIED closed by a reviewer), a resident's own rating; §8.1: a stage overrun.
      const closeAtGrid = async (rating: string) => {
        const c = await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', categoryCode: 'ENVIRONMENT', caseClass: 'SIMPLE' });
        await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
        await step(t, 'grid.worker', 'resolveCase', { caseId: c.id, result: '已处理' });
        await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '已告知' });
        await step(t, 'grid.leader', 'recordReturnVisit', { caseId: c.id, rating, method: 'PHONE' });
        if (rating === 'UNSATISFIED') await step(t, 'village.admin', 'closeUnsatisfiedCase', { caseId: c.id, reason: '诉求超出政策范围，已书面解释' });
      };
      await closeAtGrid('SATISFIED');
      await closeAtGrid('SATISFIED');
      await closeAtGrid('BASICALLY_SATISFIED');
      await closeAtGrid('UNSATISFIED');

      // §8.7: staff may name a person of their own area (the person directory places personA in the grid).
      await t.sql('insert into known_person (person_id, grid_code, version) values (?, ?, 1)', [personA, GRID]);
      const atVillage = await reportCase(t, 'grid.worker', { source: 'RESIDENT', categoryCode: 'DISPUTE', reporterPersonId: personA });
      await step(t, 'grid.worker', 'verifyCase', { caseId: atVillage.id });
      await step(t, 'grid.worker', 'escalateCase', { caseId: atVillage.id, reason: '调解未果' });
      await step(t, 'village.admin', 'resolveCase', { caseId: atVillage.id, result: '社区调解成功' });
      await step(t, 'grid.worker', 'feedBackCase', { caseId: atVillage.id, feedback: '已反馈' });
      await step(t, 'grid.leader', 'recordReturnVisit', { caseId: atVillage.id, rating: 'UNSATISFIED', method: 'VISIT' });
      await step(t, 'village.admin', 'resolveCase', { caseId: atVillage.id, result: '再次调解' });

      const byDepartment = await reportCase(t, 'resident.demo', { categoryCode: 'LIVELIHOOD_SERVICE', caseClass: 'MAJOR' });
      await step(t, 'grid.worker', 'verifyCase', { caseId: byDepartment.id });
      await step(t, 'grid.worker', 'escalateCase', { caseId: byDepartment.id, reason: '需部门' });
      await step(t, 'village.admin', 'placeOrder', { caseId: byDepartment.id });
      await step(t, 'jianshe.admin', 'dispatchCase', { caseId: byDepartment.id, departmentCode: 'CIVIL_AFFAIRS' });
      await step(t, 'civil.staff', 'acceptCase', { caseId: byDepartment.id });
      await step(t, 'civil.staff', 'resolveCase', { caseId: byDepartment.id, result: '已办理救助' });
      await step(t, 'grid.worker', 'feedBackCase', { caseId: byDepartment.id, feedback: '已反馈' });
      await step(t, 'resident.demo', 'rateCase', { caseId: byDepartment.id, rating: 'SATISFIED' });

      const returned = await reportCase(t, 'resident.demo', { categoryCode: 'POLICY_QUESTION' });
      await step(t, 'grid.worker', 'returnCase', { caseId: returned.id, reason: '已当面解答政策' });

      const overdue = await reportCase(t, 'grid.worker', { source: 'GRID_PATROL', caseClass: 'SIMPLE', categoryCode: 'SAFETY_HAZARD' });
      const verified = await step(t, 'grid.worker', 'verifyCase', { caseId: overdue.id });
      await t.app.get(DeadlineScheduler).runOnce(new Date(new Date(verified.dueAt!).getTime() + 60_000));
      await step(t, 'village.admin', 'resolveCase', { caseId: overdue.id, result: '隐患已整改' });

      await reportCase(t, 'grid.worker2', { gridCode: OTHER_GRID, source: 'GRID_PATROL', categoryCode: 'OTHER' });
      await reportCase(t, 'county.admin', { gridCode: '330402002001001', source: 'DEPARTMENT' });
      const dispatched = await reportCase(t, 'resident.demo', { categoryCode: 'PUBLIC_SECURITY' });
      await step(t, 'grid.worker', 'verifyCase', { caseId: dispatched.id });
      await step(t, 'grid.worker', 'escalateCase', { caseId: dispatched.id, reason: '治安' });
      await step(t, 'village.admin', 'placeOrder', { caseId: dispatched.id });
      await step(t, 'jianshe.admin', 'dispatchCase', { caseId: dispatched.id, departmentCode: 'PUBLIC_SECURITY', departmentId: randomUUID() });
    });

    it('keeps the summary counters equal to a full recount from the case table', async () => {
      const incremental = await snapshot();
      expect(incremental.daily.length).toBeGreaterThan(0);
      expect(incremental.areaDay.length).toBeGreaterThan(0);
      expect(incremental.areaMonth.length).toBeGreaterThan(0);
      const orm = t.app.get(MikroORM);
      await rebuildStats(orm.em.fork() as EntityManager, ZONE);
      expect(await snapshot()).toEqual(incremental);
    });

    it('answers Area.caseStats from the counters, matching what the cases say', async () => {
      const township = '330402001';
      const stats = await t.ok<{ caseStats: Record<string, unknown> & { byStatus: Array<{ status: string; count: number }> } }>(
        'jianshe.admin',
        `query ($period: CaseStatsPeriod!) { caseStats(areaCode: "${township}", period: $period) {
          reported resolved resolvedOnTime overdue onTimeRate averageHandlingHours satisfactionRate reopenRate reopenings
          proxyRatings { satisfied basicallySatisfied unsatisfied } proxySatisfactionRate stageOverruns reopenedResolvedOnTime
          byCategory { categoryCode count } byClass { caseClass count } bySource { source count } byStatus { status count }
          resolutionLevels { grid village township above gridShare withinVillageShare withinTownshipShare aboveShare }
          ratings { satisfied basicallySatisfied unsatisfied } gridWorkers { userId found resolved resolvedOnTime } } }`,
        { period: period() },
      );
      const [truth] = await t.sql<Record<string, string>>(
        `select count(*) as reported, count(resolved_at) as resolved,
           count(*) filter (where resolved_at_level = 'GRID') as grid, count(*) filter (where resolved_at_level = 'VILLAGE') as village,
           count(*) filter (where resolved_at_level = 'TOWNSHIP') as township, count(*) filter (where resolved_at_level in ('DEPARTMENT', 'COUNTY')) as above,
           count(*) filter (where overdue) as overdue, count(rating) filter (where not rating_by_proxy) as rated,
           count(*) filter (where rating in ('SATISFIED', 'BASICALLY_SATISFIED') and not rating_by_proxy) as satisfied, sum(reopen_count) as reopenings,
           count(rating) filter (where rating_by_proxy) as proxy_rated, count(*) filter (where rating = 'UNSATISFIED' and rating_by_proxy) as proxy_unsatisfied,
           sum(stage_overruns) as stage_overruns
         from "case" where grid_code like ?`,
        [`${township}%`],
      );
      const s = stats.caseStats;
      expect(s).toMatchObject({
        reported: Number(truth.reported),
        resolved: Number(truth.resolved),
        overdue: Number(truth.overdue),
        reopenings: Number(truth.reopenings),
        resolutionLevels: { grid: Number(truth.grid), village: Number(truth.village), township: Number(truth.township), above: Number(truth.above) },
      });
      expect(s.satisfactionRate).toBeCloseTo(Number(truth.satisfied) / Number(truth.rated));
      // §8.2: resident and proxy ratings apart; §8.1: stage overruns.
      const proxy = s.proxyRatings as { satisfied: number; basicallySatisfied: number; unsatisfied: number };
      expect(proxy.satisfied + proxy.basicallySatisfied + proxy.unsatisfied).toBe(Number(truth.proxy_rated));
      expect(Number(truth.proxy_rated)).toBeGreaterThanOrEqual(4);
      expect(proxy.unsatisfied).toBe(Number(truth.proxy_unsatisfied));
      expect(s.stageOverruns).toBe(Number(truth.stage_overruns));
      expect(Number(truth.stage_overruns)).toBeGreaterThan(0);
      expect((s.resolutionLevels as { gridShare: number }).gridShare).toBeCloseTo(Number(truth.grid) / Number(truth.resolved));
      const statusTruth = await t.sql<{ status: string; count: string }>(`select status, count(*) as count from "case" where grid_code like ? group by status order by status`, [`${township}%`]);
      expect(s.byStatus).toEqual(statusTruth.map((row) => ({ status: row.status, count: Number(row.count) })));
      const [worker] = await t.sql<{ found: string; resolved: string }>(
        `select count(*) filter (where reported_by_user_id = ? and source in ('GRID_PATROL', 'HAZARD_EVENT')) as found,
           count(*) filter (where resolved_by_user_id = ? and resolved_at_level = 'GRID') as resolved
         from "case" where grid_code like ?`,
        [t.subs['grid.worker'], t.subs['grid.worker'], `${township}%`],
      );
      expect(s.gridWorkers).toEqual(
        expect.arrayContaining([expect.objectContaining({ userId: t.subs['grid.worker'], found: Number(worker.found), resolved: Number(worker.resolved) })]),
      );
      expect(s.onTimeRate).toBeLessThan(1);

      const viaArea = await t.ok<{ _entities: Array<{ caseStats: { reported: number; area: { code: string } } }> }>(
        'jianshe.admin',
        'query ($r: [_Any!]!, $period: CaseStatsPeriod!) { _entities(representations: $r) { ... on Area { caseStats(period: $period) { reported area { code } } } } }',
        { r: [{ __typename: 'Area', code: township }], period: period() },
      );
      expect(viaArea._entities[0].caseStats).toEqual({ reported: s.reported, area: { code: township } });
      const county = await t.ok<{ caseStats: { reported: number } }>('county.admin', `query ($p: CaseStatsPeriod!) { caseStats(areaCode: "330402", period: $p) { reported } }`, {
        p: period(),
      });
      expect(county.caseStats.reported).toBe(Number((await t.sql<{ n: string }>(`select count(*) as n from "case" where grid_code like '330402%'`))[0].n));
      const ownGrid = await t.ok<{ caseStats: { reported: number } }>('grid.worker', `query ($p: CaseStatsPeriod!) { caseStats(areaCode: "${GRID}", period: $p) { reported } }`, {
        p: period(),
      });
      expect(ownGrid.caseStats.reported).toBe(Number((await t.sql<{ n: string }>('select count(*) as n from "case" where grid_code = ?', [GRID]))[0].n));
    });

    it('reads Area.caseStats of many areas in one batch: two queries, each area as asked alone', async () => {
      const areas = ['330402', '330402001', '330402002', '330402001001', GRID];
      const alone = await Promise.all(
        areas.map(async (code) =>
          (await t.ok<{ caseStats: Record<string, unknown> }>('county.admin', `query ($p: CaseStatsPeriod!) { caseStats(areaCode: "${code}", period: $p) { ${BATCH_FIELDS} } }`, { p: period() })).caseStats,
        ),
      );
      queryCounter.reset();
      const batch = await t.ok<{ _entities: Array<{ caseStats: Record<string, unknown> }> }>(
        'county.admin',
        `query ($r: [_Any!]!, $period: CaseStatsPeriod!) { _entities(representations: $r) { ... on Area { caseStats(period: $period) { ${BATCH_FIELDS} } } } }`,
        { r: areas.map((code) => ({ __typename: 'Area', code })), period: period() },
      );
      expect(batch._entities.map((entity) => entity.caseStats)).toEqual(alone);
      expect(queryCounter.matching('case_area_day_stat')).toHaveLength(1);
      expect(queryCounter.matching('case_daily_stat')).toHaveLength(0);
      expect(queryCounter.matching('case_status_count')).toHaveLength(1);
      // Outside the caller's area: that entry alone is refused, the others answered.
      const mixed = await t.gql('jianshe.admin', `query ($r: [_Any!]!, $period: CaseStatsPeriod!) { _entities(representations: $r) { ... on Area { caseStats(period: $period) { reported } } } }`, {
        r: [{ __typename: 'Area', code: '330402001' }, { __typename: 'Area', code: '330402002' }],
        period: period(),
      });
      expect(errorCodes(mixed)).toEqual(['FORBIDDEN']);
      expect((mixed.data as { _entities: Array<{ caseStats: { reported: number } } | null> })._entities[0]?.caseStats.reported).toBe(alone[1].reported);
    });

    it('refuses statistics outside the caller’s area or for residents, and bad periods', async () => {
      const query = `query ($p: CaseStatsPeriod!) { caseStats(areaCode: "330402002", period: $p) { reported } }`;
      expect(errorCodes(await t.gql('jianshe.admin', query, { p: period() }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await t.gql('resident.demo', query, { p: period() }))).toEqual(['FORBIDDEN']);
      const backwards = await t.gql('county.admin', query, { p: { from: today(), to: '2020-01-01' } });
      expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
    });

    it('contributes Grid.openCases, Person.cases and Department.queue to the graph', async () => {
      const grid = await t.ok<{ _entities: Array<{ openCases: { totalCount: number; edges: Array<{ node: { status: string } }> } }> }>(
        'grid.worker',
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Grid { openCases(first: 100) { totalCount edges { node { status } } } } } }',
        { r: [{ __typename: 'Grid', code: GRID }] },
      );
      const open = await t.sql<{ n: string }>(`select count(*) as n from "case" where grid_code = ? and status not in ('CLOSED', 'RETURNED', 'MERGED')`, [GRID]);
      expect(grid._entities[0].openCases.totalCount).toBe(Number(open[0].n));
      expect(grid._entities[0].openCases.edges.every((edge) => !['CLOSED', 'RETURNED', 'MERGED'].includes(edge.node.status))).toBe(true);

      const person = await t.ok<{ _entities: Array<{ cases: { edges: Array<{ node: { categoryCode: string } }> } }> }>(
        'grid.worker',
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { cases { edges { node { categoryCode } } } } } }',
        { r: [{ __typename: 'Person', id: personA }] },
      );
      expect(person._entities[0].cases.edges.map((edge) => edge.node.categoryCode)).toEqual(['DISPUTE']);

      const queue = (user: 'police.staff' | 'civil.staff') =>
        t.gql<{ _entities: Array<{ queue: { edges: Array<{ node: { categoryCode: string; status: string } }> } }> }>(
          user,
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { queue { edges { node { categoryCode status } } } } } }',
          { r: [{ __typename: 'Department', id: randomUUID(), code: 'PUBLIC_SECURITY', areaCode: '330402' }] },
        );
      const own = await queue('police.staff');
      expect(own.data?._entities[0].queue.edges).toEqual([{ node: { categoryCode: 'PUBLIC_SECURITY', status: 'DISPATCHED' } }]);
      expect(errorCodes(await queue('civil.staff'))).toEqual(['FORBIDDEN']);
    });
  });

  describe('grid names from the grids service (Case.grid @provides name)', () => {
    // Grids of 紫阳社区 no other test reports in.
    const [EAST, NINTH, UNNAMED] = ['330402001002008', '330402001002009', '330402001002007'];
    const gridEvent = (type: 'grids.grid.created' | 'grids.grid.updated', code: string, name: string, version: number) =>
      createEnvelope({ type, areaCode: code, actor: 'system', data: { code, name, kind: 'COMMUNITY', villageCode: code.slice(0, 12), householdCount: 300, partyOrganizationId: null, version } });
    const storedName = async (code: string) => (await t.sql<{ name: string; version: number }>('select name, version from grid_name where code = ?', [code]))[0];

    it('answers a case’s grid name from the grid events, the newest version winning whatever the order of delivery', async () => {
      await publish(gridEvent('grids.grid.created', EAST, '紫阳社区第八网格', 1));
      await publish(gridEvent('grids.grid.updated', EAST, '紫阳社区东网格', 2));
      // The creation again, under a new event id (a replay): the rename stays.
      await publish(gridEvent('grids.grid.created', EAST, '紫阳社区第八网格', 1));
      await publish(gridEvent('grids.grid.created', NINTH, '紫阳社区第九网格', 1));
      await waitFor(() => storedName(NINTH), (row) => row !== undefined);
      expect(await storedName(EAST)).toEqual({ name: '紫阳社区东网格', version: 2 });

      await publish(gridEvent('grids.grid.created', OTHER_GRID, '紫阳社区第一网格', 1));
      await waitFor(() => storedName(OTHER_GRID), (row) => row !== undefined);
      await reportCase(t, 'county.admin', { gridCode: EAST });
      await reportCase(t, 'county.admin', { gridCode: NINTH });
      queryCounter.reset();
      const village = await t.ok<{ cases: { edges: Array<{ node: { grid: { code: string; name: string } } }> } }>(
        'county.admin',
        '{ cases(first: 50, filter: { areaCode: "330402001002" }) { edges { node { grid { code name } } } } }',
      );
      const names = new Map(village.cases.edges.map(({ node }) => [node.grid.code, node.grid.name]));
      expect(names).toEqual(new Map([[OTHER_GRID, '紫阳社区第一网格'], [EAST, '紫阳社区东网格'], [NINTH, '紫阳社区第九网格']]));
      // One lookup for the whole page.
      expect(queryCounter.matching('grid_name')).toHaveLength(1);
    });

    it('skips malformed grid events, and reports a grid it has no name for as NOT_FOUND without hiding its code', async () => {
      await publish(gridEvent('grids.grid.created', UNNAMED, '  ', 1));
      await publish(gridEvent('grids.grid.created', '3304', '太短的代码', 1));
      const sentinel = '330402001002006';
      await publish(gridEvent('grids.grid.created', sentinel, '紫阳社区第六网格', 1));
      await waitFor(() => storedName(sentinel), (row) => row !== undefined);
      expect(await t.sql('select code from grid_name where code in (?, ?)', [UNNAMED, '3304'])).toEqual([]);

      const reported = await reportCase(t, 'county.admin', { gridCode: UNNAMED });
      const codeOnly = await t.ok<{ case: { grid: unknown } }>('county.admin', 'query ($id: ID!) { case(id: $id) { grid { code } } }', { id: reported.id });
      expect(codeOnly.case.grid).toEqual({ code: UNNAMED });
      const withName = await t.gql('county.admin', 'query ($id: ID!) { case(id: $id) { grid { code name } } }', { id: reported.id });
      expect(errorCodes(withName)).toEqual(['NOT_FOUND']);
      expect(withName.errors?.[0].path).toEqual(['case', 'grid', 'name']);
    });
  });

  describe('duplicates and merging', () => {
    it('hints at likely duplicates nearby and merges one into the other, its reporter following the survivor', async () => {
      const here = { longitude: 120.7555, latitude: 30.7469, address: '禾兴社区3幢' };
      const survivor = await reportCase(t, 'grid.worker', { source: 'RESIDENT', categoryCode: 'INFRASTRUCTURE', location: here });
      // §8.7: the resident's account is linked to their person; their report names that person.
      const residentPerson = randomUUID();
      await t.sql('insert into known_person (person_id, grid_code, user_id, version, link_version) values (?, ?, ?, 2, 2)', [residentPerson, GRID, t.subs['resident.demo']]);
      const nearby = await reportCase(t, 'resident.demo', {
        categoryCode: 'INFRASTRUCTURE',
        location: { longitude: here.longitude, latitude: here.latitude + 0.0004 },
      });
      await reportCase(t, 'grid.worker', { source: 'RESIDENT', categoryCode: 'INFRASTRUCTURE', location: { longitude: here.longitude, latitude: here.latitude + 0.01 } });
      await reportCase(t, 'grid.worker', { source: 'RESIDENT', categoryCode: 'ENVIRONMENT', location: here });
      const hints = await t.ok<{ case: { likelyDuplicates: Array<{ id: string }> } }>('grid.worker', 'query ($id: ID!) { case(id: $id) { likelyDuplicates { id } } }', {
        id: survivor.id,
      });
      expect(hints.case.likelyDuplicates.map((c) => c.id)).toEqual([nearby.id]);

      expect(errorCodes(await t.gql('resident.demo', 'query ($id: ID!) { case(id: $id) { id } }', { id: survivor.id }))).toEqual(['NOT_FOUND']);
      const merged = await t.ok<{ mergeCases: { survivor: { id: string; coReporterPersonIds: string[] }; merged: { status: string } } }>(
        'grid.worker',
        'mutation ($input: MergeCasesInput!) { mergeCases(input: $input) { survivor { id coReporterPersonIds } merged { status } } }',
        { input: { survivorId: survivor.id, mergedId: nearby.id, note: '同一路灯' } },
      );
      expect(merged.mergeCases.merged.status).toBe('MERGED');
      expect(merged.mergeCases.survivor.coReporterPersonIds).toEqual([residentPerson]);
      // The resident who reported the duplicate now follows the survivor.
      expect((await t.gql('resident.demo', 'query ($id: ID!) { case(id: $id) { id } }', { id: survivor.id })).errors).toBeUndefined();
      const history = await t.sql<{ action: string; case_id: string }>(`select action, case_id from case_history where action = 'MERGE' and case_id in (?, ?)`, [
        survivor.id,
        nearby.id,
      ]);
      expect(history).toHaveLength(2);
      const again = await t.gql('grid.worker', 'mutation ($input: MergeCasesInput!) { mergeCases(input: $input) { merged { id } } }', {
        input: { survivorId: survivor.id, mergedId: nearby.id },
      });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
    });
  });

  describe('dispute mediation (三调)', () => {

    it('computes the success rate the way Dongbaishui reports its 99%: settled ÷ ended, pending ones left out', async () => {
      const grid = '330402003003001';
      const insert = (outcome: string, n: number) =>
        t.sql(
          `insert into dispute (id, created_at, updated_at, version, case_id, grid_code, parties, level, outcome, opened_at, opened_by_user_id)
           select gen_random_uuid(), now(), now(), 1, gen_random_uuid(), ?, '[]'::jsonb, 'GRID', ?, now(), 'test' from generate_series(1, ?)`,
          [grid, outcome, n],
        );
      await insert('SETTLED', 99);
      await insert('FAILED', 1);
      await insert('PENDING', 7);
      const day = localDay(new Date(), ZONE);
      const stats = await t.ok<{ disputeStats: { opened: number; successRate: number } }>(
        'county.admin',
        `{ disputeStats(areaCode: "330402003003", period: { from: "${day}", to: "${day}" }) { opened successRate } }`,
      );
      expect(stats.disputeStats).toEqual({ opened: 107, successRate: 0.99 });
    });
    const parties = [{ name: '张某', role: '申请人' }, { name: '李某', role: '被申请人' }];
    const open = (user: 'grid.worker' | 'grid.worker2', caseId: string, list = parties) =>
      t.gql<{ openDispute: { dispute: { id: string; level: string; outcome: string } } }>(
        user,
        'mutation ($input: OpenDisputeInput!) { openDispute(input: $input) { dispute { id level outcome } } }',
        { input: { caseId, parties: list } },
      );
    const session = (user: 'grid.worker' | 'grid.worker2' | 'village.admin', disputeId: string, level: string, outcome: string) =>
      t.gql<{ recordMediationSession: { dispute: { level: string; outcome: string; closedAt: string | null } } }>(
        user,
        'mutation ($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { dispute { level outcome closedAt } } }',
        { input: { disputeId, level, outcome, notes: '双方陈述，调解员释法说理' } },
      );

    it('mediates in the grid, then the village, and reports the success rate per area', async () => {
      const first = await reportCase(t, 'resident.demo', { categoryCode: 'DISPUTE' });
      expect((await open('grid.worker', first.id, parties.slice(0, 1))).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parties' });
      expect(errorCodes(await open('grid.worker2', first.id))).toEqual(['NOT_FOUND']);
      const opened = (await open('grid.worker', first.id)).data!.openDispute.dispute;
      expect(opened).toMatchObject({ level: 'GRID', outcome: 'PENDING' });
      expect(errorCodes(await open('grid.worker', first.id))).toEqual(['CONFLICT']);
      expect((await session('grid.worker', opened.id, 'GRID', 'ADJOURNED')).data?.recordMediationSession.dispute).toMatchObject({ outcome: 'PENDING' });
      expect(errorCodes(await session('grid.worker', opened.id, 'VILLAGE', 'SETTLED'))).toEqual(['FORBIDDEN']);
      const settled = await session('village.admin', opened.id, 'VILLAGE', 'SETTLED');
      expect(settled.data?.recordMediationSession.dispute).toMatchObject({ level: 'VILLAGE', outcome: 'SETTLED' });
      expect(errorCodes(await session('village.admin', opened.id, 'VILLAGE', 'SETTLED'))).toEqual(['CONFLICT']);

      const second = await reportCase(t, 'resident.demo', { categoryCode: 'DISPUTE' });
      const other = (await open('grid.worker', second.id)).data!.openDispute.dispute;
      await t.ok('grid.worker', 'mutation ($input: CloseDisputeInput!) { closeDispute(input: $input) { dispute { outcome } } }', {
        input: { disputeId: other.id, outcome: 'FAILED', summary: '双方分歧较大，已引导通过诉讼解决' },
      });

      const detail = await t.ok<{ case: { dispute: { outcome: string; sessions: Array<{ level: string; outcome: string }> } } }>(
        'grid.worker',
        'query ($id: ID!) { case(id: $id) { dispute { outcome sessions { level outcome } } } }',
        { id: first.id },
      );
      expect(detail.case.dispute).toEqual({ outcome: 'SETTLED', sessions: [{ level: 'GRID', outcome: 'ADJOURNED' }, { level: 'VILLAGE', outcome: 'SETTLED' }] });
      const day = localDay(new Date(), ZONE);
      const stats = await t.ok<{ disputeStats: Record<string, unknown> }>(
        'jianshe.admin',
        `{ disputeStats(areaCode: "330402001", period: { from: "${day}", to: "${day}" }) { opened settled failed referred pending successRate settledByLevel { grid village expert } } }`,
      );
      expect(stats.disputeStats).toEqual({ opened: 2, settled: 1, failed: 1, referred: 0, pending: 0, successRate: 0.5, settledByLevel: { grid: 0, village: 1, expert: 0 } });
      const subjects = await t.sql<{ subject: string }>(`select subject from outbox_event where subject like 'cases.dispute.%' order by seq`);
      expect(subjects.map((row) => row.subject)).toEqual([
        'cases.dispute.opened',
        'cases.dispute.mediated',
        'cases.dispute.mediated',
        'cases.dispute.opened',
        'cases.dispute.closed',
      ]);
    });
  });
});

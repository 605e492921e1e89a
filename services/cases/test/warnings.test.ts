import type { EntityManager } from '@mikro-orm/postgresql';
import { errorCodes } from '@lianxin/testing';
import { type CasesTestApp, GRID, OTHER_GRID, reportCase, startCasesApp, waitFor, XINJIA_GRID } from './harness.js';

const VILLAGE = GRID.slice(0, 12);
const TOWNSHIP = GRID.slice(0, 9);
const REPEATER = '00000000-0000-4000-8000-00000000a001';
const ONCE_OR_TWICE = '00000000-0000-4000-8000-00000000a002';

interface WarningView { id: string; rule: string; areaCode: string; level: string; status: string; count: number; details: Record<string, unknown>; version: number }
const WARNINGS = `query ($filter: WarningFilterInput) { warnings(filter: $filter, first: 50) { totalCount edges { node { id rule areaCode level status count details version } } } }`;

function today(offset = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

/** §8.4 early warnings on constructed data: each rule once firing and once holding still; handling by the right level. */
describe('cases subgraph: warnings (§8.4)', () => {
  let t: CasesTestApp;

  const warningsOf = async (rule: string, user: 'county.admin' | 'jianshe.admin' | 'xinjia.admin' = 'county.admin') =>
    (await t.ok<{ warnings: { edges: Array<{ node: WarningView }> } }>(user, WARNINGS, { filter: { rule } })).warnings.edges.map((edge) => edge.node);
  const processed = (consumer: string) => t.sql<{ n: string }>(`select count(*) as n from processed_event where consumer = ?`, [consumer]).then(([row]) => Number(row.n));
  const withServices = async <T>(work: (get: CasesTestApp['app']['get'], em: EntityManager) => Promise<T>): Promise<T> => {
    const { EntityManager: Em } = await import('@mikro-orm/postgresql');
    const em = t.app.get(Em).fork();
    return work(t.app.get.bind(t.app) as CasesTestApp['app']['get'], em);
  };

  beforeAll(async () => {
    t = await startCasesApp('cases_warnings', { CASES_WARNINGS_INTERVAL_MS: '0' });
    // Baselines in the counters: ENVIRONMENT was quiet (4 reports in the 28 days before last week),
    // INFRASTRUCTURE busy (40), in the village and the township alike.
    for (const area of [VILLAGE, TOWNSHIP]) {
      for (const [category, perDay] of [['ENVIRONMENT', 1], ['INFRASTRUCTURE', 10]] as const) {
        for (const daysAgo of [10, 15, 20, 25]) {
          await t.sql(
            `insert into case_daily_stat (area_code, day, category_code, case_class, source, reported) values (?, ?, ?, 'ORDINARY', 'RESIDENT', ?)`,
            [area, today(-daysAgo), category, perDay],
          );
        }
      }
    }
    await t.sql(`insert into known_person (person_id, grid_code, version) values (?, ?, 1), (?, ?, 1)`, [REPEATER, GRID, ONCE_OR_TWICE, GRID]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('§8.4 a category rising against its own baseline fires in the village and township; a busy category with the same reports does not', async () => {
    for (let i = 0; i < 5; i += 1) await reportCase(t, 'grid.worker', { categoryCode: 'ENVIRONMENT', title: `垃圾清运不及时 ${i}` });
    for (let i = 0; i < 5; i += 1) await reportCase(t, 'grid.worker', { categoryCode: 'INFRASTRUCTURE', title: `路灯不亮 ${i}` });
    await waitFor(() => processed('cases-warnings'), (n) => n >= 10);
    const rising = await warningsOf('CATEGORY_RISING');
    expect(rising.map((w) => [w.areaCode, w.level, w.details.category, w.count]).sort()).toEqual([
      [TOWNSHIP, 'TOWNSHIP', 'ENVIRONMENT', 5],
      [VILLAGE, 'VILLAGE', 'ENVIRONMENT', 5],
    ]);
    expect(rising.every((w) => w.details.expected === 1 && w.status === 'OPEN')).toBe(true);
    const raised = await t.sql<{ n: string }>(`select count(*) as n from outbox_event where subject = 'cases.warning.raised'`);
    expect(Number(raised[0].n)).toBeGreaterThanOrEqual(2);
  });

  it('§8.4 repeated cases from one reporter or one address fire at three; two do not', async () => {
    const before = await processed('cases-warnings');
    for (let i = 0; i < 3; i += 1) await reportCase(t, 'grid.worker', { categoryCode: 'OTHER', reporterPersonId: REPEATER, title: `反映 ${i}` });
    for (let i = 0; i < 2; i += 1) await reportCase(t, 'grid.worker', { categoryCode: 'OTHER', reporterPersonId: ONCE_OR_TWICE, title: `反映 ${i}` });
    const addresses = ['禾兴南路 12 号 3 单元', '禾兴南路12号，3单元', '禾兴南路１２号3单元'];
    for (const address of addresses) await reportCase(t, 'grid.worker', { categoryCode: 'POLICY_QUESTION', location: { address } });
    for (const address of ['建国路 1 号', '建国路 1 号']) await reportCase(t, 'grid.worker', { categoryCode: 'POLICY_QUESTION', location: { address } });
    await waitFor(() => processed('cases-warnings'), (n) => n >= before + 10);
    const repeated = await warningsOf('REPEATED_CASES');
    expect(repeated.map((w) => [w.details.key, w.areaCode, w.level, w.count]).sort()).toEqual([
      ['address', VILLAGE, 'VILLAGE', 3],
      ['reporter', VILLAGE, 'VILLAGE', 3],
    ]);
    expect(repeated.find((w) => w.details.key === 'reporter')!.details.personId).toBe(REPEATER);
  });

  it('§8.4 a cluster of overdue cases under one holder fires to its supervisor; two under another holder do not', async () => {
    const { CaseWarningsConsumer } = await import('../src/warnings/warnings.consumers.js');
    const overdue = (n: number, data: Record<string, unknown>) => ({
      id: `00000000-0000-4000-8000-0000000b${String(n).padStart(4, '0')}`, type: 'cases.case.overdue', occurredAt: new Date().toISOString(),
      areaCode: String(data.gridCode), actor: 'system', schemaVersion: 1,
      data: { caseId: `c-${n}`, number: `n-${n}`, category: 'OTHER', status: 'VERIFIED', reporterPersonId: null, ...data },
    });
    await withServices(async (get, em) => {
      for (let n = 0; n < 3; n += 1) await em.transactional((tx) => get(CaseWarningsConsumer).handle(overdue(n, { gridCode: GRID, level: 'DEPARTMENT', assigneeDepartmentCode: 'URBAN_MANAGEMENT' }) as never, tx));
      for (let n = 3; n < 5; n += 1) await em.transactional((tx) => get(CaseWarningsConsumer).handle(overdue(n, { gridCode: OTHER_GRID, level: 'GRID' }) as never, tx));
    });
    const clusters = await warningsOf('OVERDUE_CLUSTER');
    expect(clusters.map((w) => [w.details.holder, w.areaCode, w.level, w.count])).toEqual([['department:URBAN_MANAGEMENT', '330402', 'COUNTY', 3]]);
  });

  it('§8.4 a tally is written in the event\'s own transaction: a handler rolled back (and retried) counts once', async () => {
    const { CaseWarningsConsumer } = await import('../src/warnings/warnings.consumers.js');
    const event = {
      id: '00000000-0000-4000-8000-0000000c0001', type: 'cases.case.overdue', occurredAt: new Date().toISOString(),
      areaCode: GRID, actor: 'system', schemaVersion: 1,
      data: { caseId: 'c-rollback', number: 'n-rollback', category: 'OTHER', status: 'VERIFIED', reporterPersonId: null, gridCode: GRID, level: 'GRID' },
    };
    const tally = async () => Number((await t.sql<{ n: string }>(`select coalesce(sum(count), 0) as n from warning_tally where key like 'overdue:office:GRID:%'`))[0].n);
    const before = await tally();
    await withServices(async (get, em) => {
      // The first delivery fails after the handler ran: nothing of it may stay (the tally included).
      await expect(em.transactional(async (tx) => {
        await get(CaseWarningsConsumer).handle(event as never, tx);
        throw new Error('the handler failed after tallying');
      })).rejects.toThrow('the handler failed after tallying');
      expect(await tally()).toBe(before);
      await em.transactional((tx) => get(CaseWarningsConsumer).handle(event as never, tx));
    });
    expect(await tally()).toBe(before + 1);
  });

  it('§8.4 a dispute past its mediation stage limit fires once; one within its limit does not', async () => {
    const { WarningsScheduler } = await import('../src/warnings/warnings.scheduler.js');
    const insertDispute = (id: string, caseId: string, level: string, daysAgo: number) =>
      t.sql(
        `insert into dispute (id, created_at, updated_at, version, case_id, grid_code, parties, level, outcome, opened_at, opened_by_user_id)
         values (?, now(), now(), 1, ?, ?, '[]', ?, 'PENDING', now() - make_interval(days => ?), 'test')`,
        [id, caseId, GRID, level, daysAgo],
      );
    await insertDispute('00000000-0000-4000-8000-00000000d001', '00000000-0000-4000-8000-00000000c001', 'GRID', 5); // limit 3
    await insertDispute('00000000-0000-4000-8000-00000000d002', '00000000-0000-4000-8000-00000000c002', 'VILLAGE', 5); // limit 10
    expect(await t.app.get(WarningsScheduler).runOnce()).toBe(1);
    expect(await t.app.get(WarningsScheduler).runOnce()).toBe(0); // refreshed, not raised again
    const overruns = await warningsOf('DISPUTE_STAGE_OVERRUN');
    expect(overruns.map((w) => [w.details.disputeId, w.areaCode, w.level])).toEqual([['00000000-0000-4000-8000-00000000d001', VILLAGE, 'VILLAGE']]);
  });

  it('§8.4 overdue care from grids warns the grid (one warning per worker, growing); an empty report does not', async () => {
    const { CareOverdueConsumer } = await import('../src/warnings/warnings.consumers.js');
    const care = (n: number, slots: number) => ({
      id: `00000000-0000-4000-8000-0000000e${String(n).padStart(4, '0')}`, type: 'grids.care.overdue', occurredAt: new Date().toISOString(), areaCode: GRID, actor: 'system', schemaVersion: 1,
      data: {
        gridCode: GRID, staffId: '00000000-0000-4000-8000-00000000f001', staffUserId: null, staffName: '周辉',
        slots: Array.from({ length: slots }, (_, i) => ({ slotId: `s-${n}-${i}`, householdId: `h-${i}`, kind: 'VISIT', dueDate: today(-3) })),
      },
    });
    await withServices(async (get, em) => {
      await em.transactional((tx) => get(CareOverdueConsumer).handle(care(1, 2) as never, tx));
      await em.transactional((tx) => get(CareOverdueConsumer).handle(care(2, 1) as never, tx));
      await em.transactional((tx) => get(CareOverdueConsumer).handle({ ...care(3, 0), data: { ...care(3, 0).data, gridCode: OTHER_GRID } } as never, tx));
    });
    const warnings = await warningsOf('CARE_OVERDUE');
    expect(warnings.map((w) => [w.areaCode, w.level, w.count])).toEqual([[GRID, 'GRID', 3]]);
  });

  it('§8.4 acknowledged and closed with a note by the addressed level or above; another township cannot see or close it', async () => {
    const [village] = (await warningsOf('CATEGORY_RISING')).filter((w) => w.areaCode === VILLAGE);
    // Xinjia's admin sees none of Jianshe's warnings, and cannot handle one.
    expect((await t.ok<{ warnings: { totalCount: number } }>('xinjia.admin', WARNINGS, {})).warnings.totalCount).toBe(0);
    const CLOSE = 'mutation ($input: CloseWarningInput!) { closeWarning(input: $input) { warning { id status closeNote closedBy version history { action actor note } } } }';
    const ACK = 'mutation ($input: AcknowledgeWarningInput!) { acknowledgeWarning(input: $input) { warning { id status acknowledgedBy version } } }';
    expect(errorCodes(await t.gql('xinjia.admin', CLOSE, { input: { id: village.id, note: '已处理' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('village2.admin', ACK, { input: { id: village.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('grid.worker', ACK, { input: { id: village.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('county.auditor', ACK, { input: { id: village.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('village.admin', CLOSE, { input: { id: village.id, note: '  ' } }))).toEqual(['BAD_USER_INPUT']);
    const acknowledged = await t.ok<{ acknowledgeWarning: { warning: { status: string; acknowledgedBy: string } } }>('village.admin', ACK, { input: { id: village.id, note: '已安排排查' } });
    expect(acknowledged.acknowledgeWarning.warning).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: t.subs['village.admin'] });
    const closed = await t.ok<{ closeWarning: { warning: { status: string; closeNote: string; history: Array<{ action: string; actor: string; note: string | null }> } } }>(
      'jianshe.admin', CLOSE, { input: { id: village.id, note: '清运车辆已增加，恢复正常' } },
    );
    expect(closed.closeWarning.warning.status).toBe('CLOSED');
    expect(closed.closeWarning.warning.history.map((step) => [step.action, step.actor])).toEqual([
      ['RAISED', 'system'],
      ...closed.closeWarning.warning.history.filter((step) => step.action === 'REFRESHED').map(() => ['REFRESHED', 'system']),
      ['ACKNOWLEDGED', t.subs['village.admin']],
      ['CLOSED', t.subs['jianshe.admin']],
    ]);
    // A retried close changes nothing; the history cannot be rewritten.
    expect((await t.ok<{ closeWarning: { warning: { status: string } } }>('jianshe.admin', CLOSE, { input: { id: village.id, note: '清运车辆已增加，恢复正常' } })).closeWarning.warning.status).toBe('CLOSED');
    await expect(t.sql(`update warning_history set note = 'x' where warning_id = ?`, [village.id])).rejects.toThrow(/append-only/);
    const events = await t.sql<{ subject: string }>(`select subject from outbox_event where subject in ('cases.warning.acknowledged', 'cases.warning.closed') order by seq`);
    expect(events.map((e) => e.subject)).toEqual(['cases.warning.acknowledged', 'cases.warning.closed']);
    // The township still lists it (closed), Xinjia still sees nothing.
    expect((await warningsOf('CATEGORY_RISING', 'jianshe.admin')).find((w) => w.id === village.id)?.status).toBe('CLOSED');
    expect(await warningsOf('CATEGORY_RISING', 'xinjia.admin')).toEqual([]);
    void XINJIA_GRID;
  });
});

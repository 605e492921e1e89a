import { randomUUID } from 'node:crypto';
import { MikroORM, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { queryCounter, runMigrationCommand } from '@lianxin/db';
import { createTestDatabase, type TestDatabase } from '@lianxin/testing';
import { CaseClass, CaseSource, CaseStatus, HandlingLevel, Rating } from '../src/case/case-enums.js';
import type { StatFacts } from '../src/stats/case-contribution.js';
import { rebuildStats, recordStatChange } from '../src/stats/stats-recorder.js';
import { StatsService } from '../src/stats/stats.service.js';
import type { CaseStats } from '../src/stats/stats.types.js';

/**
 * The monthly rollups (case_area_month_stat, case_status_month_count): kept exact by every writer
 * of the daily rows, and read for the whole months of a period with the same answers as the daily
 * rows alone. Cases over five months around a year end, written through the service's own
 * recorder (and as rows of the case table, for the rebuild), on a real migrated database.
 */
process.env.DATABASE_COUNT_QUERIES = 'true';

const ZONE = 'Asia/Shanghai';
const GRIDS = ['330402001001001', '330402001002001', '330402002001001', '330411001001001'];
const AREAS = [...new Set(GRIDS.flatMap((grid) => [15, 12, 9, 6].map((length) => grid.slice(0, length))))].sort();
const COUNTER_TABLES = ['case_daily_stat', 'case_area_day_stat', 'case_area_month_stat', 'case_status_count', 'case_status_month_count', 'case_worker_stat'];
const FIRST_REPORT = Date.parse('2024-11-20T00:00:00Z');
const LAST_REPORT = Date.parse('2025-04-10T00:00:00Z');

/** mulberry32: the same cases on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FACT_COLUMNS = ['category_code', 'case_class', 'source', 'status', 'due_at', 'overdue', 'resolved_at', 'resolved_at_level', 'resolved_by_user_id', 'rating', 'reopen_count', 'rating_by_proxy', 'stage_overruns'];
const factValues = (f: StatFacts) => [f.categoryCode, f.caseClass, f.source, f.status, f.dueAt, f.overdue, f.resolvedAt, f.resolvedAtLevel, f.resolvedByUserId, f.rating, f.reopenCount, f.ratingByProxy, f.stageOverruns];

describe('cases: monthly statistics rollups', () => {
  let database: TestDatabase;
  let orm: MikroORM;
  let config: Options;
  const cases = new Map<string, StatFacts>();
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute<T[]>(query, params);

  /** Writes a case's new state and its counters in one transaction, as the workflow does. */
  async function change(id: string, after: StatFacts): Promise<void> {
    const before = cases.get(id) ?? null;
    await orm.em.fork().transactional(async (tx) => {
      if (before) {
        await tx.execute(`update "case" set ${FACT_COLUMNS.map((column) => `"${column}" = ?`).join(', ')} where "id" = ?`, [...factValues(after), id], 'run');
      } else {
        await tx.execute(
          `insert into "case" ("id", "created_at", "updated_at", "number", "title", "description", "service_kind", "co_reporter_user_ids", "co_reporter_person_ids",
             "attachments", "level", "grid_code", "reported_at", "reported_by_user_id", ${FACT_COLUMNS.map((column) => `"${column}"`).join(', ')})
           values (?, now(), now(), ?, '测试', '测试', 'HELP', '{}', '{}', '[]', 'GRID', ?, ?, ?, ${FACT_COLUMNS.map(() => '?').join(', ')})`,
          [id, id, after.gridCode, after.reportedAt, after.reportedByUserId, ...factValues(after)],
          'run',
        );
      }
      await recordStatChange(tx as EntityManager, before, after, ZONE);
    });
    cases.set(id, after);
  }

  /** The rows of the four tables that count something (a row of zeros and no row are the same). */
  const snapshot = async () => ({
    areaDay: await sql(`select * from "case_area_day_stat" where greatest(reported, resolved, rated, reopened, overdue, ever_resolved) <> 0 order by 1, 2`),
    areaMonth: await sql(`select * from "case_area_month_stat" where greatest(reported, resolved, rated, reopened, overdue, ever_resolved) <> 0 order by 1, 2`),
    status: await sql(`select * from "case_status_count" where "count" <> 0 order by 1, 2, 3`),
    statusMonth: await sql(`select * from "case_status_month_count" where "count" <> 0 order by 1, 2, 3`),
  });

  /** The monthly tables next to the daily rows summed per calendar month. */
  async function monthlyAgainstDaily() {
    const counters = 'sum(reported) as reported, sum(resolved) as resolved, sum(resolved_on_time) as on_time, sum(handling_minutes) as minutes, sum(rated) as rated, sum(unsatisfied) as unsatisfied, sum(reopened) as reopened, sum(overdue) as overdue';
    const nonZero = 'having greatest(sum(reported), sum(resolved), sum(rated), sum(reopened), sum(overdue)) <> 0';
    return {
      monthly: await sql(`select area_code, to_char(month, 'YYYY-MM') as month, ${counters} from case_area_month_stat group by 1, 2 ${nonZero} order by 1, 2`),
      daily: await sql(`select area_code, to_char(day, 'YYYY-MM') as month, ${counters} from case_area_day_stat group by 1, 2 ${nonZero} order by 1, 2`),
      monthlyStatus: await sql(`select area_code, to_char(month, 'YYYY-MM') as month, status, sum(count) as n from case_status_month_count group by 1, 2, 3 having sum(count) <> 0 order by 1, 2, 3`),
      dailyStatus: await sql(`select area_code, to_char(day, 'YYYY-MM') as month, status, sum(count) as n from case_status_count group by 1, 2, 3 having sum(count) <> 0 order by 1, 2, 3`),
    };
  }

  async function expectMonthlyEqualsDaily(): Promise<void> {
    const { monthly, daily, monthlyStatus, dailyStatus } = await monthlyAgainstDaily();
    expect(daily.length).toBeGreaterThan(AREAS.length * 4);
    expect(monthly).toEqual(daily);
    expect(monthlyStatus).toEqual(dailyStatus);
  }

  /** What summing the daily rows alone gives for each area and a period (the reading before the rollups). */
  async function fromDailyRows(areaCodes: string[], period: { from: string; to: string }) {
    const answers = [];
    for (const code of areaCodes) {
      // An area above county level is the sum of its counties'.
      const scope = code.length >= 6 ? 'area_code = ?' : `area_code like ? || '%' and length(area_code) = 6`;
      const params = [code, period.from, period.to];
      const [row] = await sql<Record<string, string | null>>(
        `select sum(reported) as reported, sum(resolved) as resolved, sum(resolved_on_time) as resolved_on_time, sum(overdue) as overdue,
           sum(reopened) as reopened, sum(resolved_at_grid) as grid, sum(resolved_at_village) as village, sum(resolved_at_township) as township,
           sum(resolved_above) as above, sum(satisfied) as satisfied, sum(basically_satisfied) as basically_satisfied, sum(unsatisfied) as unsatisfied,
           sum(handling_minutes) as minutes, sum(reopened_cases) as reopened_cases, sum(ever_resolved) as ever_resolved
         from case_area_day_stat where ${scope} and day between ? and ?`,
        params,
      );
      const statuses = await sql<{ status: CaseStatus; count: string }>(
        `select status, sum(count) as count from case_status_count where ${scope} and day between ? and ? group by 1 having sum(count) > 0 order by 1`,
        params,
      );
      const n = (name: string) => Number(row[name] ?? 0);
      answers.push({
        reported: n('reported'),
        resolved: n('resolved'),
        resolvedOnTime: n('resolved_on_time'),
        overdue: n('overdue'),
        reopenings: n('reopened'),
        levels: [n('grid'), n('village'), n('township'), n('above')],
        ratings: { satisfied: n('satisfied'), basicallySatisfied: n('basically_satisfied'), unsatisfied: n('unsatisfied') },
        averageHandlingHours: n('resolved') > 0 ? n('minutes') / n('resolved') / 60 : null,
        reopenRate: n('ever_resolved') > 0 ? n('reopened_cases') / n('ever_resolved') : null,
        byStatus: statuses.map((status) => ({ status: status.status, count: Number(status.count) })),
      });
    }
    return answers;
  }

  const countersOf = (stats: CaseStats) => ({
    reported: stats.reported,
    resolved: stats.resolved,
    resolvedOnTime: stats.resolvedOnTime,
    overdue: stats.overdue,
    reopenings: stats.reopenings,
    levels: [stats.resolutionLevels.grid, stats.resolutionLevels.village, stats.resolutionLevels.township, stats.resolutionLevels.above],
    ratings: stats.ratings,
    averageHandlingHours: stats.averageHandlingHours,
    reopenRate: stats.reopenRate,
    byStatus: stats.byStatus,
  });

  const counterStatements = () => queryCounter.matching().filter((statement) => COUNTER_TABLES.some((table) => statement.includes(`"${table}"`)));

  beforeAll(async () => {
    database = await createTestDatabase('cases_monthly');
    const { ormConfig } = await import('../src/mikro-orm.config.js');
    config = ormConfig({ dbName: database.name, pool: { min: 0, max: 2 } });
    if ((await runMigrationCommand(config, 'up', () => undefined)) !== 0) throw new Error('migrations failed');
    orm = await MikroORM.init(config);

    // 400 cases from late November to early April, each walked a few steps: verified, reclassified,
    // resolved at some level, rated, reopened, overdue.
    const next = random(7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    for (let i = 0; i < 400; i++) {
      const id = randomUUID();
      const reportedAt = new Date(FIRST_REPORT + Math.floor((next() * (LAST_REPORT - FIRST_REPORT)) / 1000) * 1000);
      let facts: StatFacts = {
        gridCode: pick(GRIDS),
        reportedAt,
        categoryCode: pick(['DISPUTE', 'ENVIRONMENT', 'SAFETY_HAZARD']),
        caseClass: pick([CaseClass.SIMPLE, CaseClass.ORDINARY, CaseClass.MAJOR]),
        source: pick([CaseSource.RESIDENT, CaseSource.GRID_PATROL, CaseSource.HOTLINE_12345]),
        status: CaseStatus.REPORTED,
        dueAt: new Date(reportedAt.getTime() + 3 * 86_400_000),
        overdue: false,
        resolvedAt: null,
        resolvedAtLevel: null,
        resolvedByUserId: null,
        reportedByUserId: `worker-${i % 5}`,
        rating: null,
        // Kept at their defaults: the migration round trip below drops the §8.1/§8.2 columns on the way down
        // and recomputes them from the history on the way up, and these rows have none (intake-and-stats covers them).
        ratingByProxy: false,
        reopenCount: 0,
        stageOverruns: 0,
      };
      await change(id, facts);
      const steps: Array<(f: StatFacts) => StatFacts> = [
        (f) => ({ ...f, status: CaseStatus.VERIFIED }),
        (f) => ({ ...f, categoryCode: f.categoryCode === 'DISPUTE' ? 'ENVIRONMENT' : 'DISPUTE' }),
        (f) => ({ ...f, overdue: true, status: CaseStatus.ESCALATED }),
        (f) => ({
          ...f,
          status: CaseStatus.RESOLVED,
          resolvedAt: new Date(f.reportedAt.getTime() + Math.floor(next() * 5 * 86_400) * 1000),
          resolvedAtLevel: pick([HandlingLevel.GRID, HandlingLevel.VILLAGE, HandlingLevel.TOWNSHIP, HandlingLevel.DEPARTMENT]),
          resolvedByUserId: 'worker-0',
        }),
        (f) => (f.resolvedAt ? { ...f, status: CaseStatus.CLOSED, rating: pick([Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.UNSATISFIED]) } : f),
        (f) => (f.resolvedAt ? { ...f, status: CaseStatus.IN_PROGRESS, resolvedAt: null, resolvedAtLevel: null, resolvedByUserId: null, rating: null, reopenCount: f.reopenCount + 1 } : f),
      ];
      for (const step of steps) {
        if (next() < 0.45) {
          facts = step(facts);
          await change(id, facts);
        }
      }
    }
  });

  afterAll(async () => {
    await orm?.close(true);
    await database?.drop();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  it('keeps the monthly rows equal to the daily rows summed per month, and adds no statement to a case change', async () => {
    await expectMonthlyEqualsDaily();
    queryCounter.reset();
    await change(randomUUID(), { ...cases.values().next().value!, status: CaseStatus.REPORTED, source: CaseSource.RESIDENT, resolvedAt: null, resolvedAtLevel: null, rating: null, reopenCount: 0, overdue: false });
    // Category rows, area totals and statuses: the area totals and statuses each with their month rows in the same statement.
    const counters = counterStatements();
    expect(counters).toHaveLength(3);
    expect(counters.filter((statement) => statement.includes('"case_area_day_stat"') && statement.includes('"case_area_month_stat"'))).toHaveLength(1);
    expect(counters.filter((statement) => statement.includes('"case_status_count"') && statement.includes('"case_status_month_count"'))).toHaveLength(1);
  });

  it('moves a status change from one status to the other in the month rows of every area above the case', async () => {
    const [id, facts] = [...cases.entries()].find(([, f]) => f.status === CaseStatus.REPORTED && f.gridCode === GRIDS[0])!;
    const month = `${new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(facts.reportedAt)}-01`;
    const areas = [15, 12, 9, 6].map((length) => facts.gridCode.slice(0, length));
    const counts = async () =>
      sql<{ area_code: string; status: string; count: number }>(
        `select area_code, status, count from case_status_month_count where area_code in (?) and month = ? and status in ('REPORTED', 'VERIFIED') order by 1, 2`,
        [areas, month],
      );
    const before = await counts();
    await change(id, { ...facts, status: CaseStatus.VERIFIED });
    const after = await counts();
    for (const area of areas) {
      const of = (rows: typeof before, status: string) => rows.find((row) => row.area_code === area && row.status === status)?.count ?? 0;
      expect(of(after, 'REPORTED')).toBe(of(before, 'REPORTED') - 1);
      expect(of(after, 'VERIFIED')).toBe(of(before, 'VERIFIED') + 1);
    }
    await expectMonthlyEqualsDaily();
  });

  /** Periods, and whether they hold a whole month (then the monthly tables must be read). */
  const PERIODS: Array<[string, { from: string; to: string }, boolean]> = [
    ['inside one month', { from: '2025-01-05', to: '2025-01-20' }, false],
    ['exactly one month', { from: '2025-01-01', to: '2025-01-31' }, true],
    ['a calendar quarter', { from: '2025-01-01', to: '2025-03-31' }, true],
    ['whole months across a year boundary', { from: '2024-12-01', to: '2025-02-28' }, true],
    ['across a year boundary, starting mid-month', { from: '2024-12-10', to: '2025-01-31' }, true],
    ['across a year boundary without a whole month', { from: '2024-12-20', to: '2025-01-10' }, false],
    ['starting and ending mid-month', { from: '2024-11-25', to: '2025-03-05' }, true],
    ['ending mid-month', { from: '2025-02-01', to: '2025-03-15' }, true],
    ['a single day (new year)', { from: '2025-01-01', to: '2025-01-01' }, false],
    ['a single day (new year’s eve)', { from: '2024-12-31', to: '2024-12-31' }, false],
    ['every month of the data and more', { from: '2024-11-01', to: '2025-04-30' }, true],
  ];
  const periodNamed = (name: string) => PERIODS.find(([label]) => label === name)![1];

  it.each(PERIODS)('answers %s as the daily rows do, in two statements for all areas', async (_, period, holdsWholeMonth) => {
    const stats = new StatsService(orm.em.fork());
    queryCounter.reset();
    const answers = await stats.caseStatsOfAreas(AREAS, period);
    const statements = counterStatements();
    expect(statements).toHaveLength(2);
    expect(statements.map((statement) => /"case_(area|status)_month_(stat|count)"/.test(statement))).toEqual([holdsWholeMonth, holdsWholeMonth]);
    const expected = await fromDailyRows(AREAS, period);
    expect(answers.map(countersOf)).toEqual(expected);
    expect(expected.reduce((sum, area) => sum + area.reported, 0)).toBeGreaterThan(0);
  });

  it('answers areas above county level as the sum of their counties, months and days alike', async () => {
    const stats = new StatsService(orm.em.fork());
    for (const name of ['starting and ending mid-month', 'a calendar quarter', 'a single day (new year)']) {
      const answers = await stats.caseStatsOfAreas(['3304', '33'], periodNamed(name));
      expect(answers.map(countersOf)).toEqual(await fromDailyRows(['3304', '33'], periodNamed(name)));
      expect(answers[0].reported).toBeGreaterThan(0);
    }
  });

  it('gives the same monthly rows after a rebuild from the case table, and after the migration fills them afresh', async () => {
    const incremental = await snapshot();
    expect(incremental.areaMonth.length).toBeGreaterThan(0);
    await rebuildStats(orm.em.fork(), ZONE);
    expect(await snapshot()).toEqual(incremental);
    await expectMonthlyEqualsDaily();

    // Back to just before the monthly rollups (later migrations go down first), then all the way up again.
    const migrating = await MikroORM.init(config);
    try {
      await migrating.migrator.down({ to: 'Migration20261125000000_open_overdue' });
    } finally {
      await migrating.close(true);
    }
    expect((await sql(`select 1 from pg_tables where tablename = 'case_area_month_stat'`)).length).toBe(0);
    expect(await runMigrationCommand(config, 'up', () => undefined)).toBe(0);
    expect(await snapshot()).toEqual(incremental);
  });
});

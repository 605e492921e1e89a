import type { EntityManager } from '@mikro-orm/postgresql';
import { contributionDelta, DAILY_COUNTERS, FOUND_BY_STAFF_SOURCES, WORKER_COUNTERS, type StatFacts } from './case-contribution.js';

const quote = (name: string) => `"${name}"`;

/**
 * Applies a case change to the summary counters inside the caller's transaction. Rows are written in
 * key order, so two transactions touching the same rows wait for each other instead of deadlocking.
 */
export async function recordStatChange(em: EntityManager, before: StatFacts | null, after: StatFacts | null, timeZone: string): Promise<void> {
  const delta = contributionDelta(before, after, timeZone);
  if (delta.daily.length > 0) {
    const columns = ['area_code', 'day', 'category_code', 'case_class', 'source', ...DAILY_COUNTERS];
    const values: unknown[] = [];
    for (const row of delta.daily) {
      values.push(row.areaCode, row.day, row.categoryCode, row.caseClass, row.source, ...DAILY_COUNTERS.map((name) => row.counters[name] ?? 0));
    }
    await em.execute(
      `insert into "case_daily_stat" (${columns.map(quote).join(', ')}) values ${placeholders(delta.daily.length, columns.length)}
       on conflict ("area_code", "day", "category_code", "case_class", "source") do update set
       ${DAILY_COUNTERS.map((name) => `${quote(name)} = "case_daily_stat".${quote(name)} + excluded.${quote(name)}`).join(', ')}`,
      values,
      'run',
    );
    const totals = areaDayTotals(delta.daily);
    await em.execute(
      `insert into "case_area_day_stat" ("area_code", "day", ${DAILY_COUNTERS.map(quote).join(', ')}) values ${placeholders(totals.length, 2 + DAILY_COUNTERS.length)}
       on conflict ("area_code", "day") do update set
       ${DAILY_COUNTERS.map((name) => `${quote(name)} = "case_area_day_stat".${quote(name)} + excluded.${quote(name)}`).join(', ')}`,
      totals.flatMap((row) => [row.areaCode, row.day, ...DAILY_COUNTERS.map((name) => row.counters[name])]),
      'run',
    );
  }
  if (delta.status.length > 0) {
    await em.execute(
      `insert into "case_status_count" ("area_code", "day", "status", "count") values ${placeholders(delta.status.length, 4)}
       on conflict ("area_code", "day", "status") do update set "count" = "case_status_count"."count" + excluded."count"`,
      delta.status.flatMap((row) => [row.areaCode, row.day, row.status, row.count]),
      'run',
    );
  }
  if (delta.workers.length > 0) {
    const columns = ['user_id', 'grid_code', 'day', ...WORKER_COUNTERS];
    await em.execute(
      `insert into "case_worker_stat" (${columns.map(quote).join(', ')}) values ${placeholders(delta.workers.length, columns.length)}
       on conflict ("user_id", "grid_code", "day") do update set
       ${WORKER_COUNTERS.map((name) => `${quote(name)} = "case_worker_stat".${quote(name)} + excluded.${quote(name)}`).join(', ')}`,
      delta.workers.flatMap((row) => [row.userId, row.gridCode, row.day, ...WORKER_COUNTERS.map((name) => row.counters[name] ?? 0)]),
      'run',
    );
  }
}

/** The daily rows' counters summed per area and day, in key order (rows are locked in that order). */
function areaDayTotals(daily: ReturnType<typeof contributionDelta>['daily']): Array<{ areaCode: string; day: string; counters: Record<string, number> }> {
  const byKey = new Map<string, { areaCode: string; day: string; counters: Record<string, number> }>();
  for (const row of daily) {
    const key = `${row.areaCode}|${row.day}`;
    const total = byKey.get(key) ?? { areaCode: row.areaCode, day: row.day, counters: Object.fromEntries(DAILY_COUNTERS.map((name) => [name, 0])) };
    for (const name of DAILY_COUNTERS) total.counters[name] += Number(row.counters[name] ?? 0);
    byKey.set(key, total);
  }
  return [...byKey.values()].sort((a, b) => a.areaCode.localeCompare(b.areaCode) || a.day.localeCompare(b.day));
}

function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

const ON_TIME = `(c.resolved_at is not null and not c.overdue and (c.due_at is null or c.resolved_at <= c.due_at))`;
const AREAS = `cross join lateral (values (left(c.grid_code, 15)), (left(c.grid_code, 12)), (left(c.grid_code, 9)), (left(c.grid_code, 6))) as a(area_code)`;

/** The counters recomputed from the case table alone: the same rules as case-contribution.ts, in SQL. */
export const RECOUNT_SQL = {
  daily: `select a.area_code, (c.reported_at at time zone ?)::date as day, c.category_code, c.case_class, c.source,
      count(*) as reported,
      count(*) filter (where c.resolved_at is not null) as resolved,
      count(*) filter (where ${ON_TIME}) as resolved_on_time,
      count(*) filter (where c.resolved_at is not null and coalesce(c.resolved_at_level, 'GRID') = 'GRID') as resolved_at_grid,
      count(*) filter (where c.resolved_at is not null and c.resolved_at_level = 'VILLAGE') as resolved_at_village,
      count(*) filter (where c.resolved_at is not null and c.resolved_at_level = 'TOWNSHIP') as resolved_at_township,
      count(*) filter (where c.resolved_at is not null and c.resolved_at_level in ('DEPARTMENT', 'COUNTY')) as resolved_above,
      coalesce(sum(greatest(0, floor(extract(epoch from (c.resolved_at - c.reported_at)) / 60))) filter (where c.resolved_at is not null), 0) as handling_minutes,
      count(*) filter (where c.resolved_at is not null or c.reopen_count > 0) as ever_resolved,
      count(*) filter (where c.rating is not null) as rated,
      count(*) filter (where c.rating = 'SATISFIED') as satisfied,
      count(*) filter (where c.rating = 'BASICALLY_SATISFIED') as basically_satisfied,
      count(*) filter (where c.rating = 'UNSATISFIED') as unsatisfied,
      coalesce(sum(c.reopen_count), 0) as reopened,
      count(*) filter (where c.reopen_count > 0) as reopened_cases,
      count(*) filter (where c.overdue) as overdue
    from "case" c ${AREAS}
    group by 1, 2, 3, 4, 5`,
  status: `select a.area_code, (c.reported_at at time zone ?)::date as day, c.status, count(*) as count
    from "case" c ${AREAS} group by 1, 2, 3`,
  workers: `select user_id, grid_code, day, sum(found) as found, sum(resolved) as resolved, sum(resolved_on_time) as resolved_on_time from (
      select c.reported_by_user_id as user_id, c.grid_code, (c.reported_at at time zone ?)::date as day, 1 as found, 0 as resolved, 0 as resolved_on_time
        from "case" c where c.source in (${FOUND_BY_STAFF_SOURCES.map((source) => `'${source}'`).join(', ')}) and c.reported_by_user_id <> 'system'
      union all
      select c.resolved_by_user_id, c.grid_code, (c.reported_at at time zone ?)::date, 0, 1, case when ${ON_TIME} then 1 else 0 end
        from "case" c where c.resolved_at is not null and c.resolved_at_level = 'GRID' and c.resolved_by_user_id is not null
    ) as contributions group by 1, 2, 3`,
};

/** case_area_day_stat's rows from case_daily_stat's (rebuild and the migration that introduced it). */
export const AREA_DAY_FROM_DAILY_SQL = `select "area_code", "day", ${DAILY_COUNTERS.map((name) => `sum(${quote(name)})`).join(', ')} from "case_daily_stat" group by 1, 2`;

/** Throws the counters away and recomputes them from the cases (after a bulk load, or to repair). */
export async function rebuildStats(em: EntityManager, timeZone: string): Promise<void> {
  await em.transactional(async (tx) => {
    // One rebuild at a time, and no case change sneaks in between the delete and the recount.
    await tx.execute('lock table "case" in share mode', [], 'run');
    await tx.execute('delete from "case_daily_stat"', [], 'run');
    await tx.execute('delete from "case_area_day_stat"', [], 'run');
    await tx.execute('delete from "case_status_count"', [], 'run');
    await tx.execute('delete from "case_worker_stat"', [], 'run');
    await tx.execute(
      `insert into "case_daily_stat" ("area_code", "day", "category_code", "case_class", "source", ${DAILY_COUNTERS.map(quote).join(', ')}) ${RECOUNT_SQL.daily}`,
      [timeZone],
      'run',
    );
    await tx.execute(`insert into "case_area_day_stat" ("area_code", "day", ${DAILY_COUNTERS.map(quote).join(', ')}) ${AREA_DAY_FROM_DAILY_SQL}`, [], 'run');
    await tx.execute(`insert into "case_status_count" ("area_code", "day", "status", "count") ${RECOUNT_SQL.status}`, [timeZone], 'run');
    await tx.execute(
      `insert into "case_worker_stat" ("user_id", "grid_code", "day", ${WORKER_COUNTERS.map(quote).join(', ')}) ${RECOUNT_SQL.workers}`,
      [timeZone, timeZone],
      'run',
    );
  });
}

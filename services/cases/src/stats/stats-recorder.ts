import type { EntityManager } from '@mikro-orm/postgresql';
import { contributionDelta, DAILY_COUNTERS, FOUND_BY_STAFF_SOURCES, WORKER_COUNTERS, type StatFacts } from './case-contribution.js';
import { MONTHLY_FILL_SQL, monthOf } from './monthly-rollup.js';

const quote = (name: string) => `"${name}"`;

interface Statement {
  sql: string;
  params: unknown[];
}

/** A row of an adding upsert: its key columns' values, then its counters'. */
interface CounterRow {
  key: string[];
  counters: number[];
}

/**
 * Applies a case change to the summary counters inside the caller's transaction. Rows are written in
 * key order, so two transactions touching the same rows wait for each other instead of deadlocking.
 *
 * The monthly rollups go in the same statement as the day rows they sum (a data-modifying WITH),
 * computed here from the same delta: no extra round trip, and cheaper than a trigger on the daily
 * tables, which would run PL/pgSQL per row on every case change and on every row a rebuild inserts.
 * Every transaction runs the same statement shape, so month rows are locked in the same order
 * relative to day rows everywhere.
 */
export async function recordStatChange(em: EntityManager, before: StatFacts | null, after: StatFacts | null, timeZone: string): Promise<void> {
  const delta = contributionDelta(before, after, timeZone);
  const run = (statement: Statement) => em.execute(statement.sql, statement.params, 'run');
  if (delta.daily.length > 0) {
    await run(
      addingUpsert(
        'case_daily_stat',
        ['area_code', 'day', 'category_code', 'case_class', 'source'],
        DAILY_COUNTERS,
        delta.daily.map((row) => ({
          key: [row.areaCode, row.day, row.categoryCode, row.caseClass, row.source],
          counters: DAILY_COUNTERS.map((name) => row.counters[name] ?? 0),
        })),
      ),
    );
    const days = summedByKey(delta.daily.map((row) => ({ key: [row.areaCode, row.day], counters: DAILY_COUNTERS.map((name) => row.counters[name] ?? 0) })));
    const months = summedByKey(days.map((row) => ({ key: [row.key[0], monthOf(row.key[1])], counters: row.counters })));
    // A change of category, class or source alone moves counters within the same area and day: nothing to add there.
    if (days.length > 0) {
      await run(
        withRollup(
          addingUpsert('case_area_day_stat', ['area_code', 'day'], DAILY_COUNTERS, days),
          months.length > 0 ? addingUpsert('case_area_month_stat', ['area_code', 'month'], DAILY_COUNTERS, months) : null,
        ),
      );
    }
  }
  if (delta.status.length > 0) {
    const days = delta.status.map((row) => ({ key: [row.areaCode, row.day, row.status], counters: [row.count] }));
    // A status change moves a case from one status to another within its month: -1 and +1 in two rows.
    const months = summedByKey(days.map((row) => ({ key: [row.key[0], monthOf(row.key[1]), row.key[2]], counters: row.counters })));
    await run(
      withRollup(
        addingUpsert('case_status_count', ['area_code', 'day', 'status'], ['count'], days),
        months.length > 0 ? addingUpsert('case_status_month_count', ['area_code', 'month', 'status'], ['count'], months) : null,
      ),
    );
  }
  if (delta.workers.length > 0) {
    await run(
      addingUpsert(
        'case_worker_stat',
        ['user_id', 'grid_code', 'day'],
        WORKER_COUNTERS,
        delta.workers.map((row) => ({ key: [row.userId, row.gridCode, row.day], counters: WORKER_COUNTERS.map((name) => row.counters[name] ?? 0) })),
      ),
    );
  }
}

/** insert … on conflict do update, adding each row's counters to the stored ones. */
function addingUpsert(table: string, keyColumns: readonly string[], counterColumns: readonly string[], rows: CounterRow[]): Statement {
  const columns = [...keyColumns, ...counterColumns];
  return {
    sql: `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${placeholders(rows.length, columns.length)}
       on conflict (${keyColumns.map(quote).join(', ')}) do update set
       ${counterColumns.map((name) => `${quote(name)} = ${quote(table)}.${quote(name)} + excluded.${quote(name)}`).join(', ')}`,
    params: rows.flatMap((row) => [...row.key, ...row.counters]),
  };
}

/**
 * The day rows' upsert with its monthly rollup's as one statement: PostgreSQL runs a data-modifying
 * WITH to completion whether or not the main statement reads it. Without month rows (the change
 * cancels out within the month) the day rows' alone.
 */
function withRollup(days: Statement, months: Statement | null): Statement {
  if (!months) return days;
  return { sql: `with "month_rows" as (${months.sql}) ${days.sql}`, params: [...months.params, ...days.params] };
}

/** Rows with equal keys added up, all-zero sums left out, in key order (rows are locked in that order). */
function summedByKey(rows: CounterRow[]): CounterRow[] {
  const byKey = new Map<string, CounterRow>();
  for (const row of rows) {
    const id = row.key.join('|');
    const total = byKey.get(id);
    if (total) row.counters.forEach((value, i) => (total.counters[i] += value));
    else byKey.set(id, { key: row.key, counters: [...row.counters] });
  }
  return [...byKey.entries()]
    .filter(([, row]) => row.counters.some((value) => value !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

const ON_TIME = `(c.resolved_at is not null and c.reopen_count = 0 and not c.overdue and (c.due_at is null or c.resolved_at <= c.due_at))`;
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
      count(*) filter (where c.rating is not null and not c.rating_by_proxy) as rated,
      count(*) filter (where c.rating = 'SATISFIED' and not c.rating_by_proxy) as satisfied,
      count(*) filter (where c.rating = 'BASICALLY_SATISFIED' and not c.rating_by_proxy) as basically_satisfied,
      count(*) filter (where c.rating = 'UNSATISFIED' and not c.rating_by_proxy) as unsatisfied,
      coalesce(sum(c.reopen_count), 0) as reopened,
      count(*) filter (where c.reopen_count > 0) as reopened_cases,
      count(*) filter (where c.overdue) as overdue,
      count(*) filter (where c.rating is not null and c.rating_by_proxy) as proxy_rated,
      count(*) filter (where c.rating = 'SATISFIED' and c.rating_by_proxy) as proxy_satisfied,
      count(*) filter (where c.rating = 'BASICALLY_SATISFIED' and c.rating_by_proxy) as proxy_basically_satisfied,
      count(*) filter (where c.rating = 'UNSATISFIED' and c.rating_by_proxy) as proxy_unsatisfied,
      coalesce(sum(c.stage_overruns), 0) as stage_overruns,
      count(*) filter (where c.resolved_at is not null and c.reopen_count > 0 and c.due_at is not null and c.resolved_at <= c.due_at) as reopen_resolved_on_time
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
    await tx.execute('delete from "case_area_month_stat"', [], 'run');
    await tx.execute('delete from "case_status_count"', [], 'run');
    await tx.execute('delete from "case_status_month_count"', [], 'run');
    await tx.execute('delete from "case_worker_stat"', [], 'run');
    await tx.execute(
      `insert into "case_daily_stat" ("area_code", "day", "category_code", "case_class", "source", ${DAILY_COUNTERS.map(quote).join(', ')}) ${RECOUNT_SQL.daily}`,
      [timeZone],
      'run',
    );
    await tx.execute(`insert into "case_area_day_stat" ("area_code", "day", ${DAILY_COUNTERS.map(quote).join(', ')}) ${AREA_DAY_FROM_DAILY_SQL}`, [], 'run');
    await tx.execute(`insert into "case_status_count" ("area_code", "day", "status", "count") ${RECOUNT_SQL.status}`, [timeZone], 'run');
    for (const fill of MONTHLY_FILL_SQL) await tx.execute(fill, [], 'run');
    await tx.execute(
      `insert into "case_worker_stat" ("user_id", "grid_code", "day", ${WORKER_COUNTERS.map(quote).join(', ')}) ${RECOUNT_SQL.workers}`,
      [timeZone, timeZone],
      'run',
    );
  });
}

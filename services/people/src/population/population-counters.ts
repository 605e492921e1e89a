import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The population counters (population_count, population_tag_count) recomputed from the ledger
 * alone: the same rules as the triggers in population-triggers.ts, in one pass each.
 */
export const POPULATION_RECOUNT_SQL = {
  totals: `select grid_code, count(*)::int as total,
      count(*) filter (where residence_status = 'REGISTERED_RESIDENT')::int as registered,
      count(*) filter (where residence_status = 'FLOATING')::int as floating,
      count(*) filter (where residence_status = 'AWAY')::int as away
    from "person" group by grid_code`,
  tags: `select p.grid_code, a.tag_code, count(distinct a.person_id)::int as persons
    from "person_tag" a join "person" p on p.id = a.person_id
    where a.valid_to is null group by 1, 2`,
};

/**
 * Every counter that differs from a recount, one row per grid (and tag) and counter; a counter row of
 * 0 and no row at all are the same. Plain SQL without parameters, so tools can run it through psql.
 */
export const POPULATION_DRIFT_SQL = `with stored as (
    select c.grid_code, '' as tag_code, v.counter, v.n from "population_count" c
      cross join lateral (values ('total', c.total), ('registered', c.registered), ('floating', c.floating), ('away', c.away)) as v(counter, n)
    union all
    select grid_code, tag_code, 'persons', persons from "population_tag_count"
  ), recounted as (
    select r.grid_code, '' as tag_code, v.counter, v.n from (${POPULATION_RECOUNT_SQL.totals}) r
      cross join lateral (values ('total', r.total), ('registered', r.registered), ('floating', r.floating), ('away', r.away)) as v(counter, n)
    union all
    select grid_code, tag_code, 'persons', persons from (${POPULATION_RECOUNT_SQL.tags}) t
  )
  select coalesce(s.grid_code, r.grid_code) as grid_code, coalesce(s.tag_code, r.tag_code) as tag_code, coalesce(s.counter, r.counter) as counter,
         coalesce(s.n, 0) as stored, coalesce(r.n, 0) as recounted
  from stored s full join recounted r on r.grid_code = s.grid_code and r.tag_code = s.tag_code and r.counter = s.counter
  where coalesce(s.n, 0) <> coalesce(r.n, 0)
  order by 1, 2, 3`;

export interface PopulationCounterDrift {
  gridCode: string;
  /** Empty for the grid totals. */
  tagCode: string;
  counter: 'total' | 'registered' | 'floating' | 'away' | 'persons';
  stored: number;
  recounted: number;
}

export interface RebuildReport {
  grids: number;
  tagRows: number;
  elapsedMs: number;
}

/**
 * Throws the counters away and recomputes them from the ledger: after a bulk load that bypassed the
 * triggers (COPY with session_replication_role = replica), or to repair. Writers wait meanwhile.
 */
export async function rebuildPopulationCounters(em: EntityManager, onStep: (step: string, elapsedMs: number) => void = () => undefined): Promise<RebuildReport> {
  const started = Date.now();
  return em.transactional(async (tx) => {
    // No person or tag change may slip in between the delete and the recount.
    await tx.execute('lock table "person", "person_tag" in share mode', [], 'run');
    await tx.execute('delete from "population_count"', [], 'run');
    await tx.execute('delete from "population_tag_count"', [], 'run');
    const totals = await tx.execute<QueryResult>(`insert into "population_count" ("grid_code", "total", "registered", "floating", "away") ${POPULATION_RECOUNT_SQL.totals}`, [], 'run');
    onStep('totals recounted', Date.now() - started);
    const tags = await tx.execute<QueryResult>(`insert into "population_tag_count" ("grid_code", "tag_code", "persons") ${POPULATION_RECOUNT_SQL.tags}`, [], 'run');
    onStep('tags recounted', Date.now() - started);
    return { grids: totals.affectedRows, tagRows: tags.affectedRows, elapsedMs: Date.now() - started };
  });
}

export async function populationCounterDrift(em: EntityManager): Promise<PopulationCounterDrift[]> {
  const rows = await em.execute<Array<{ grid_code: string; tag_code: string; counter: PopulationCounterDrift['counter']; stored: number; recounted: number }>>(
    POPULATION_DRIFT_SQL,
  );
  return rows.map((row) => ({ gridCode: row.grid_code, tagCode: row.tag_code, counter: row.counter, stored: Number(row.stored), recounted: Number(row.recounted) }));
}

import type { TriggerDef } from '@mikro-orm/core';

/**
 * Triggers that keep population_count and population_tag_count exact under every write, whoever
 * writes: the GraphQL mutations, the bulk importer, the demo seed, moves of households, a DBA's SQL.
 * They run in the writing transaction, so a rolled-back write leaves the counters untouched.
 *
 * Inserts and updates are statement triggers over transition tables: a batch of 1,000 imported persons
 * costs one aggregated upsert, and counter rows are written in key order, so two concurrent batches
 * wait for each other instead of deadlocking. Deleting a person is a row trigger that runs BEFORE the
 * delete, because the foreign key's ON DELETE CASCADE removes the person's tags before any statement
 * trigger could still see which grid they were counted in.
 *
 * A person "holds" a tag in population_tag_count while they have at least one open-ended assignment of
 * it (several at once count once). The person_tag triggers therefore look at every open-ended
 * assignment of each (person, tag) the statement touched: before = now − added + removed.
 *
 * Two transactions changing the same person's tags concurrently cannot both count: every write path
 * in this service bumps the person's optimistic-lock version in the same transaction, so the second
 * one fails and rolls its counter changes back with it.
 *
 * What bypasses them needs rebuildPopulationCounters afterwards: COPY with session_replication_role =
 * replica (tools/scale) and TRUNCATE (a TRUNCATE trigger would do, but MikroORM cannot read one back
 * from information_schema, so `migrate check` would never be clean).
 *
 * A change here needs a migration written by hand: MikroORM does not compare raw trigger DDL
 * (`expression`) with the database. test/population-counters.test.ts fails while the migrated
 * functions differ from these.
 */

const STATUS_COLUMNS = `coalesce(sum(d) filter (where residence_status = 'REGISTERED_RESIDENT'), 0),
      coalesce(sum(d) filter (where residence_status = 'FLOATING'), 0),
      coalesce(sum(d) filter (where residence_status = 'AWAY'), 0)`;

const ADD_TO_POPULATION_COUNT = `on conflict ("grid_code") do update set
      "total" = c."total" + excluded."total", "registered" = c."registered" + excluded."registered",
      "floating" = c."floating" + excluded."floating", "away" = c."away" + excluded."away"`;

const ADD_TO_TAG_COUNT = `on conflict ("grid_code", "tag_code") do update set "persons" = c."persons" + excluded."persons"`;

/** Adds ±1 per person row of `rows` (grid_code, residence_status, d) to the grid totals. */
function applyPersonRows(rows: string): string {
  return `insert into "population_count" as c ("grid_code", "total", "registered", "floating", "away")
    select grid_code, sum(d), ${STATUS_COLUMNS}
    from (select grid_code, residence_status, sum(d) as d from (${rows}) r group by 1, 2 having sum(d) <> 0) changed
    group by grid_code order by grid_code
    ${ADD_TO_POPULATION_COUNT};`;
}

const HOLDS_NOW = '(held.open_ended > 0)::int';
const HELD_BEFORE = '(held.open_ended - n.net > 0)::int';

/** Recounts "holds an open-ended assignment" for every (person, tag) whose open-ended rows the statement changed. */
function applyTagRows(rows: string): string {
  return `insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select p.grid_code, n.tag_code, sum(${HOLDS_NOW} - ${HELD_BEFORE})
    from (select person_id, tag_code, sum(d) as net from (${rows}) r where valid_to is null group by 1, 2 having sum(d) <> 0) n
    join "person" p on p.id = n.person_id
    cross join lateral (select count(*) as open_ended from "person_tag" a where a.person_id = n.person_id and a.tag_code = n.tag_code and a.valid_to is null) held
    group by 1, 2 having sum(${HOLDS_NOW} - ${HELD_BEFORE}) <> 0 order by 1, 2
    ${ADD_TO_TAG_COUNT};`;
}

/** A statement trigger over transition tables (MikroORM's trigger options cannot say REFERENCING). */
function statementTrigger(table: string, name: string, event: 'insert' | 'update' | 'delete', referencing: string, body: string): TriggerDef {
  const fn = `"${table}_${name}_fn"`;
  return {
    name,
    timing: 'after',
    events: [event],
    forEach: 'statement',
    expression: `create or replace function ${fn}() returns trigger as $$ begin
    ${body}
    return null; end; $$ language plpgsql;
create trigger "${name}" after ${event} on "${table}" referencing ${referencing} for each statement execute function ${fn}();`,
  };
}

const PERSON_ROWS = (table: string, d: 1 | -1) => `select grid_code, residence_status, ${d} as d from ${table}`;
const TAG_ROWS = (table: string, d: 1 | -1) => `select person_id, tag_code, valid_to, ${d} as d from ${table}`;

/** A person who changes grid takes the tags they hold along (SQL comments would not survive MikroORM's flattening). */
const MOVE_HELD_TAGS = `insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select m.grid_code, t.tag_code, sum(m.d)
    from (select o.id, g.grid_code, g.d from old_rows o join new_rows n on n.id = o.id and n.grid_code <> o.grid_code
          cross join lateral (values (o.grid_code, -1), (n.grid_code, 1)) as g(grid_code, d)) m
    cross join lateral (select distinct a.tag_code from "person_tag" a where a.person_id = m.id and a.valid_to is null) t
    group by 1, 2 having sum(m.d) <> 0 order by 1, 2
    ${ADD_TO_TAG_COUNT};`;

export const PERSON_POPULATION_TRIGGERS: TriggerDef[] = [
  statementTrigger('person', 'population_insert', 'insert', 'new table as new_rows', applyPersonRows(PERSON_ROWS('new_rows', 1))),
  statementTrigger(
    'person',
    'population_update',
    'update',
    'old table as old_rows new table as new_rows',
    `${applyPersonRows(`${PERSON_ROWS('new_rows', 1)} union all ${PERSON_ROWS('old_rows', -1)}`)}
    ${MOVE_HELD_TAGS}`,
  ),
  {
    name: 'population_delete',
    timing: 'before',
    events: ['delete'],
    forEach: 'row',
    body: `insert into "population_count" as c ("grid_code", "total", "registered", "floating", "away")
    values (OLD.grid_code, -1, case when OLD.residence_status = 'REGISTERED_RESIDENT' then -1 else 0 end,
      case when OLD.residence_status = 'FLOATING' then -1 else 0 end, case when OLD.residence_status = 'AWAY' then -1 else 0 end)
    ${ADD_TO_POPULATION_COUNT};
    insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select OLD.grid_code, a.tag_code, -1 from "person_tag" a where a.person_id = OLD.id and a.valid_to is null group by a.tag_code order by a.tag_code
    ${ADD_TO_TAG_COUNT};
    return OLD;`,
  },
];

export const PERSON_TAG_POPULATION_TRIGGERS: TriggerDef[] = [
  statementTrigger('person_tag', 'population_insert', 'insert', 'new table as new_rows', applyTagRows(TAG_ROWS('new_rows', 1))),
  statementTrigger('person_tag', 'population_update', 'update', 'old table as old_rows new table as new_rows', applyTagRows(`${TAG_ROWS('new_rows', 1)} union all ${TAG_ROWS('old_rows', -1)}`)),
  // Tags deleted with their person (ON DELETE CASCADE) find no person here: person's own trigger counted them off.
  statementTrigger('person_tag', 'population_delete', 'delete', 'old table as old_rows', applyTagRows(TAG_ROWS('old_rows', -1))),
];

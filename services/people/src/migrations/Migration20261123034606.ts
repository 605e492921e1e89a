import { Migration } from '@mikro-orm/migrations';

export class Migration20261123034606 extends Migration {

  override name = 'Migration20261123034606';

  override up(): void | Promise<void> {
    this.addSql(`create table "population_count" ("grid_code" text not null, "total" int not null default 0, "registered" int not null default 0, "floating" int not null default 0, "away" int not null default 0, primary key ("grid_code"));`);
    this.addSql(`create index "population_count_grid_code_idx" on "population_count" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "population_tag_count" ("grid_code" text not null, "tag_code" text not null, "persons" int not null default 0, primary key ("grid_code", "tag_code"));`);
    this.addSql(`create index "population_tag_count_grid_code_idx" on "population_tag_count" ("grid_code" text_pattern_ops);`);

    this.addSql(`create or replace function "person_population_insert_fn"() returns trigger as \$\$ begin
    insert into "population_count" as c ("grid_code", "total", "registered", "floating", "away")
    select grid_code, sum(d), coalesce(sum(d) filter (where residence_status = 'REGISTERED_RESIDENT'), 0),
      coalesce(sum(d) filter (where residence_status = 'FLOATING'), 0),
      coalesce(sum(d) filter (where residence_status = 'AWAY'), 0)
    from (select grid_code, residence_status, sum(d) as d from (select grid_code, residence_status, 1 as d from new_rows) r group by 1, 2 having sum(d) <> 0) changed
    group by grid_code order by grid_code
    on conflict ("grid_code") do update set
      "total" = c."total" + excluded."total", "registered" = c."registered" + excluded."registered",
      "floating" = c."floating" + excluded."floating", "away" = c."away" + excluded."away";     return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "population_insert" after insert on "person" referencing new table as new_rows for each statement execute function "person_population_insert_fn"();`);
    this.addSql(`create or replace function "person_population_update_fn"() returns trigger as \$\$ begin
    insert into "population_count" as c ("grid_code", "total", "registered", "floating", "away")
    select grid_code, sum(d), coalesce(sum(d) filter (where residence_status = 'REGISTERED_RESIDENT'), 0),
      coalesce(sum(d) filter (where residence_status = 'FLOATING'), 0),
      coalesce(sum(d) filter (where residence_status = 'AWAY'), 0)
    from (select grid_code, residence_status, sum(d) as d from (select grid_code, residence_status, 1 as d from new_rows union all select grid_code, residence_status, -1 as d from old_rows) r group by 1, 2 having sum(d) <> 0) changed
    group by grid_code order by grid_code
    on conflict ("grid_code") do update set
      "total" = c."total" + excluded."total", "registered" = c."registered" + excluded."registered",
      "floating" = c."floating" + excluded."floating", "away" = c."away" + excluded."away";     insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select m.grid_code, t.tag_code, sum(m.d)
    from (select o.id, g.grid_code, g.d from old_rows o join new_rows n on n.id = o.id and n.grid_code <> o.grid_code
          cross join lateral (values (o.grid_code, -1), (n.grid_code, 1)) as g(grid_code, d)) m
    cross join lateral (select distinct a.tag_code from "person_tag" a where a.person_id = m.id and a.valid_to is null) t
    group by 1, 2 having sum(m.d) <> 0 order by 1, 2
    on conflict ("grid_code", "tag_code") do update set "persons" = c."persons" + excluded."persons";     return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "population_update" after update on "person" referencing old table as old_rows new table as new_rows for each statement execute function "person_population_update_fn"();`);
    this.addSql(`create or replace function "person_population_delete_fn"() returns trigger as \$\$ begin insert into "population_count" as c ("grid_code", "total", "registered", "floating", "away")
    values (OLD.grid_code, -1, case when OLD.residence_status = 'REGISTERED_RESIDENT' then -1 else 0 end,
      case when OLD.residence_status = 'FLOATING' then -1 else 0 end, case when OLD.residence_status = 'AWAY' then -1 else 0 end)
    on conflict ("grid_code") do update set
      "total" = c."total" + excluded."total", "registered" = c."registered" + excluded."registered",
      "floating" = c."floating" + excluded."floating", "away" = c."away" + excluded."away";     insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select OLD.grid_code, a.tag_code, -1 from "person_tag" a where a.person_id = OLD.id and a.valid_to is null group by a.tag_code order by a.tag_code
    on conflict ("grid_code", "tag_code") do update set "persons" = c."persons" + excluded."persons";     return OLD; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "population_delete" BEFORE DELETE on "person" for each ROW execute function "person_population_delete_fn"();`);

    this.addSql(`create index "person_tag_open_ended_from_idx" on "person_tag" ("valid_from") where "valid_to" is null;`);
    this.addSql(`create index "person_tag_dated_idx" on "person_tag" ("valid_to") where "valid_to" is not null;`);
    this.addSql(`create or replace function "person_tag_population_insert_fn"() returns trigger as \$\$ begin
    insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select p.grid_code, n.tag_code, sum((held.open_ended > 0)::int - (held.open_ended - n.net > 0)::int)
    from (select person_id, tag_code, sum(d) as net from (select person_id, tag_code, valid_to, 1 as d from new_rows) r where valid_to is null group by 1, 2 having sum(d) <> 0) n
    join "person" p on p.id = n.person_id
    cross join lateral (select count(*) as open_ended from "person_tag" a where a.person_id = n.person_id and a.tag_code = n.tag_code and a.valid_to is null) held
    group by 1, 2 having sum((held.open_ended > 0)::int - (held.open_ended - n.net > 0)::int) <> 0 order by 1, 2
    on conflict ("grid_code", "tag_code") do update set "persons" = c."persons" + excluded."persons";     return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "population_insert" after insert on "person_tag" referencing new table as new_rows for each statement execute function "person_tag_population_insert_fn"();`);
    this.addSql(`create or replace function "person_tag_population_update_fn"() returns trigger as \$\$ begin
    insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select p.grid_code, n.tag_code, sum((held.open_ended > 0)::int - (held.open_ended - n.net > 0)::int)
    from (select person_id, tag_code, sum(d) as net from (select person_id, tag_code, valid_to, 1 as d from new_rows union all select person_id, tag_code, valid_to, -1 as d from old_rows) r where valid_to is null group by 1, 2 having sum(d) <> 0) n
    join "person" p on p.id = n.person_id
    cross join lateral (select count(*) as open_ended from "person_tag" a where a.person_id = n.person_id and a.tag_code = n.tag_code and a.valid_to is null) held
    group by 1, 2 having sum((held.open_ended > 0)::int - (held.open_ended - n.net > 0)::int) <> 0 order by 1, 2
    on conflict ("grid_code", "tag_code") do update set "persons" = c."persons" + excluded."persons";     return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "population_update" after update on "person_tag" referencing old table as old_rows new table as new_rows for each statement execute function "person_tag_population_update_fn"();`);
    this.addSql(`create or replace function "person_tag_population_delete_fn"() returns trigger as \$\$ begin
    insert into "population_tag_count" as c ("grid_code", "tag_code", "persons")
    select p.grid_code, n.tag_code, sum((held.open_ended > 0)::int - (held.open_ended - n.net > 0)::int)
    from (select person_id, tag_code, sum(d) as net from (select person_id, tag_code, valid_to, -1 as d from old_rows) r where valid_to is null group by 1, 2 having sum(d) <> 0) n
    join "person" p on p.id = n.person_id
    cross join lateral (select count(*) as open_ended from "person_tag" a where a.person_id = n.person_id and a.tag_code = n.tag_code and a.valid_to is null) held
    group by 1, 2 having sum((held.open_ended > 0)::int - (held.open_ended - n.net > 0)::int) <> 0 order by 1, 2
    on conflict ("grid_code", "tag_code") do update set "persons" = c."persons" + excluded."persons";     return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "population_delete" after delete on "person_tag" referencing old table as old_rows for each statement execute function "person_tag_population_delete_fn"();`);

    // The counters start from the ledger as it is (after the triggers exist, so no committed write is missed).
    this.addSql(`insert into "population_count" ("grid_code", "total", "registered", "floating", "away")
      select grid_code, count(*), count(*) filter (where residence_status = 'REGISTERED_RESIDENT'),
        count(*) filter (where residence_status = 'FLOATING'), count(*) filter (where residence_status = 'AWAY')
      from "person" group by grid_code;`);
    this.addSql(`insert into "population_tag_count" ("grid_code", "tag_code", "persons")
      select p.grid_code, a.tag_code, count(distinct a.person_id) from "person_tag" a join "person" p on p.id = a.person_id
      where a.valid_to is null group by 1, 2;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "population_insert" on "person";`);
    this.addSql(`drop function if exists "person_population_insert_fn"();`);
    this.addSql(`drop trigger if exists "population_update" on "person";`);
    this.addSql(`drop function if exists "person_population_update_fn"();`);
    this.addSql(`drop trigger if exists "population_delete" on "person";`);
    this.addSql(`drop function if exists "person_population_delete_fn"();`);

    this.addSql(`drop index "person_tag_open_ended_from_idx";`);
    this.addSql(`drop index "person_tag_dated_idx";`);
    this.addSql(`drop trigger if exists "population_insert" on "person_tag";`);
    this.addSql(`drop function if exists "person_tag_population_insert_fn"();`);
    this.addSql(`drop trigger if exists "population_update" on "person_tag";`);
    this.addSql(`drop function if exists "person_tag_population_update_fn"();`);
    this.addSql(`drop trigger if exists "population_delete" on "person_tag";`);
    this.addSql(`drop function if exists "person_tag_population_delete_fn"();`);

    this.addSql(`drop table if exists "population_count" cascade;`);
    this.addSql(`drop table if exists "population_tag_count" cascade;`);
  }

}

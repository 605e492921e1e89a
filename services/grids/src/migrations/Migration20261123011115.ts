import { Migration } from '@mikro-orm/migrations';

export class Migration20261123011115 extends Migration {

  override name = 'Migration20261123011115';

  override up(): void | Promise<void> {
    this.addSql(`create type "grid_kind" as enum ('URBAN', 'RURAL', 'DEDICATED');`);
    this.addSql(`create type "grid_staff_role" as enum ('LEADER', 'FULL_TIME', 'PART_TIME', 'LIAISON', 'VOLUNTEER', 'DATA_CLERK');`);
    this.addSql(`create type "hazard_severity" as enum ('LOW', 'MEDIUM', 'HIGH');`);
    this.addSql(`create type "hazard_category" as enum ('FIRE', 'ELECTRIC_BIKE_CHARGING', 'FLOOD', 'GAS', 'STRUCTURAL', 'PUBLIC_ORDER', 'OTHER');`);
    this.addSql(`create type "key_place_kind" as enum ('RENTAL_HOUSING', 'ENTERTAINMENT', 'OLD_COMPOUND', 'FACTORY', 'SCHOOL', 'MARKET', 'OTHER');`);
    this.addSql(`create table "coverage_link" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "area_code" text not null, "cadre_user_id" uuid not null, "cadre_name" text not null, "person_id" uuid null, "created_by" text not null, primary key ("id"));`);
    this.addSql(`create index "coverage_link_cadre_user_id_index" on "coverage_link" ("cadre_user_id");`);
    this.addSql(`create index "coverage_link_area_code_idx" on "coverage_link" ("area_code" text_pattern_ops);`);
    this.addSql(`alter table "coverage_link" add constraint "coverage_link_area_code_cadre_user_id_unique" unique ("area_code", "cadre_user_id");`);

    this.addSql(`create table "grid" ("code" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" text not null, "kind" "grid_kind" not null, "village_code" text not null, "boundary" jsonb null, "household_count" int null, "party_organization_id" uuid null, primary key ("code"));`);
    this.addSql(`create index "grid_village_code_index" on "grid" ("village_code");`);
    this.addSql(`create index "grid_code_prefix_idx" on "grid" ("code" text_pattern_ops);`);

    this.addSql(`create table "grid_staff" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "micro_grid_code" text null, "role" "grid_staff_role" not null, "person_id" uuid not null, "user_id" uuid null, "name" text not null, "started_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" text null, primary key ("id"));`);
    this.addSql(`create index "grid_staff_user_id_index" on "grid_staff" ("user_id");`);
    this.addSql(`create unique index "grid_staff_active_role_idx" on "grid_staff" ("grid_code", "person_id", "role") where "ended_at" is null;`);
    this.addSql(`create unique index "grid_staff_one_leader_idx" on "grid_staff" ("grid_code") where "role" = 'LEADER' and "ended_at" is null;`);
    this.addSql(`create index "grid_staff_grid_code_idx" on "grid_staff" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "hazard" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "key_place_id" uuid null, "patrol_id" uuid null, "description" text not null, "severity" "hazard_severity" not null, "category" "hazard_category" not null, "reported_by" text not null, "reported_by_name" text not null, "reported_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "hazard_key_place_id_index" on "hazard" ("key_place_id");`);
    this.addSql(`create index "hazard_patrol_id_index" on "hazard" ("patrol_id");`);
    this.addSql(`create index "hazard_grid_code_idx" on "hazard" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "household_assignment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "household_id" uuid not null, "staff_id" uuid not null, "grid_code" text not null, "assigned_at" timestamptz not null, "ended_at" timestamptz null, "assigned_by" text not null, primary key ("id"));`);
    this.addSql(`create index "household_assignment_household_id_index" on "household_assignment" ("household_id");`);
    this.addSql(`create index "household_assignment_staff_id_index" on "household_assignment" ("staff_id");`);
    this.addSql(`create unique index "household_assignment_current_idx" on "household_assignment" ("household_id") where "ended_at" is null;`);
    this.addSql(`create index "household_assignment_grid_code_idx" on "household_assignment" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "key_place" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "kind" "key_place_kind" not null, "name" text not null, "address" text not null, primary key ("id"));`);
    this.addSql(`create index "key_place_grid_code_idx" on "key_place" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "micro_grid" ("code" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "name" text not null, primary key ("code"));`);
    this.addSql(`create index "micro_grid_grid_code_index" on "micro_grid" ("grid_code");`);
    this.addSql(`create index "micro_grid_code_prefix_idx" on "micro_grid" ("code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "patrol" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "key_place_id" uuid not null, "staff_id" uuid not null, "patrolled_at" timestamptz not null, "notes" text null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "patrol_key_place_id_index" on "patrol" ("key_place_id");`);
    this.addSql(`create index "patrol_grid_code_idx" on "patrol" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "visit" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "staff_id" uuid not null, "household_id" uuid not null, "visited_at" timestamptz not null, "findings" text not null, "diary" text null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "visit_staff_id_index" on "visit" ("staff_id");`);
    this.addSql(`create index "visit_household_id_index" on "visit" ("household_id");`);
    this.addSql(`create index "visit_grid_code_idx" on "visit" ("grid_code" text_pattern_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "coverage_link" cascade;`);
    this.addSql(`drop table if exists "grid" cascade;`);
    this.addSql(`drop table if exists "grid_staff" cascade;`);
    this.addSql(`drop table if exists "hazard" cascade;`);
    this.addSql(`drop table if exists "household_assignment" cascade;`);
    this.addSql(`drop table if exists "key_place" cascade;`);
    this.addSql(`drop table if exists "micro_grid" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "patrol" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
    this.addSql(`drop table if exists "visit" cascade;`);

    this.addSql(`drop type "grid_kind";`);
    this.addSql(`drop type "grid_staff_role";`);
    this.addSql(`drop type "hazard_severity";`);
    this.addSql(`drop type "hazard_category";`);
    this.addSql(`drop type "key_place_kind";`);
  }

}

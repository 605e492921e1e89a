import { Migration } from '@mikro-orm/migrations';

export class Migration20261123005304 extends Migration {

  override name = 'Migration20261123005304';

  override up(): void | Promise<void> {
    this.addSql(`create type "area_level" as enum ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE');`);
    this.addSql(`create type "organization_kind" as enum ('PARTY_COMMITTEE', 'PARTY_GENERAL_BRANCH', 'PARTY_BRANCH', 'PARTY_GROUP', 'GOVERNANCE_CENTRE', 'CO_BUILDING_UNIT');`);
    this.addSql(`create table "area" ("code" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" text not null, "level" "area_level" not null, "parent_code" text null, primary key ("code"));`);
    this.addSql(`create index "area_parent_code_index" on "area" ("parent_code");`);
    this.addSql(`create index "area_code_prefix_idx" on "area" ("code" text_pattern_ops);`);

    this.addSql(`create table "department" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "code" text not null, "name" text not null, "area_code" text not null, "case_categories" text[] not null, primary key ("id"));`);
    this.addSql(`create index "department_area_code_idx" on "department" ("area_code" text_pattern_ops);`);
    this.addSql(`alter table "department" add constraint "department_area_code_code_unique" unique ("area_code", "code");`);

    this.addSql(`create table "organization" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" text not null, "kind" "organization_kind" not null, "area_code" text not null, "parent_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "organization_area_code_idx" on "organization" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "area" cascade;`);
    this.addSql(`drop table if exists "department" cascade;`);
    this.addSql(`drop table if exists "organization" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);

    this.addSql(`drop type "area_level";`);
    this.addSql(`drop type "organization_kind";`);
  }

}

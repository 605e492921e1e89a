import { Migration } from '@mikro-orm/migrations';

export class Migration20261207111220 extends Migration {

  override name = 'Migration20261207111220';

  override up(): void | Promise<void> {
    this.addSql(`create table "calendar_day_change" ("id" uuid not null, "scope" text not null, "day" date not null, "previous_kind" text null, "kind" text null, "name" text null, "version" int not null, "changed_by" text not null, "changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "calendar_day_change_scope_index" on "calendar_day_change" ("scope", "day");`);

    this.addSql(`create table "calendar_day" ("scope" text not null, "day" date not null, "kind" text null, "name" text null, "version" int not null default 1, primary key ("scope", "day"));`);

    this.addSql(`create table "county_setting_change" ("id" uuid not null, "county_code" text not null, "key" text not null, "version" int not null, "effective_from" date not null, "value" jsonb not null, "previous_value" jsonb not null, "reason" text not null, "changed_by" text not null, "changed_by_name" text not null, "changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "county_setting_change_lookup_index" on "county_setting_change" ("county_code", "key", "effective_from");`);
    this.addSql(`alter table "county_setting_change" add constraint "county_setting_change_version_unique" unique ("county_code", "key", "version");`);

    this.addSql(`create or replace function "calendar_day_change_append_only_fn"() returns trigger as \$\$ begin raise exception 'calendar_day_change is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "calendar_day_change" for each ROW execute function "calendar_day_change_append_only_fn"();`);

    this.addSql(`create or replace function "county_setting_change_append_only_fn"() returns trigger as \$\$ begin raise exception 'county_setting_change is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "county_setting_change" for each ROW execute function "county_setting_change_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "append_only" on "calendar_day_change";`);
    this.addSql(`drop function if exists "calendar_day_change_append_only_fn"();`);
    this.addSql(`drop table if exists "calendar_day_change" cascade;`);
    this.addSql(`drop table if exists "calendar_day" cascade;`);
    this.addSql(`drop trigger if exists "append_only" on "county_setting_change";`);
    this.addSql(`drop function if exists "county_setting_change_append_only_fn"();`);
    this.addSql(`drop table if exists "county_setting_change" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/**
 * The care schedule (DOMAIN.md §8.3): care_subject (people's care tags, from people.person.care_tags),
 * care_slot (what is owed per household and period) and care_record (care given, with time and place).
 * Starts empty: the new grids-care-tags consumer is delivered the PEOPLE stream from its beginning.
 */
export class Migration20261207120000_care extends Migration {
  override name = 'Migration20261207120000_care';

  override up(): void | Promise<void> {
    this.addSql(`create type "care_kind" as enum ('VISIT', 'HOUSEWORK', 'PROBLEM_SOLVED', 'BIRTHDAY');`);
    this.addSql(
      `create table "care_subject" ("person_id" uuid not null, "household_id" uuid null, "grid_code" text not null, "tags" text[] not null, "birthday" text null, "version" int not null, "updated_at" timestamptz not null, primary key ("person_id"));`,
    );
    this.addSql(`create index "care_subject_household_idx" on "care_subject" ("household_id");`);
    this.addSql(
      `create table "care_slot" ("id" uuid not null, "household_id" uuid not null, "person_id" uuid null, "grid_code" text not null, "kind" "care_kind" not null, "period_start" date not null, "window_start" date not null, "due_date" date not null, "fulfilled_at" timestamptz null, "fulfilled_by" text null, "overdue_raised_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create unique index "care_slot_identity_idx" on "care_slot" ("household_id", "kind", "period_start", coalesce("person_id", '00000000-0000-0000-0000-000000000000'::uuid));`,
    );
    this.addSql(`create index "care_slot_open_idx" on "care_slot" ("household_id", "due_date") where "fulfilled_at" is null;`);
    this.addSql(`create index "care_slot_unraised_idx" on "care_slot" ("due_date") where "fulfilled_at" is null and "overdue_raised_at" is null;`);
    this.addSql(`create index "care_slot_grid_code_idx" on "care_slot" ("grid_code" text_pattern_ops, "due_date");`);
    this.addSql(
      `create table "care_record" ("id" uuid not null, "household_id" uuid not null, "person_id" uuid null, "grid_code" text not null, "staff_id" uuid not null, "kind" "care_kind" not null, "done_at" timestamptz not null, "latitude" double precision null, "longitude" double precision null, "outside_grid" boolean null, "note" text null, "slot_id" uuid null, "recorded_by" text not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "care_record_household_idx" on "care_record" ("household_id");`);
    this.addSql(`create index "care_record_grid_code_idx" on "care_record" ("grid_code" text_pattern_ops, "done_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "care_record" cascade;`);
    this.addSql(`drop table if exists "care_slot" cascade;`);
    this.addSql(`drop table if exists "care_subject" cascade;`);
    this.addSql(`drop type if exists "care_kind";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Early warnings (DOMAIN.md §8.4): warning (addressed to an area and level, one open per rule and
 * subject), warning_history (append-only: raised, refreshed, acknowledged, closed — a trigger refuses
 * UPDATE and DELETE), warning_tally (counters for repeated cases and overdue clusters), and an index on
 * pending disputes for the stage-limit check. Starts empty: the new cases-warnings consumer is
 * delivered the CASES stream from its beginning, so an installation's history raises what it holds.
 */
export class Migration20261207124000_warnings extends Migration {
  override name = 'Migration20261207124000_warnings';

  override up(): void | Promise<void> {
    this.addSql(`create type "warning_rule" as enum ('CATEGORY_RISING', 'REPEATED_CASES', 'OVERDUE_CLUSTER', 'DISPUTE_STAGE_OVERRUN', 'CARE_OVERDUE');`);
    this.addSql(`create type "warning_level" as enum ('GRID', 'VILLAGE', 'TOWNSHIP', 'COUNTY');`);
    this.addSql(`create type "warning_status" as enum ('OPEN', 'ACKNOWLEDGED', 'CLOSED');`);
    this.addSql(
      `create table "warning" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "rule" "warning_rule" not null, "subject_key" text not null, "area_code" text not null, "level" "warning_level" not null, "summary" text not null, "details" jsonb not null, "count" int not null default 1, "status" "warning_status" not null default 'OPEN', "raised_at" timestamptz not null, "last_seen_at" timestamptz not null, "acknowledged_at" timestamptz null, "acknowledged_by" text null, "acknowledge_note" text null, "closed_at" timestamptz null, "closed_by" text null, "close_note" text null, primary key ("id"));`,
    );
    this.addSql(`create index "warning_area_code_idx" on "warning" ("area_code" text_pattern_ops, "raised_at");`);
    this.addSql(`create unique index "warning_open_subject_idx" on "warning" ("rule", "subject_key") where "status" <> 'CLOSED';`);
    this.addSql(`create index "warning_subject_closed_idx" on "warning" ("rule", "subject_key", "closed_at");`);
    this.addSql(`create table "warning_history" ("id" uuid not null, "warning_id" uuid not null, "action" text not null, "actor" text not null, "note" text null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "warning_history_warning_idx" on "warning_history" ("warning_id", "at");`);
    this.addSql(`create or replace function "warning_history_append_only_fn"() returns trigger as \$\$ begin raise exception 'warning_history is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "warning_history" for each ROW execute function "warning_history_append_only_fn"();`);
    this.addSql(`create table "warning_tally" ("key" text not null, "day" date not null, "count" int not null, primary key ("key", "day"));`);
    this.addSql(`create index "dispute_pending_idx" on "dispute" ("opened_at") where "outcome" = 'PENDING';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "dispute_pending_idx";`);
    this.addSql(`drop table if exists "warning_tally" cascade;`);
    this.addSql(`drop trigger if exists "append_only" on "warning_history";`);
    this.addSql(`drop function if exists "warning_history_append_only_fn"();`);
    this.addSql(`drop table if exists "warning_history" cascade;`);
    this.addSql(`drop table if exists "warning" cascade;`);
    this.addSql(`drop type if exists "warning_status";`);
    this.addSql(`drop type if exists "warning_level";`);
    this.addSql(`drop type if exists "warning_rule";`);
  }
}

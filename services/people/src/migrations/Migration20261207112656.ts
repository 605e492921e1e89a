import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17: idempotency keys of people's creates; per-field change history of persons and households (stale
 * edits of other fields merge) and the grid leader's list of same-field edit conflicts. Rows that existed
 * before get a baseline: every field counts as changed at their current version (nobody knows better), so a
 * stale edit of them is a conflict, never a silent overwrite.
 */
export class Migration20261207112656 extends Migration {

  override name = 'Migration20261207112656';

  override up(): void | Promise<void> {
    this.addSql(`create type "edit_conflict_entity" as enum ('PERSON', 'HOUSEHOLD');`);
    this.addSql(`create type "edit_conflict_status" as enum ('OPEN', 'ACCEPTED', 'REJECTED');`);
    this.addSql(`create table "edit_conflict" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "entity_type" "edit_conflict_entity" not null, "entity_id" uuid not null, "grid_code" text not null, "field" text not null, "proposed_value" text null, "base_version" int not null, "current_version" int not null, "proposed_by" text not null, "proposed_by_name" text not null, "proposed_at" timestamptz not null, "proposed_device" text null, "current_changed_by" text null, "current_changed_at" timestamptz null, "current_device" text null, "status" "edit_conflict_status" not null default 'OPEN', "resolved_by" text null, "resolved_at" timestamptz null, "resolution_note" text null, primary key ("id"));`);
    this.addSql(`create index "edit_conflict_entity_id_index" on "edit_conflict" ("entity_id");`);
    this.addSql(`create index "edit_conflict_grid_code_idx" on "edit_conflict" ("grid_code" text_pattern_ops, "status");`);

    this.addSql(`create table "idempotency_key" ("caller" text not null, "operation" text not null, "client_key" text not null, "request_hash" text not null, "field_hashes" jsonb not null, "salt" text not null, "result" jsonb not null, "created_at" timestamptz not null, primary key ("caller", "operation", "client_key"));`);

    this.addSql(`alter table "household" add "field_changes" jsonb not null default '{}';`);
    this.addSql(`update "household" set "field_changes" = jsonb_build_object('*', jsonb_build_object('v', "version", 'by', 'migration', 'at', to_char("updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) where "version" > 1;`);

    this.addSql(`alter table "person" add "field_changes" jsonb not null default '{}';`);
    this.addSql(`update "person" set "field_changes" = jsonb_build_object('*', jsonb_build_object('v', "version", 'by', 'migration', 'at', to_char("updated_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) where "version" > 1;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "edit_conflict" cascade;`);
    this.addSql(`drop table if exists "idempotency_key" cascade;`);

    this.addSql(`alter table "household" drop column "field_changes";`);

    this.addSql(`alter table "person" drop column "field_changes";`);

    this.addSql(`drop type "edit_conflict_entity";`);
    this.addSql(`drop type "edit_conflict_status";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261123011903 extends Migration {

  override name = 'Migration20261123011903';

  override up(): void | Promise<void> {
    this.addSql(`create type "calendar_day_kind" as enum ('HOLIDAY', 'MAKE_UP_WORKDAY');`);
    this.addSql(`create type "service_kind" as enum ('REMINDER', 'HELP', 'PREVENTION');`);
    this.addSql(`create type "case_class" as enum ('SIMPLE', 'ORDINARY', 'MAJOR', 'DIFFICULT', 'CROSS_REGION');`);
    this.addSql(`create type "case_source" as enum ('RESIDENT', 'GRID_PATROL', 'HOTLINE_12345', 'DEPARTMENT', 'HAZARD_EVENT');`);
    this.addSql(`create type "handling_level" as enum ('GRID', 'VILLAGE', 'TOWNSHIP', 'DEPARTMENT', 'COUNTY');`);
    this.addSql(`create type "case_status" as enum ('REPORTED', 'VERIFIED', 'RETURNED', 'ESCALATED', 'DISPATCHED', 'SENT_BACK', 'IN_PROGRESS', 'RESOLVED', 'FED_BACK', 'CLOSED', 'MERGED');`);
    this.addSql(`create type "rating" as enum ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED');`);
    this.addSql(`create type "case_action" as enum ('REPORT', 'VERIFY', 'RETURN', 'SCHEDULE', 'ESCALATE', 'PLACE_ORDER', 'DISPATCH', 'ACCEPT', 'SEND_BACK', 'RESOLVE', 'FEED_BACK', 'RATE', 'REOPEN', 'MERGE', 'MARK_OVERDUE', 'OVERDUE_ESCALATE');`);
    this.addSql(`create table "holiday" ("day" date not null, "kind" "calendar_day_kind" not null, "name" text not null, primary key ("day"));`);
    this.addSql(`create table "case" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "number" text not null, "title" text not null, "description" text not null, "category_code" text not null, "service_kind" "service_kind" not null, "case_class" "case_class" not null, "source" "case_source" not null, "reported_by_user_id" text not null, "reporter_person_id" uuid null, "reporter_user_id" text null, "co_reporter_user_ids" text[] not null, "co_reporter_person_ids" text[] not null, "anonymous" boolean not null default false, "grid_code" text not null, "location_longitude" double precision null, "location_latitude" double precision null, "location_address" text null, "attachments" jsonb not null, "level" "handling_level" not null, "status" "case_status" not null, "assignee_user_id" text null, "assignee_department_code" text null, "dispatched_from_level" "handling_level" null, "reported_at" timestamptz not null, "due_at" timestamptz null, "deadline_warned_for" timestamptz null, "overdue_marked_for" timestamptz null, "overdue" boolean not null default false, "resolved_at" timestamptz null, "resolved_at_level" "handling_level" null, "resolved_by_user_id" text null, "result" text null, "fed_back_at" timestamptz null, "feedback" text null, "rating" "rating" null, "rating_comment" text null, "rated_at" timestamptz null, "closed_at" timestamptz null, "reopen_count" int not null default 0, "return_reason" text null, "hotline_order_number" text null, "hazard_id" text null, "key_place_id" text null, "merged_into_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "case" add constraint "case_number_unique" unique ("number");`);
    this.addSql(`alter table "case" add constraint "case_hotline_order_unique" unique ("hotline_order_number");`);
    this.addSql(`alter table "case" add constraint "case_hazard_unique" unique ("hazard_id");`);
    this.addSql(`create index "case_duplicates_idx" on "case" ("grid_code", "category_code", "reported_at");`);
    this.addSql(`create index "case_co_reporters_idx" on "case" using gin ("co_reporter_user_ids");`);
    this.addSql(`create index "case_reporter_person_idx" on "case" ("reporter_person_id");`);
    this.addSql(`create index "case_reporter_user_idx" on "case" ("reporter_user_id");`);
    this.addSql(`create index "case_department_idx" on "case" ("assignee_department_code", "status");`);
    this.addSql(`create index "case_due_idx" on "case" ("due_at") where "status" in ('REPORTED', 'VERIFIED', 'ESCALATED', 'DISPATCHED', 'SENT_BACK', 'IN_PROGRESS');`);
    this.addSql(`create index "case_grid_code_prefix_idx" on "case" ("grid_code" text_pattern_ops, "status");`);
    this.addSql(`create table "case_category" ("code" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name_zh" text not null, "name_en" text not null, "department_codes" text[] not null, "active" boolean not null default true, primary key ("code"));`);
    this.addSql(`create table "case_daily_stat" ("area_code" text not null, "day" date not null, "category_code" text not null, "case_class" "case_class" not null, "source" "case_source" not null, "reported" int not null default 0, "resolved" int not null default 0, "resolved_on_time" int not null default 0, "resolved_at_grid" int not null default 0, "resolved_at_village" int not null default 0, "resolved_at_township" int not null default 0, "resolved_above" int not null default 0, "handling_minutes" bigint not null default '0', "ever_resolved" int not null default 0, "rated" int not null default 0, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, "reopened" int not null default 0, "reopened_cases" int not null default 0, "overdue" int not null default 0, primary key ("area_code", "day", "category_code", "case_class", "source"));`);
    this.addSql(`create index "case_daily_stat_day_idx" on "case_daily_stat" ("area_code", "day");`);
    this.addSql(`create table "case_history" ("id" uuid not null, "seq" bigserial, "case_id" uuid not null, "action" "case_action" not null, "actor_user_id" text not null, "actor_roles" text[] not null, "at" timestamptz not null, "from_status" "case_status" null, "to_status" "case_status" not null, "from_level" "handling_level" null, "to_level" "handling_level" not null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "case_history_case_idx" on "case_history" ("case_id", "seq");`);
    this.addSql(`create table "case_number_counter" ("county_code" text not null, "day" date not null, "last_value" int not null, primary key ("county_code", "day"));`);
    this.addSql(`create table "case_status_count" ("area_code" text not null, "day" date not null, "status" "case_status" not null, "count" int not null default 0, primary key ("area_code", "day", "status"));`);
    this.addSql(`create table "case_worker_stat" ("user_id" text not null, "grid_code" text not null, "day" date not null, "found" int not null default 0, "resolved" int not null default 0, "resolved_on_time" int not null default 0, primary key ("user_id", "grid_code", "day"));`);
    this.addSql(`create index "case_worker_stat_grid_idx" on "case_worker_stat" ("grid_code" text_pattern_ops, "day");`);
    this.addSql(`create table "deadline_rule" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "area_code" text not null, "category_code" text null, "case_class" "case_class" not null, "working_days" int not null, primary key ("id"));`);
    this.addSql(`create unique index "deadline_rule_scope_unique" on "deadline_rule" ("area_code", coalesce("category_code", ''), "case_class");`);
    this.addSql(`create table "emergency" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "area_code" text not null, "title" text not null, "description" text not null, "member_user_ids" text[] not null, "declared_by_user_id" text not null, "declared_at" timestamptz not null, "closed_at" timestamptz null, "closed_by_user_id" text null, "closing_note" text null, primary key ("id"));`);
    this.addSql(`create index "emergency_active_idx" on "emergency" ("area_code") where "closed_at" is null;`);
    this.addSql(`create index "emergency_area_code_idx" on "emergency" ("area_code" text_pattern_ops);`);
    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);
    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
    this.addSql(`create table "supervision" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "case_id" uuid not null, "grid_code" text not null, "supervisor_user_id" text not null, "automatic" boolean not null default false, "instruction" text not null, "reply" text null, "replied_by_user_id" text null, "replied_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "supervision_case_idx" on "supervision" ("case_id");`);
    this.addSql(`create index "supervision_grid_code_idx" on "supervision" ("grid_code" text_pattern_ops);`);
    this.addSql(`create or replace function "case_history_case_history_append_only_fn"() returns trigger as \$\$ begin raise exception 'case_history is append-only' using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "case_history_append_only" BEFORE UPDATE OR DELETE on "case_history" for each ROW execute function "case_history_case_history_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "holiday" cascade;`);
    this.addSql(`drop table if exists "case" cascade;`);
    this.addSql(`drop table if exists "case_category" cascade;`);
    this.addSql(`drop table if exists "case_daily_stat" cascade;`);
    this.addSql(`drop trigger if exists "case_history_append_only" on "case_history";`);
    this.addSql(`drop function if exists "case_history_case_history_append_only_fn"();`);
    this.addSql(`drop table if exists "case_history" cascade;`);
    this.addSql(`drop table if exists "case_number_counter" cascade;`);
    this.addSql(`drop table if exists "case_status_count" cascade;`);
    this.addSql(`drop table if exists "case_worker_stat" cascade;`);
    this.addSql(`drop table if exists "deadline_rule" cascade;`);
    this.addSql(`drop table if exists "emergency" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
    this.addSql(`drop table if exists "supervision" cascade;`);
    this.addSql(`drop type "calendar_day_kind";`);
    this.addSql(`drop type "service_kind";`);
    this.addSql(`drop type "case_class";`);
    this.addSql(`drop type "case_source";`);
    this.addSql(`drop type "handling_level";`);
    this.addSql(`drop type "case_status";`);
    this.addSql(`drop type "rating";`);
    this.addSql(`drop type "case_action";`);
  }

}

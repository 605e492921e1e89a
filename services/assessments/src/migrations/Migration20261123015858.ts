import { Migration } from '@mikro-orm/migrations';

export class Migration20261123015858 extends Migration {

  override name = 'Migration20261123015858';

  override up(): void | Promise<void> {
    this.addSql(`create type "assessment_kind" as enum ('GRID_MONTHLY', 'VILLAGE_QUARTERLY', 'TOWNSHIP_HALF_YEARLY', 'DEMOCRATIC_HALF_YEARLY', 'TOWNSHIP_YEAR_END');`);
    this.addSql(`create type "party_member_type" as enum ('HOUSEHOLD_LINKING', 'WITHOUT_POST', 'MOBILE', 'IN_SERVICE', 'PROBATIONARY');`);
    this.addSql(`create type "one_star_measure" as enum ('CORRECTION_DEADLINE', 'PERSUADE_TO_LEAVE', 'REMOVAL');`);
    this.addSql(`create type "rating_step" as enum ('SELF_RATED', 'BRANCH_COMMITTEE_RATED', 'PARTY_COMMITTEE_REVIEWED', 'ASSEMBLY_DECIDED', 'PUBLICLY_NOTIFIED');`);
    this.addSql(`create type "party_star" as enum ('POLITICAL', 'DISCIPLINE', 'MORALITY', 'DEDICATION', 'PERFORMANCE');`);
    this.addSql(`create type "red_line" as enum ('LOSS_OF_FAITH', 'NOT_FULFILLING_DUTIES', 'BREAKING_LAW_OR_DISCIPLINE', 'VIOLATING_SOCIAL_MORALITY');`);
    this.addSql(`create type "rating_round_status" as enum ('OPENED', 'SELF_RATED', 'BRANCH_COMMITTEE_RATED', 'PARTY_COMMITTEE_REVIEWED', 'ASSEMBLY_DECIDED', 'PUBLICLY_NOTIFIED');`);
    this.addSql(`create type "training_kind" as enum ('PRE_JOB', 'KEY', 'BUSINESS', 'MENTORING');`);
    this.addSql(`create table "assessment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "kind" "assessment_kind" not null, "period" text not null, "period_start" date not null, "period_end" date not null, "staff_user_id" uuid not null, "staff_person_id" uuid null, "grid_code" text not null, "quantified_items" jsonb not null, "quantified_score" double precision null, "platform_visits" int not null, "platform_cases_found" int not null, "platform_cases_closed" int not null, "platform_cases_closed_on_time" int not null, "platform_satisfied" int not null, "platform_basically_satisfied" int not null, "platform_unsatisfied" int not null, "platform_score" double precision not null, "votes_satisfied" int not null, "votes_basically_satisfied" int not null, "votes_unsatisfied" int not null, "democratic_score" double precision null, "weight_quantified" double precision not null, "weight_platform" double precision not null, "weight_democratic" double precision not null, "total_score" double precision not null, "assessed_by" text not null, "completed_at" timestamptz not null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "assessment_staff_idx" on "assessment" ("staff_user_id");`);
    this.addSql(`create index "assessment_grid_code_idx" on "assessment" ("grid_code" text_pattern_ops, "kind", "period");`);
    this.addSql(`alter table "assessment" add constraint "assessment_staff_period_unique" unique ("kind", "period", "staff_user_id", "grid_code");`);

    this.addSql(`create table "assessment_weights" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "area_code" text not null, "kind" "assessment_kind" not null, "quantified" double precision not null, "platform" double precision not null, "democratic" double precision not null, primary key ("id"));`);
    this.addSql(`alter table "assessment_weights" add constraint "assessment_weights_area_kind_unique" unique ("area_code", "kind");`);

    this.addSql(`create table "case_projection" ("case_id" uuid not null, "grid_code" text not null, "grid_worker_user_id" text null, "overdue" boolean not null default false, "resolved_day" date null, "resolution_credits" text[] not null, "resolved_on_time" boolean not null default false, "rating" text null, "rated_day" date null, primary key ("case_id"));`);

    this.addSql(`create table "grid_satisfaction_day" ("grid_code" text not null, "day" date not null, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, primary key ("grid_code", "day"));`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "party_member_rating" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "person_id" uuid not null, "year" int not null, "area_code" text not null, "member_user_id" uuid null, "member_type" "party_member_type" not null, "scores" jsonb not null, "earned_stars" int not null default 0, "stars" int null, "vetoed" boolean not null default false, "red_lines" text[] not null, "total_score" double precision not null default 0, "decided_quarters" jsonb not null, "final" boolean not null default false, "yellow_card" boolean not null default false, "downgraded" boolean not null default false, "outcomes" text[] not null, "measure_required" boolean not null default false, "informs_full_membership" boolean not null default false, "one_star_measure" "one_star_measure" null, "measure_note" text null, "measure_decided_by" text null, "measure_decided_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "party_member_rating_member_user_idx" on "party_member_rating" ("member_user_id");`);
    this.addSql(`create index "party_member_rating_area_code_idx" on "party_member_rating" ("area_code" text_pattern_ops, "year");`);
    this.addSql(`alter table "party_member_rating" add constraint "party_member_rating_person_year_unique" unique ("person_id", "year");`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "rating_entry" ("id" uuid not null, "seq" bigserial, "round_id" uuid not null, "step" "rating_step" not null, "star" "party_star" null, "points" double precision null, "red_line" "red_line" null, "reason" text not null, primary key ("id"));`);
    this.addSql(`create index "rating_entry_round_idx" on "rating_entry" ("round_id", "seq");`);

    this.addSql(`create table "rating_round" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "rating_id" uuid not null, "person_id" uuid not null, "year" int not null, "quarter" int not null, "area_code" text not null, "member_user_id" uuid null, "member_type" "party_member_type" not null, "status" "rating_round_status" not null default 'OPENED', "sheet_step" "rating_step" null, "scores" jsonb not null, "earned_stars" int not null default 0, "stars" int null, "vetoed" boolean not null default false, "red_lines" text[] not null, "total_score" double precision not null default 0, "opened_by" text not null, primary key ("id"));`);
    this.addSql(`create index "rating_round_area_code_idx" on "rating_round" ("area_code" text_pattern_ops);`);
    this.addSql(`create index "rating_round_rating_idx" on "rating_round" ("rating_id");`);
    this.addSql(`alter table "rating_round" add constraint "rating_round_person_quarter_unique" unique ("person_id", "year", "quarter");`);

    this.addSql(`create table "rating_step_record" ("id" uuid not null, "seq" bigserial, "round_id" uuid not null, "step" "rating_step" not null, "actor_user_id" text not null, "actor_role" text not null, "at" timestamptz not null, "note" text null, primary key ("id"));`);
    this.addSql(`create index "rating_step_record_round_idx" on "rating_step_record" ("round_id", "seq");`);

    this.addSql(`create table "staff_activity_day" ("user_id" text not null, "grid_code" text not null, "day" date not null, "visits" int not null default 0, "cases_found" int not null default 0, "cases_closed" int not null default 0, "cases_closed_on_time" int not null default 0, primary key ("user_id", "grid_code", "day"));`);
    this.addSql(`create index "staff_activity_day_grid_idx" on "staff_activity_day" ("grid_code" text_pattern_ops, "day");`);

    this.addSql(`create table "training_record" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "staff_user_id" uuid not null, "staff_person_id" uuid null, "area_code" text not null, "kind" "training_kind" not null, "title" text not null, "trained_on" date not null, "hours" double precision not null, "mentor_user_id" uuid null, "note" text null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "training_record_staff_idx" on "training_record" ("staff_user_id", "trained_on");`);
    this.addSql(`create index "training_record_area_code_idx" on "training_record" ("area_code" text_pattern_ops);`);

    this.addSql(`create or replace function "rating_entry_rating_entry_append_only_fn"() returns trigger as \$\$ begin raise exception 'rating_entry is append-only' using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "rating_entry_append_only" BEFORE UPDATE OR DELETE on "rating_entry" for each ROW execute function "rating_entry_rating_entry_append_only_fn"();`);

    this.addSql(`create or replace function "rating_step_record_rating_step_record_append_only_fn"() returns trigger as \$\$ begin raise exception 'rating_step_record is append-only' using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "rating_step_record_append_only" BEFORE UPDATE OR DELETE on "rating_step_record" for each ROW execute function "rating_step_record_rating_step_record_append_only_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "assessment" cascade;`);
    this.addSql(`drop table if exists "assessment_weights" cascade;`);
    this.addSql(`drop table if exists "case_projection" cascade;`);
    this.addSql(`drop table if exists "grid_satisfaction_day" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "party_member_rating" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
    this.addSql(`drop trigger if exists "rating_entry_append_only" on "rating_entry";`);
    this.addSql(`drop function if exists "rating_entry_rating_entry_append_only_fn"();`);
    this.addSql(`drop table if exists "rating_entry" cascade;`);
    this.addSql(`drop table if exists "rating_round" cascade;`);
    this.addSql(`drop trigger if exists "rating_step_record_append_only" on "rating_step_record";`);
    this.addSql(`drop function if exists "rating_step_record_rating_step_record_append_only_fn"();`);
    this.addSql(`drop table if exists "rating_step_record" cascade;`);
    this.addSql(`drop table if exists "staff_activity_day" cascade;`);
    this.addSql(`drop table if exists "training_record" cascade;`);

    this.addSql(`drop type "assessment_kind";`);
    this.addSql(`drop type "party_member_type";`);
    this.addSql(`drop type "one_star_measure";`);
    this.addSql(`drop type "rating_step";`);
    this.addSql(`drop type "party_star";`);
    this.addSql(`drop type "red_line";`);
    this.addSql(`drop type "rating_round_status";`);
    this.addSql(`drop type "training_kind";`);
  }

}

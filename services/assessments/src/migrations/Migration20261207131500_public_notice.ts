import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15, §8.5: public notice with objections, and the copy of the county settings (NOTICE_PERIOD,
 * PLATFORM_TARGETS). Rounds already publicly notified before this migration get their notice as it
 * happened then — published at their PUBLICLY_NOTIFIED step, final 7 days later (the default period),
 * without objections (there was no way to file one) — so every notified result has a notice.
 */
export class Migration20261207131500_public_notice extends Migration {

  override name = 'Migration20261207131500_public_notice';

  override up(): void | Promise<void> {
    this.addSql(`create type "objection_outcome" as enum ('UPHELD', 'DISMISSED');`);
    this.addSql(`create type "public_notice_kind" as enum ('STAR_RATING', 'POINTS_LEADERBOARD');`);
    this.addSql(`create type "public_notice_status" as enum ('OPEN', 'FINAL');`);
    this.addSql(`create table "county_setting_version" ("change_id" uuid not null, "county_code" text not null, "key" text not null, "effective_from" date not null, "version" int not null, "value" jsonb not null, primary key ("change_id"));`);
    this.addSql(`create index "county_setting_version_lookup_index" on "county_setting_version" ("county_code", "key", "effective_from");`);

    this.addSql(`create table "known_calendar_day" ("scope" text not null, "day" date not null, "kind" text null, "version" int not null, primary key ("scope", "day"));`);

    this.addSql(`create table "notice_objection" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "notice_id" uuid not null, "filed_by" text not null, "filed_as" text not null, "text" text not null, "filed_at" timestamptz not null, "answer" text null, "outcome" "objection_outcome" null, "answered_by" text null, "answered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "notice_objection_notice_idx" on "notice_objection" ("notice_id");`);

    this.addSql(`create table "public_notice" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "kind" "public_notice_kind" not null, "subject_key" text not null, "area_code" text not null, "village_code" text not null, "title" text not null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "status" "public_notice_status" not null default 'OPEN', "finalized_at" timestamptz null, "finalized_by" text null, "opened_by" text not null, "round_id" uuid null, "month" text null, "stars" int null, "total_score" double precision null, "vetoed" boolean null, "scores" jsonb null, primary key ("id"));`);
    this.addSql(`create index "public_notice_village_idx" on "public_notice" ("village_code" text_pattern_ops, "closes_at");`);
    this.addSql(`alter table "public_notice" add constraint "public_notice_subject_unique" unique ("kind", "subject_key");`);

    this.addSql(`create table "public_notice_log" ("id" uuid not null, "notice_id" uuid not null, "objection_id" uuid null, "action" text not null, "actor" text not null, "detail" text not null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "public_notice_log_notice_idx" on "public_notice_log" ("notice_id");`);

    this.addSql(`create or replace function "public_notice_log_append_only_fn"() returns trigger as \$\$ begin raise exception 'public_notice_log is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "public_notice_log" for each ROW execute function "public_notice_log_append_only_fn"();`);
    this.addSql(`insert into "public_notice" ("id", "created_at", "updated_at", "version", "kind", "subject_key", "area_code", "village_code", "title", "opens_at", "closes_at", "status", "finalized_at", "finalized_by", "opened_by", "round_id", "stars", "total_score", "vetoed", "scores")
      select gen_random_uuid(), s.at, s.at + interval '7 days', 1, 'STAR_RATING', r.id::text, r.area_code, left(r.area_code, 12),
             '党员星级评定公示（' || r.year || '年第' || r.quarter || '季度）', s.at, s.at + interval '7 days', 'FINAL', s.at + interval '7 days', 'migration',
             s.actor_user_id, r.id, r.stars, r.total_score, r.vetoed, r.scores
      from "rating_round" r join "rating_step_record" s on s.round_id = r.id and s.step = 'PUBLICLY_NOTIFIED'
      where r.status = 'PUBLICLY_NOTIFIED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "county_setting_version" cascade;`);
    this.addSql(`drop table if exists "known_calendar_day" cascade;`);
    this.addSql(`drop table if exists "notice_objection" cascade;`);
    this.addSql(`drop table if exists "public_notice" cascade;`);
    this.addSql(`drop trigger if exists "append_only" on "public_notice_log";`);
    this.addSql(`drop function if exists "public_notice_log_append_only_fn"();`);
    this.addSql(`drop table if exists "public_notice_log" cascade;`);

    this.addSql(`drop type "objection_outcome";`);
    this.addSql(`drop type "public_notice_kind";`);
    this.addSql(`drop type "public_notice_status";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261123011530 extends Migration {

  override name = 'Migration20261123011530';

  override up(): void | Promise<void> {
    this.addSql(`create type "audit_action" as enum ('REVEAL', 'LOOKUP_BY_ID_NUMBER');`);
    this.addSql(`create type "personal_data_field" as enum ('ID_NUMBER', 'PHONE');`);
    this.addSql(`create type "sex" as enum ('MALE', 'FEMALE');`);
    this.addSql(`create type "residence_status" as enum ('REGISTERED_RESIDENT', 'FLOATING', 'AWAY');`);
    this.addSql(`create type "party_member_type" as enum ('HOUSEHOLD_LINKING', 'WITHOUT_POST', 'MOBILE', 'IN_SERVICE', 'PROBATIONARY');`);
    this.addSql(`create type "tag_category" as enum ('VULNERABLE', 'SPECIAL', 'FLOATING', 'GENERAL');`);
    this.addSql(`create table "audit_log" ("id" uuid not null, "seq" bigserial, "at" timestamptz not null, "actor_user_id" text not null, "actor_username" text not null, "actor_roles" text[] not null, "action" "audit_action" not null, "person_id" uuid null, "area_code" text not null, "field" "personal_data_field" not null, "purpose" text null, "allowed" boolean not null, "refusal_reason" text null, primary key ("id"));`);
    this.addSql(`alter table "audit_log" add constraint "audit_log_seq_unique" unique ("seq");`);
    this.addSql(`create index "audit_log_person_id_idx" on "audit_log" ("person_id");`);
    this.addSql(`create index "audit_log_area_code_idx" on "audit_log" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "household" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "number" text null, "address" text not null, "grid_code" text not null, "head_id" uuid null, "linking_party_member_id" uuid null, primary key ("id"));`);
    this.addSql(`alter table "household" add constraint "household_number_unique" unique ("number");`);
    this.addSql(`create index "household_linking_party_member_id_idx" on "household" ("linking_party_member_id");`);
    this.addSql(`create index "household_grid_code_idx" on "household" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "person" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" text not null, "sex" "sex" not null, "birth_date" date not null, "id_number_sealed" bytea not null, "id_number_hash" text not null, "id_number_masked" text not null, "phone_sealed" bytea null, "phone_masked" text null, "household_id" uuid null, "address" text null, "grid_code" text not null, "residence_status" "residence_status" not null, "user_id" text null, primary key ("id"));`);
    this.addSql(`alter table "person" add constraint "person_id_number_hash_unique" unique ("id_number_hash");`);
    this.addSql(`create index "person_household_id_idx" on "person" ("household_id");`);
    this.addSql(`alter table "person" add constraint "person_user_id_unique" unique ("user_id");`);
    this.addSql(`create index "person_grid_code_idx" on "person" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "party_membership" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "person_id" uuid not null, "type" "party_member_type" not null, "branch_id" uuid null, "joined_on" date null, "reported_to_area_code" text null, "work_unit" text null, primary key ("id"));`);
    this.addSql(`alter table "party_membership" add constraint "party_membership_person_id_unique" unique ("person_id");`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "residence" ("id" uuid not null, "person_id" uuid not null, "grid_code" text not null, "household_id" uuid null, "moved_in_at" timestamptz not null, "moved_out_at" timestamptz null, "reason" text null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "residence_person_id_idx" on "residence" ("person_id");`);

    this.addSql(`create table "tag" ("code" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name_zh" text not null, "name_en" text not null, "category" "tag_category" not null, "sensitive" boolean not null default false, primary key ("code"));`);

    this.addSql(`create table "person_tag" ("id" uuid not null, "person_id" uuid not null, "tag_code" text not null, "valid_from" date not null, "valid_to" date null, "assigned_by" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "person_tag_person_id_idx" on "person_tag" ("person_id");`);
    this.addSql(`create index "person_tag_tag_code_idx" on "person_tag" ("tag_code");`);

    this.addSql(`create or replace function "audit_log_append_only_fn"() returns trigger as \$\$ begin raise exception 'audit_log is append-only'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "append_only" BEFORE UPDATE OR DELETE on "audit_log" for each ROW execute function "audit_log_append_only_fn"();`);

    this.addSql(`alter table "party_membership" add constraint "party_membership_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);

    this.addSql(`alter table "residence" add constraint "residence_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);

    this.addSql(`alter table "person_tag" add constraint "person_tag_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);
    this.addSql(`alter table "person_tag" add constraint "person_tag_tag_code_foreign" foreign key ("tag_code") references "tag" ("code");`);

    // The focus-tag catalogue every deployment starts with (src/tag/tag-catalogue.ts); admins add more with createTag.
    this.addSql(`insert into "tag" ("code", "created_at", "updated_at", "version", "name_zh", "name_en", "category", "sensitive") values
      ('ELDERLY', now(), now(), 1, '老年人', 'Elderly (60+)', 'VULNERABLE', false),
      ('EMPTY_NEST_ELDERLY', now(), now(), 1, '空巢老人', 'Empty-nest elderly', 'VULNERABLE', false),
      ('LIVING_ALONE_ELDERLY', now(), now(), 1, '独居老人', 'Elderly living alone', 'VULNERABLE', false),
      ('LEFT_BEHIND_CHILD', now(), now(), 1, '留守儿童', 'Left-behind child', 'VULNERABLE', false),
      ('DISABLED', now(), now(), 1, '残疾人', 'Person with a disability', 'VULNERABLE', false),
      ('LOW_INCOME', now(), now(), 1, '低保户', 'Minimum living allowance (dibao)', 'VULNERABLE', false),
      ('HARDSHIP', now(), now(), 1, '困难群众', 'In hardship', 'VULNERABLE', false),
      ('VETERAN', now(), now(), 1, '退役军人', 'Veteran', 'GENERAL', false),
      ('MIGRANT_WORKER_AWAY', now(), now(), 1, '外出务工人员', 'Working away from home', 'FLOATING', false),
      ('COMMUNITY_CORRECTION', now(), now(), 1, '社区矫正对象', 'Under community correction', 'SPECIAL', true),
      ('RELEASED_PRISONER', now(), now(), 1, '刑满释放人员', 'Released prisoner', 'SPECIAL', true),
      ('DRUG_REHAB', now(), now(), 1, '戒毒康复人员', 'In drug rehabilitation', 'SPECIAL', true),
      ('SEVERE_MENTAL_ILLNESS', now(), now(), 1, '严重精神障碍患者', 'Severe mental illness', 'SPECIAL', true)
      on conflict ("code") do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "party_membership" drop constraint "party_membership_person_id_foreign";`);
    this.addSql(`alter table "residence" drop constraint "residence_person_id_foreign";`);
    this.addSql(`alter table "person_tag" drop constraint "person_tag_person_id_foreign";`);
    this.addSql(`alter table "person_tag" drop constraint "person_tag_tag_code_foreign";`);

    this.addSql(`drop trigger if exists "append_only" on "audit_log";`);
    this.addSql(`drop function if exists "audit_log_append_only_fn"();`);
    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "household" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "person" cascade;`);
    this.addSql(`drop table if exists "party_membership" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
    this.addSql(`drop table if exists "residence" cascade;`);
    this.addSql(`drop table if exists "tag" cascade;`);
    this.addSql(`drop table if exists "person_tag" cascade;`);

    this.addSql(`drop type "audit_action";`);
    this.addSql(`drop type "personal_data_field";`);
    this.addSql(`drop type "sex";`);
    this.addSql(`drop type "residence_status";`);
    this.addSql(`drop type "party_member_type";`);
    this.addSql(`drop type "tag_category";`);
  }

}

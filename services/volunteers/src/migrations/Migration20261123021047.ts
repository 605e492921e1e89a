import { Migration } from '@mikro-orm/migrations';

export class Migration20261123021047 extends Migration {

  override name = 'Migration20261123021047';

  override up(): void | Promise<void> {
    this.addSql(`create type "activity_kind" as enum ('CLEAN_UP', 'SECURITY_PATROL', 'FREE_CLINIC', 'POLICY_TALK', 'OTHER');`);
    this.addSql(`create type "posting_kind" as enum ('AWARD', 'VOID', 'REDEMPTION');`);
    this.addSql(`create type "point_source" as enum ('ACTIVITY_ATTENDED', 'ORDER_COMPLETED', 'MEDIATION_JOINED', 'CASE_REPORTED_CONFIRMED', 'MANUAL', 'DECLARATION', 'REDEMPTION', 'RED_LINE_VETO');`);
    this.addSql(`create type "point_account_kind" as enum ('CIVIC', 'PARTY', 'AWARDS_ISSUED', 'REDEMPTIONS');`);
    this.addSql(`create type "approval_status" as enum ('PROPOSED', 'APPROVED', 'REJECTED');`);
    this.addSql(`create type "party_member_type" as enum ('HOUSEHOLD_LINKING', 'WITHOUT_POST', 'MOBILE', 'IN_SERVICE', 'PROBATIONARY');`);
    this.addSql(`create type "declaration_status" as enum ('DECLARED', 'COLLECTED', 'VERIFIED', 'REJECTED');`);
    this.addSql(`create type "redemption_item_kind" as enum ('GOODS', 'PRIORITY_SERVICE');`);
    this.addSql(`create type "service_order_kind" as enum ('NEED', 'MICRO_WISH');`);
    this.addSql(`create type "service_order_status" as enum ('OPEN', 'CLAIMED', 'COMPLETED', 'CONFIRMED', 'EXPIRED');`);
    this.addSql(`create type "volunteer_kind" as enum ('PARTY_MEMBER', 'ACTIVIST', 'STUDENT', 'PROFESSIONAL_TEACHER', 'PROFESSIONAL_DOCTOR', 'PROFESSIONAL_LAWYER', 'LOCAL_TALENT');`);
    this.addSql(`create table "activity" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "title" text not null, "kind" "activity_kind" not null, "description" text null, "area_code" text not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int not null, "signed_up_count" int not null default 0, "attended_count" int not null default 0, "service_minutes" int not null, "organiser_user_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "activity_area_code_idx" on "activity" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "activity_sign_up" ("activity_id" uuid not null, "volunteer_id" uuid not null, "signed_up_at" timestamptz not null, "attended_at" timestamptz null, "checked_in_by_user_id" uuid null, primary key ("activity_id", "volunteer_id"));`);
    this.addSql(`create index "activity_sign_up_volunteer_idx" on "activity_sign_up" ("volunteer_id");`);

    this.addSql(`create table "double_report" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "person_id" uuid not null, "work_unit" text not null, "area_code" text not null, "year" int not null, "registered_by_user_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "double_report_area_code_idx" on "double_report" ("area_code" text_pattern_ops);`);
    this.addSql(`alter table "double_report" add constraint "double_report_person_year_unique" unique ("person_id", "year");`);

    this.addSql(`create table "ledger_posting" ("id" uuid not null, "idempotency_key" text not null, "kind" "posting_kind" not null, "source" "point_source" not null, "rule_code" text null, "memo" text not null, "area_code" text not null, "occurred_at" timestamptz not null, "recorded_at" timestamptz not null, "actor" text not null, primary key ("id"));`);
    this.addSql(`alter table "ledger_posting" add constraint "ledger_posting_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "ledger_posting_occurred_idx" on "ledger_posting" ("occurred_at");`);
    this.addSql(`create index "ledger_posting_area_code_idx" on "ledger_posting" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "manual_award" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "person_id" uuid not null, "account_kind" "point_account_kind" not null, "area_code" text not null, "rule_code" text not null, "points" int not null, "reason" text not null, "occurred_at" timestamptz not null, "status" "approval_status" not null default 'PROPOSED', "proposed_by_user_id" uuid not null, "decided_by_user_id" uuid null, "decided_at" timestamptz null, "decision_note" text null, "posting_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "manual_award_area_code_idx" on "manual_award" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "point_account" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "kind" "point_account_kind" not null, "person_id" uuid null, "area_code" text not null, "party_member_type" "party_member_type" null, "holder_user_id" uuid null, "balance" int not null default 0, primary key ("id"));`);
    this.addSql(`create index "point_account_holder_idx" on "point_account" ("holder_user_id");`);
    this.addSql(`create unique index "point_account_system_unique" on "point_account" ("kind", "area_code") where "person_id" is null;`);
    this.addSql(`create unique index "point_account_person_kind_unique" on "point_account" ("person_id", "kind") where "person_id" is not null;`);
    this.addSql(`create index "point_account_area_code_idx" on "point_account" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "ledger_entry" ("id" uuid not null, "posting_id" uuid not null, "account_id" uuid not null, "amount" int not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "ledger_entry_posting_idx" on "ledger_entry" ("posting_id");`);
    this.addSql(`create index "ledger_entry_account_idx" on "ledger_entry" ("account_id", "created_at");`);

    this.addSql(`create table "point_declaration" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "volunteer_id" uuid not null, "person_id" uuid not null, "area_code" text not null, "month" text not null, "points" int not null, "description" text not null, "status" "declaration_status" not null default 'DECLARED', "declared_by_user_id" uuid not null, "collected_by_user_id" uuid null, "collected_at" timestamptz null, "verified_by_user_id" uuid null, "verified_at" timestamptz null, "rejected_reason" text null, "posting_id" uuid null, primary key ("id"));`);
    this.addSql(`create unique index "point_declaration_month_unique" on "point_declaration" ("volunteer_id", "month") where "status" <> 'REJECTED';`);
    this.addSql(`create index "point_declaration_area_code_idx" on "point_declaration" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "point_rule" ("code" text not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "source" "point_source" not null, "account_kind" "point_account_kind" not null, "party_member_type" "party_member_type" null, "points" int not null, "description" text not null, "active" boolean not null default true, primary key ("code"));`);
    this.addSql(`create unique index "point_rule_member_type_unique" on "point_rule" ("source", "account_kind", "party_member_type") where "active" and "party_member_type" is not null;`);
    this.addSql(`create unique index "point_rule_general_unique" on "point_rule" ("source", "account_kind") where "active" and "party_member_type" is null;`);

    this.addSql(`create table "point_veto" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "account_id" uuid not null, "person_id" uuid not null, "area_code" text not null, "period" text not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "reason" text not null, "points_voided" int not null, "posting_id" uuid null, "vetoed_by_user_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "point_veto_area_code_idx" on "point_veto" ("area_code" text_pattern_ops);`);
    this.addSql(`alter table "point_veto" add constraint "point_veto_account_period_unique" unique ("account_id", "period");`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);

    this.addSql(`create table "redemption" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "item_id" uuid not null, "account_id" uuid not null, "person_id" uuid not null, "account_kind" "point_account_kind" not null, "area_code" text not null, "quantity" int not null, "points" int not null, "posting_id" uuid not null, "redeemed_by_user_id" uuid not null, primary key ("id"));`);
    this.addSql(`create index "redemption_account_idx" on "redemption" ("account_id");`);
    this.addSql(`create index "redemption_area_code_idx" on "redemption" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "redemption_item" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" text not null, "description" text null, "kind" "redemption_item_kind" not null, "area_code" text not null, "points_cost" int not null, "stock" int not null, "active" boolean not null default true, primary key ("id"));`);
    this.addSql(`create index "redemption_item_area_code_idx" on "redemption_item" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "service_order" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "kind" "service_order_kind" not null, "title" text not null, "description" text null, "area_code" text not null, "deadline" timestamptz not null, "status" "service_order_status" not null default 'OPEN', "requester_person_id" uuid null, "requester_user_id" uuid null, "published_by_user_id" uuid not null, "published_at" timestamptz not null, "claimant_volunteer_id" uuid null, "claimed_at" timestamptz null, "completed_at" timestamptz null, "completion_note" text null, "confirmed_at" timestamptz null, "confirmed_by_user_id" uuid null, "expired_at" timestamptz null, "last_claimant_volunteer_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "service_order_requester_idx" on "service_order" ("requester_user_id");`);
    this.addSql(`create index "service_order_claimant_idx" on "service_order" ("claimant_volunteer_id");`);
    this.addSql(`create index "service_order_due_idx" on "service_order" ("deadline") where "status" in ('OPEN', 'CLAIMED');`);
    this.addSql(`create index "service_order_area_code_idx" on "service_order" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "team" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "name" text not null, "area_code" text not null, "description" text null, primary key ("id"));`);
    this.addSql(`create index "team_area_code_idx" on "team" ("area_code" text_pattern_ops);`);
    this.addSql(`alter table "team" add constraint "team_area_name_unique" unique ("area_code", "name");`);

    this.addSql(`create table "team_membership" ("team_id" uuid not null, "volunteer_id" uuid not null, "joined_at" timestamptz not null, primary key ("team_id", "volunteer_id"));`);
    this.addSql(`create index "team_membership_volunteer_idx" on "team_membership" ("volunteer_id");`);

    this.addSql(`create table "volunteer" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "person_id" uuid not null, "user_id" uuid null, "area_code" text not null, "kinds" "volunteer_kind"[] not null, "skills" text[] not null, "party_member_type" "party_member_type" null, "service_minutes" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "volunteer" add constraint "volunteer_person_id_unique" unique ("person_id");`);
    this.addSql(`alter table "volunteer" add constraint "volunteer_user_id_unique" unique ("user_id");`);
    this.addSql(`create index "volunteer_area_code_idx" on "volunteer" ("area_code" text_pattern_ops);`);

    this.addSql(`alter table "activity" add constraint "activity_time_check" check ("ends_at" > "starts_at");`);
    this.addSql(`alter table "activity" add constraint "activity_capacity_check" check ("signed_up_count" >= 0 and "signed_up_count" <= "capacity");`);

    this.addSql(`alter table "double_report" add constraint "double_report_year_check" check ("year" >= 2000 and "year" <= 2100);`);

    this.addSql(`create or replace function "ledger_posting_ledger_posting_balanced_fn"() returns trigger as \$\$      declare total bigint; lines int;       begin
        select coalesce(sum("amount"), 0), count(*) into total, lines from "ledger_entry" where "posting_id" = new."id";         if lines < 2 or total <> 0 then
          raise exception 'ledger posting % does not balance: % entries summing to %', new."id", lines, total using errcode = 'check_violation';         end if;         return null;       end; \$\$ language plpgsql;`);
    this.addSql(`create constraint trigger "ledger_posting_balanced" after insert on "ledger_posting" deferrable initially deferred for each row execute function "ledger_posting_ledger_posting_balanced_fn"();`);
    this.addSql(`create or replace function "ledger_posting_ledger_posting_append_only_fn"() returns trigger as \$\$ begin raise exception 'ledger_posting is append-only' using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "ledger_posting_append_only" BEFORE UPDATE OR DELETE on "ledger_posting" for each ROW execute function "ledger_posting_ledger_posting_append_only_fn"();`);

    this.addSql(`alter table "manual_award" add constraint "manual_award_four_eyes_check" check ("decided_by_user_id" is null or "decided_by_user_id" <> "proposed_by_user_id");`);
    this.addSql(`alter table "manual_award" add constraint "manual_award_points_check" check ("points" > 0);`);

    this.addSql(`alter table "point_account" add constraint "point_account_balance_check" check ("person_id" is null or "balance" >= 0);`);
    this.addSql(`alter table "point_account" add constraint "point_account_owner_check" check (("kind" in ('CIVIC', 'PARTY')) = ("person_id" is not null));`);

    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_posting_id_foreign" foreign key ("posting_id") references "ledger_posting" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_account_id_foreign" foreign key ("account_id") references "point_account" ("id") on update no action on delete no action;`);
    this.addSql(`alter table "ledger_entry" add constraint "ledger_entry_amount_check" check ("amount" <> 0);`);
    this.addSql(`create or replace function "ledger_entry_ledger_entry_balanced_fn"() returns trigger as \$\$      declare total bigint; lines int;       begin
        select coalesce(sum("amount"), 0), count(*) into total, lines from "ledger_entry" where "posting_id" = new."posting_id";         if lines < 2 or total <> 0 then
          raise exception 'ledger posting % does not balance: % entries summing to %', new."posting_id", lines, total using errcode = 'check_violation';         end if;         return null;       end; \$\$ language plpgsql;`);
    this.addSql(`create constraint trigger "ledger_entry_balanced" after insert on "ledger_entry" deferrable initially deferred for each row execute function "ledger_entry_ledger_entry_balanced_fn"();`);
    this.addSql(`create or replace function "ledger_entry_ledger_entry_append_only_fn"() returns trigger as \$\$ begin raise exception 'ledger_entry is append-only' using errcode = 'restrict_violation'; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "ledger_entry_append_only" BEFORE UPDATE OR DELETE on "ledger_entry" for each ROW execute function "ledger_entry_ledger_entry_append_only_fn"();`);

    this.addSql(`alter table "point_declaration" add constraint "point_declaration_points_check" check ("points" > 0);`);

    this.addSql(`alter table "point_rule" add constraint "point_rule_account_check" check ("account_kind" in ('CIVIC', 'PARTY') and ("party_member_type" is null or "account_kind" = 'PARTY'));`);
    this.addSql(`alter table "point_rule" add constraint "point_rule_points_check" check ("points" > 0);`);

    this.addSql(`alter table "redemption" add constraint "redemption_quantity_check" check ("quantity" > 0);`);

    this.addSql(`alter table "redemption_item" add constraint "redemption_item_cost_check" check ("points_cost" > 0);`);
    this.addSql(`alter table "redemption_item" add constraint "redemption_item_stock_check" check ("stock" >= 0);`);

    this.addSql(`alter table "service_order" add constraint "service_order_claimant_check" check (("status" in ('OPEN', 'EXPIRED')) = ("claimant_volunteer_id" is null));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_posting_id_foreign";`);
    this.addSql(`alter table "ledger_entry" drop constraint "ledger_entry_account_id_foreign";`);

    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop table if exists "activity_sign_up" cascade;`);
    this.addSql(`drop table if exists "double_report" cascade;`);
    this.addSql(`drop trigger if exists "ledger_posting_balanced" on "ledger_posting";`);
    this.addSql(`drop function if exists "ledger_posting_ledger_posting_balanced_fn"();`);
    this.addSql(`drop trigger if exists "ledger_posting_append_only" on "ledger_posting";`);
    this.addSql(`drop function if exists "ledger_posting_ledger_posting_append_only_fn"();`);
    this.addSql(`drop table if exists "ledger_posting" cascade;`);
    this.addSql(`drop table if exists "manual_award" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "point_account" cascade;`);
    this.addSql(`drop trigger if exists "ledger_entry_balanced" on "ledger_entry";`);
    this.addSql(`drop function if exists "ledger_entry_ledger_entry_balanced_fn"();`);
    this.addSql(`drop trigger if exists "ledger_entry_append_only" on "ledger_entry";`);
    this.addSql(`drop function if exists "ledger_entry_ledger_entry_append_only_fn"();`);
    this.addSql(`drop table if exists "ledger_entry" cascade;`);
    this.addSql(`drop table if exists "point_declaration" cascade;`);
    this.addSql(`drop table if exists "point_rule" cascade;`);
    this.addSql(`drop table if exists "point_veto" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
    this.addSql(`drop table if exists "redemption" cascade;`);
    this.addSql(`drop table if exists "redemption_item" cascade;`);
    this.addSql(`drop table if exists "service_order" cascade;`);
    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "team_membership" cascade;`);
    this.addSql(`drop table if exists "volunteer" cascade;`);

    this.addSql(`drop type "activity_kind";`);
    this.addSql(`drop type "posting_kind";`);
    this.addSql(`drop type "point_source";`);
    this.addSql(`drop type "point_account_kind";`);
    this.addSql(`drop type "approval_status";`);
    this.addSql(`drop type "party_member_type";`);
    this.addSql(`drop type "declaration_status";`);
    this.addSql(`drop type "redemption_item_kind";`);
    this.addSql(`drop type "service_order_kind";`);
    this.addSql(`drop type "service_order_status";`);
    this.addSql(`drop type "volunteer_kind";`);
  }

}

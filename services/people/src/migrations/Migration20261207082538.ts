import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13 (DOMAIN.md §8.7, §8.8): department need-to-know (department_case_person), one-time link
 * codes, audit lines for sensitive-tag lists, ID-number matches and account links, and the narrower
 * masks: stored masked ID numbers keep only their 6-digit region, masked phones only their last 4
 * digits (masking.ts). The masks are rewritten from the masked columns themselves (no key needed).
 *
 * down() drops the tables and columns but cannot give the old masks back (the digits are gone; a
 * later re-import or re-seal writes them with whatever mask the code then has) nor remove enum values
 * from PostgreSQL types; the extra values are unused by older code.
 */
export class Migration20261207082538 extends Migration {

  override name = 'Migration20261207082538';

  override up(): void | Promise<void> {
    this.addSql(`create table "department_case_person" ("department_code" text not null, "person_id" uuid not null, "case_id" uuid not null, "since" timestamptz not null, primary key ("department_code", "person_id", "case_id"));`);

    this.addSql(`create table "person_link_code" ("id" uuid not null, "person_id" uuid not null, "code_hash" text not null, "issued_by" text not null, "issued_at" timestamptz not null, "expires_at" timestamptz not null, "redeemed_at" timestamptz null, "redeemed_by" text null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "person_link_code" add constraint "person_link_code_hash_unique" unique ("code_hash");`);
    this.addSql(`create unique index "person_link_code_active_unique" on "person_link_code" ("person_id") where "redeemed_at" is null and "revoked_at" is null;`);

    this.addSql(`alter type "audit_action" add value if not exists 'ID_NUMBER_MATCH' after 'LOOKUP_BY_ID_NUMBER';`);
    this.addSql(`alter type "audit_action" add value if not exists 'SENSITIVE_TAG_LIST' after 'ID_NUMBER_MATCH';`);
    this.addSql(`alter type "audit_action" add value if not exists 'SENSITIVE_TAG_STATISTICS' after 'SENSITIVE_TAG_LIST';`);
    this.addSql(`alter type "audit_action" add value if not exists 'ACCOUNT_LINK' after 'SENSITIVE_TAG_STATISTICS';`);
    this.addSql(`alter type "audit_action" add value if not exists 'ACCOUNT_UNLINK' after 'ACCOUNT_LINK';`);
    this.addSql(`alter type "audit_action" add value if not exists 'LINK_CODE_ISSUE' after 'ACCOUNT_UNLINK';`);
    this.addSql(`alter type "audit_action" add value if not exists 'LINK_CODE_REDEEM' after 'LINK_CODE_ISSUE';`);
    this.addSql(`alter type "personal_data_field" add value if not exists 'SENSITIVE_TAGS' after 'PHONE';`);
    this.addSql(`alter type "personal_data_field" add value if not exists 'ACCOUNT' after 'SENSITIVE_TAGS';`);
    this.addSql(`alter table "audit_log" add "filter" text null, add "row_count" int null;`);
    this.addSql(`create index "audit_log_actor_action_at_idx" on "audit_log" ("actor_user_id", "action", "at");`);

    this.addSql(`update "person" set "id_number_masked" = left("id_number_masked", 6) || repeat('*', length("id_number_masked") - 6) where "id_number_masked" ~ '[^*]' and length("id_number_masked") > 6 and substr("id_number_masked", 7) ~ '[^*]';`);
    this.addSql(`update "person" set "phone_masked" = repeat('*', length("phone_masked") - 4) || right("phone_masked", 4) where "phone_masked" is not null and length("phone_masked") > 4 and left("phone_masked", length("phone_masked") - 4) ~ '[^*]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "department_case_person" cascade;`);
    this.addSql(`drop table if exists "person_link_code" cascade;`);

    this.addSql(`drop index "audit_log_actor_action_at_idx";`);
    this.addSql(`alter table "audit_log" drop column "filter", drop column "row_count";`);
  }

}

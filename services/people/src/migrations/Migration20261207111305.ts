import { Migration } from '@mikro-orm/migrations';

/**
 * Export jobs (libs/exports) and the audit line of a ledger export (action EXPORT, field LEDGER).
 * down() drops the table but cannot remove enum values from PostgreSQL types; the extra values are
 * unused by older code.
 */
export class Migration20261207111305 extends Migration {

  override name = 'Migration20261207111305';

  override up(): void | Promise<void> {
    this.addSql(`create table "export_job" ("id" uuid not null, "kind" text not null, "format" text not null, "status" text not null default 'QUEUED', "requested_by" text not null, "requester" jsonb not null, "area_code" text not null, "filter" jsonb not null, "rows_done" int not null default 0, "rows_total" int null, "attempts" int not null default 0, "file_name" text not null, "object_key" text null, "bytes" bigint null, "error" text null, "lease_until" timestamptz null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "export_job_requester_idx" on "export_job" ("requested_by", "created_at");`);
    this.addSql(`create index "export_job_pending_idx" on "export_job" ("created_at") where "status" in ('QUEUED', 'RUNNING');`);

    this.addSql(`alter type "audit_action" add value if not exists 'EXPORT' after 'KEY_ROTATION';`);
    this.addSql(`alter type "personal_data_field" add value if not exists 'LEDGER' after 'ACCOUNT';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "export_job" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/** Export jobs (libs/exports): the key-place ledger export. */
export class Migration20261207125000_export_jobs extends Migration {

  override name = 'Migration20261207125000_export_jobs';

  override up(): void | Promise<void> {
    this.addSql(`create table "export_job" ("id" uuid not null, "kind" text not null, "format" text not null, "status" text not null default 'QUEUED', "requested_by" text not null, "requester" jsonb not null, "area_code" text not null, "filter" jsonb not null, "rows_done" int not null default 0, "rows_total" int null, "attempts" int not null default 0, "file_name" text not null, "object_key" text null, "bytes" bigint null, "error" text null, "lease_until" timestamptz null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "export_job_requester_idx" on "export_job" ("requested_by", "created_at");`);
    this.addSql(`create index "export_job_pending_idx" on "export_job" ("created_at") where "status" in ('QUEUED', 'RUNNING');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "export_job" cascade;`);
  }

}

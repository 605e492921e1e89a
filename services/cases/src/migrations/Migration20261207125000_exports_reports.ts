import { Migration } from '@mikro-orm/migrations';

/** Export jobs (libs/exports) and the monthly analysis reports (§8.4), one per area and month. */
export class Migration20261207125000_exports_reports extends Migration {

  override name = 'Migration20261207125000_exports_reports';

  override up(): void | Promise<void> {
    this.addSql(`create table "export_job" ("id" uuid not null, "kind" text not null, "format" text not null, "status" text not null default 'QUEUED', "requested_by" text not null, "requester" jsonb not null, "area_code" text not null, "filter" jsonb not null, "rows_done" int not null default 0, "rows_total" int null, "attempts" int not null default 0, "file_name" text not null, "object_key" text null, "bytes" bigint null, "error" text null, "lease_until" timestamptz null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "expires_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "export_job_requester_idx" on "export_job" ("requested_by", "created_at");`);
    this.addSql(`create index "export_job_pending_idx" on "export_job" ("created_at") where "status" in ('QUEUED', 'RUNNING');`);

    this.addSql(`create table "monthly_report" ("id" uuid not null, "area_code" text not null, "month" text not null, "figures" jsonb null, "xlsx_key" text null, "pdf_key" text null, "generated_by" text null, "generated_at" timestamptz null, "generations" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "monthly_report" add constraint "monthly_report_area_month_unique" unique ("area_code", "month");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "export_job" cascade;`);
    this.addSql(`drop table if exists "monthly_report" cascade;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

/** Export files are deleted from the object store when their retention ends (libs/exports cleanup): when, per job. */
export class Migration20261207151000_export_file_deletion extends Migration {

  override name = 'Migration20261207151000_export_file_deletion';

  override up(): void | Promise<void> {
    this.addSql(`alter table "export_job" add column "file_deleted_at" timestamptz null;`);
    this.addSql(`create index "export_job_expiring_idx" on "export_job" ("expires_at") where "status" = 'SUCCEEDED' and "file_deleted_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "export_job_expiring_idx";`);
    this.addSql(`alter table "export_job" drop column if exists "file_deleted_at";`);
  }

}

/** What a migration needs of its own: somewhere to add SQL (MikroORM's `Migration`, or anything that records it). */
export interface MigrationSqlSink {
  addSql(sql: string): unknown;
}

/** The partial index the cleanup of expired export files reads (libs/exports ExportJobRunner): the entity declares it too. */
export const EXPORT_JOB_EXPIRING_INDEX = 'export_job_expiring_idx';

/** The index's definition as the entity's `@Index({ expression })` states it (no trailing semicolon). */
export const EXPORT_JOB_EXPIRING_INDEX_DEFINITION = `create index "${EXPORT_JOB_EXPIRING_INDEX}" on "export_job" ("expires_at") where "status" = 'SUCCEEDED' and "file_deleted_at" is null`;

/**
 * The SQL of `export_job` changes that every service owning export jobs (cases, grids, people) applies alike, one
 * place for their migrations (like `idempotencyKeySql` in @lianxin/db). A migration keeps producing what it
 * produced when first applied: these strings are the statements those migrations ran, to the character
 * (export-job.sql.spec.ts holds them).
 */
export const exportJobSql = {
  /** When the export's file was deleted from the object store at the end of its retention. */
  addFileDeletedAt: `alter table "export_job" add column "file_deleted_at" timestamptz null;`,
  dropFileDeletedAt: `alter table "export_job" drop column if exists "file_deleted_at";`,
  createExpiringIndex: `${EXPORT_JOB_EXPIRING_INDEX_DEFINITION};`,
  dropExpiringIndex: `drop index if exists "${EXPORT_JOB_EXPIRING_INDEX}";`,
} as const;

/** In a migration's `up()`: `addExportFileDeletion(this)`, the column and index of the export-file cleanup. */
export function addExportFileDeletion(migration: MigrationSqlSink): void {
  migration.addSql(exportJobSql.addFileDeletedAt);
  migration.addSql(exportJobSql.createExpiringIndex);
}

/** In the matching `down()`: the index first, then the column. */
export function dropExportFileDeletion(migration: MigrationSqlSink): void {
  migration.addSql(exportJobSql.dropExpiringIndex);
  migration.addSql(exportJobSql.dropFileDeletedAt);
}

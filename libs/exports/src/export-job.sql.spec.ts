import { addExportFileDeletion, dropExportFileDeletion, EXPORT_JOB_EXPIRING_INDEX_DEFINITION } from './export-job.sql.js';

/** Records what a migration would add, in order. */
function recorded(apply: (migration: { addSql(sql: string): void }) => void): string[] {
  const statements: string[] = [];
  apply({ addSql: (sql) => statements.push(sql) });
  return statements;
}

describe('export_job migration SQL (one helper for the export_file_deletion migrations of cases, grids and people)', () => {
  // The statements the three Migration20261207151000_export_file_deletion migrations ran before the helper, copied
  // from them verbatim: an applied migration must keep producing exactly what it produced.
  it('up(): the same two statements as the migrations wrote out before, in the same order', () => {
    expect(recorded(addExportFileDeletion)).toEqual([
      `alter table "export_job" add column "file_deleted_at" timestamptz null;`,
      `create index "export_job_expiring_idx" on "export_job" ("expires_at") where "status" = 'SUCCEEDED' and "file_deleted_at" is null;`,
    ]);
  });

  it('down(): the index first, then the column, as before', () => {
    expect(recorded(dropExportFileDeletion)).toEqual([
      `drop index if exists "export_job_expiring_idx";`,
      `alter table "export_job" drop column if exists "file_deleted_at";`,
    ]);
  });

  it('the entity declares the same index definition the migration creates (so `migrate check` sees no difference)', () => {
    expect(EXPORT_JOB_EXPIRING_INDEX_DEFINITION).toBe(
      'create index "export_job_expiring_idx" on "export_job" ("expires_at") where "status" = \'SUCCEEDED\' and "file_deleted_at" is null',
    );
  });
});

import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { ExportFormat, ExportJobStatus } from './export-enums.js';
import { EXPORT_JOB_EXPIRING_INDEX, EXPORT_JOB_EXPIRING_INDEX_DEFINITION } from './export-job.sql.js';

/** Who asked, as their token said when they asked: a rerun after a restart masks and scopes exactly the same. */
export interface ExportRequester {
  sub: string;
  username: string;
  roles: string[];
  areaCode: string;
  departmentCode?: string;
}

/**
 * One export (a ledger, a case list, statistics, a report file), in the database of the service that
 * owns the data: its state survives a restart, and the row is the audit record of the export (who,
 * what filter, how many rows). Written by ExportJobRunner (export-runner.ts) only.
 */
@Entity({ tableName: 'export_job' })
@Index({ name: 'export_job_pending_idx', expression: 'create index "export_job_pending_idx" on "export_job" ("created_at") where "status" in (\'QUEUED\', \'RUNNING\')' })
@Index({ name: 'export_job_requester_idx', properties: ['requestedBy', 'createdAt'] })
@Index({ name: EXPORT_JOB_EXPIRING_INDEX, expression: EXPORT_JOB_EXPIRING_INDEX_DEFINITION })
export class ExportJob {
  [OptionalProps]?:
    | 'id'
    | 'status'
    | 'rowsDone'
    | 'rowsTotal'
    | 'attempts'
    | 'objectKey'
    | 'bytes'
    | 'error'
    | 'leaseUntil'
    | 'createdAt'
    | 'startedAt'
    | 'finishedAt'
    | 'expiresAt'
    | 'fileDeletedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Which handler writes it (e.g. `ledger.POPULATION`, `cases`, `case-stats`). */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  format!: ExportFormat;

  @Property({ type: 'text' })
  status: ExportJobStatus = ExportJobStatus.QUEUED;

  /** Keycloak subject of the requester. */
  @Property({ type: 'text' })
  requestedBy!: string;

  @Property({ type: 'jsonb' })
  requester!: ExportRequester;

  /** The area the export covers (inside the requester's scope). */
  @Property({ type: 'text' })
  areaCode!: string;

  /** The filter as given (audit: what was exported). */
  @Property({ type: 'jsonb' })
  filter!: Record<string, unknown>;

  @Property({ type: 'integer' })
  rowsDone: number = 0;

  /** Counted when the job starts; null before. */
  @Property({ type: 'integer', nullable: true })
  rowsTotal: number | null = null;

  /** How often a runner started it (more than 1: it was rerun after a runner died). */
  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text', nullable: true })
  objectKey: string | null = null;

  @Property({ type: 'bigint', nullable: true })
  bytes: string | null = null;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  /** A RUNNING job whose lease is past belongs to no live runner. */
  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  /** After this the file is no longer handed out, and the cleanup deletes it from the object store. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  /** When the cleanup deleted the file (objectKey) from the object store: the record of the deletion. */
  @Property({ type: 'timestamptz', nullable: true })
  fileDeletedAt: Date | null = null;
}

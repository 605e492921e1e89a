import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { CountySettings, localDayOf, recordEvent } from '@lianxin/events';
import { PeriodicJob, type PeriodicSchedule } from '@lianxin/platform';
import { MediaEvents, type FileDeletedData } from '../events/media-events.js';
import type { MediaConfig } from '../media-config.js';
import { InjectMediaConfig, MediaStorage } from '../storage/storage.module.js';
import { MediaFile, MediaFileStatus } from '../upload/media-file.entity.js';
import { TusUploads } from '../upload/tus-uploads.js';
import { DeletionReason, MediaDeletion } from './media-deletion.entity.js';
import { closedCaseExpired, countyOf, earliestDueClosing, unattachedExpired } from './retention.policy.js';

/** One job across replicas: the run holds this advisory lock (pg_try_advisory_xact_lock). */
const RETENTION_LOCK = 0x6d656469; // 'medi'
const BATCH = 200;

export interface RetentionRun {
  deleted: number;
  byReason: Record<DeletionReason, number>;
}

interface DueRow {
  file_id: string;
  area_code: string;
  since: Date;
  owner_type: string | null;
  owner_id: string | null;
}

/**
 * Deletes what retention says is due (retention.policy.ts) and records each deletion (media_deletion,
 * plus a media.file.deleted event), hourly (MEDIA_RETENTION_INTERVAL_MS) and on demand (`run`). The file
 * row stays with status DELETED, so an attachment shows that its file existed and was deleted.
 * Objects are deleted before the rows commit: a crash between the two leaves rows whose objects are gone,
 * and the next run deletes (nothing) and records them then.
 */
@Injectable()
export class RetentionJob extends PeriodicJob<RetentionRun> {
  constructor(
    private readonly em: EntityManager,
    private readonly media: MediaStorage,
    private readonly tus: TusUploads,
    private readonly settings: CountySettings,
    @InjectMediaConfig() private readonly config: MediaConfig,
  ) {
    super('retention');
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.retentionIntervalMs };
  }

  /** One run as of `now`; `run(now)` (PeriodicJob) is the same but joins a run in progress (one at a time per process, one across replicas by the lock). */
  async runOnce(now: Date = new Date()): Promise<RetentionRun> {
    const result: RetentionRun = { deleted: 0, byReason: { RETENTION: 0, UNATTACHED: 0 } };
    for (;;) {
      const done = await this.em.fork().transactional(async (em) => {
        const [{ locked }] = await em.execute<Array<{ locked: boolean }>>('select pg_try_advisory_xact_lock(?) as locked', [RETENTION_LOCK]);
        if (!locked) return 0;
        let count = 0;
        const today = localDayOf(now);
        const periods = new Map<string, number>();
        const daysIn = async (areaCode: string) => {
          const county = countyOf(areaCode);
          if (!periods.has(county)) periods.set(county, (await this.settings.valueAt(em, county, 'MEDIA_RETENTION', today)).closedCaseDays);
          return periods.get(county)!;
        };
        for (const row of await this.dueClosedCases(em, now)) {
          const days = await daysIn(row.area_code);
          if (!closedCaseExpired(days, new Date(row.since), now)) continue;
          if (!(await this.delete(em, row, DeletionReason.RETENTION, days, now))) continue;
          count += 1;
          result.byReason.RETENTION += 1;
        }
        for (const row of await this.dueUnattached(em, now)) {
          if (!unattachedExpired(this.config.unattachedDays, new Date(row.since), now)) continue;
          if (!(await this.delete(em, row, DeletionReason.UNATTACHED, this.config.unattachedDays, now))) continue;
          count += 1;
          result.byReason.UNATTACHED += 1;
        }
        return count;
      });
      result.deleted += done;
      if (done < BATCH) break;
    }
    if (result.deleted > 0) this.logger.log({ msg: 'retention run', ...result.byReason });
    return result;
  }

  /** Files attached to cases closed long enough ago somewhere (the policy decides per county). */
  private dueClosedCases(em: EntityManager, now: Date): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `select f.id as file_id, o.area_code, o.closed_at as since, a.owner_type, a.owner_id
         from media_attachment a
         join media_owner o on o.owner_type = a.owner_type and o.owner_id = a.owner_id
         join media_file f on f.id = a.file_id
        where a.owner_type = 'CASE' and o.closed_at is not null and o.closed_at <= ? and f.status <> 'DELETED'
        order by o.closed_at limit ${BATCH} for update of f skip locked`,
      [earliestDueClosing(now)],
    );
  }

  /** Uploads with no attachment (or only a refused one) older than the unattached period. */
  private dueUnattached(em: EntityManager, now: Date): Promise<DueRow[]> {
    return em.execute<DueRow[]>(
      `select f.id as file_id, f.uploader_area_code as area_code, f.created_at as since, null as owner_type, null as owner_id
         from media_file f
        where f.status <> 'DELETED' and f.created_at <= ?
          and not exists (select 1 from media_attachment a where a.file_id = f.id and a.state <> 'REFUSED')
        order by f.created_at limit ${BATCH} for update of f skip locked`,
      [new Date(now.getTime() - this.config.unattachedDays * 86_400_000)],
    );
  }

  private async delete(em: EntityManager, row: DueRow, reason: DeletionReason, keptDays: number, now: Date): Promise<boolean> {
    const file = await em.findOne(MediaFile, { id: row.file_id });
    if (!file || file.status === MediaFileStatus.DELETED) return false;
    const keys = [file.objectKey, file.thumbnailKey].filter((key): key is string => !!key);
    for (const key of keys) await this.media.storage.delete(key);
    // An upload that never finished: its tus object, info and open multipart upload.
    if (file.status === MediaFileStatus.UPLOADING) await this.tus.removeRaw(file.id);
    em.create(MediaDeletion, {
      fileId: file.id,
      reason,
      ownerType: row.owner_type,
      ownerId: row.owner_id,
      areaCode: row.area_code,
      keptDays,
      since: new Date(row.since),
      objectKeys: keys,
      bytes: Number(file.size ?? 0),
      fileName: file.fileName,
      deletedBy: 'system',
      deletedAt: now,
    });
    file.status = MediaFileStatus.DELETED;
    file.deletedAt = now;
    recordEvent<FileDeletedData>(em, {
      type: MediaEvents.FILE_DELETED,
      areaCode: row.area_code,
      actor: 'system',
      data: { fileId: file.id, ownerType: row.owner_type, ownerId: row.owner_id, reason },
    });
    await em.flush();
    return true;
  }
}

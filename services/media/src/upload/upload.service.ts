import { createHash } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { notFound } from '@lianxin/graphql';
import { ObjectTooLargeError } from '@lianxin/storage';
import { InjectMediaConfig, MediaStorage } from '../storage/storage.module.js';
import type { MediaConfig } from '../media-config.js';
import { checkContent, SNIFF_BYTES } from './content-check.js';
import { cleanImage, UnreadableImageError } from './image-processing.js';
import { MediaFile, MediaFileStatus } from './media-file.entity.js';
import { decideUpload, type QuotaDecision, UPLOAD_QUOTA_WINDOW_MS } from './upload-quota.policy.js';

export interface FinishResult {
  status: MediaFileStatus;
  reason?: string;
}

/** Key of the served file and its thumbnail, relative to media's prefix. */
export const fileKeys = (id: string, ext: string) => ({ file: `files/${id}/file.${ext}`, thumbnail: `files/${id}/thumb.webp` });

/**
 * An upload's life outside the tus protocol: its row when it starts, and when its last byte arrives the
 * check by content, the cleaned copy that is served, the thumbnail and the location from EXIF. The raw
 * upload (with its EXIF) is removed afterwards by the caller (tus store).
 */
@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly media: MediaStorage,
    @InjectMediaConfig() private readonly config: MediaConfig,
  ) {}

  async started(user: AuthUser, id: string, fileName: string, declaredSize: number): Promise<MediaFile> {
    const em = this.em.fork();
    const file = em.create(MediaFile, {
      id,
      uploadedBy: user.sub,
      uploaderAreaCode: user.areaCode,
      fileName: sanitizeFileName(fileName),
      declaredSize,
    });
    await em.flush();
    return file;
  }

  /** Whether `user` may start an upload of `declaredBytes` now (upload-quota.policy.ts), from their uploads of the last hour. */
  async mayStart(user: Pick<AuthUser, 'sub'>, declaredBytes: number, now = new Date()): Promise<QuotaDecision> {
    const quota = { uploadsPerHour: this.config.uploadsPerHour, bytesPerHour: this.config.uploadBytesPerHour };
    if (quota.uploadsPerHour <= 0 && quota.bytesPerHour <= 0) return { allowed: true };
    // On media_file_uploaded_by_idx (uploaded_by, created_at).
    const [row] = await this.em.fork().execute<Array<{ n: string; bytes: string; oldest: Date | null }>>(
      'select count(*) as n, coalesce(sum(declared_size), 0) as bytes, min(created_at) as oldest from media_file where uploaded_by = ? and created_at > ?',
      [user.sub, new Date(now.getTime() - UPLOAD_QUOTA_WINDOW_MS)],
    );
    return decideUpload(quota, { count: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null }, declaredBytes, now);
  }

  /** The upload, if it is the user's own (others' uploads do not exist for them). */
  async own(user: Pick<AuthUser, 'sub'>, id: string): Promise<MediaFile | null> {
    return this.em.fork().findOne(MediaFile, { id, uploadedBy: user.sub });
  }

  async ownOrFail(user: Pick<AuthUser, 'sub'>, id: string): Promise<MediaFile> {
    const file = await this.own(user, id);
    if (!file) throw notFound('Upload', id);
    return file;
  }

  /**
   * The last byte arrived: read the raw upload (`rawKey`, a full object key), decide its type by content,
   * store the served copy (images re-encoded without metadata) and a thumbnail, and record what was found.
   * Idempotent: a finished file is answered as it is.
   */
  async finish(id: string, rawKey: string): Promise<FinishResult> {
    const em = this.em.fork();
    const file = await em.findOneOrFail(MediaFile, { id });
    if (file.status !== MediaFileStatus.UPLOADING) return { status: file.status, reason: file.rejectReason ?? undefined };
    const reject = async (reason: string): Promise<FinishResult> => {
      file.status = MediaFileStatus.REJECTED;
      file.rejectReason = reason;
      file.completedAt = new Date();
      await em.flush();
      this.logger.log({ msg: 'upload rejected', fileId: id, reason });
      return { status: MediaFileStatus.REJECTED, reason };
    };
    let raw: Buffer | null;
    try {
      raw = await this.media.storage.getBuffer(this.relative(rawKey), this.config.maxBytes);
    } catch (error) {
      if (error instanceof ObjectTooLargeError) return reject(`larger than ${this.config.maxBytes} bytes`);
      throw error;
    }
    if (!raw) throw new Error(`upload ${id}: raw object ${rawKey} is missing`);
    const verdict = await checkContent(raw.subarray(0, SNIFF_BYTES));
    if (!verdict.accepted) return reject(verdict.reason);
    const keys = fileKeys(id, verdict.ext);
    let served = raw;
    if (verdict.kind === 'image') {
      try {
        const image = await cleanImage(raw, verdict.mime);
        served = image.data;
        file.width = image.width;
        file.height = image.height;
        file.latitude = image.location.latitude;
        file.longitude = image.location.longitude;
        file.altitude = image.location.altitude;
        file.takenAt = image.location.takenAt;
        await this.media.storage.put(keys.thumbnail, image.thumbnail, { contentType: 'image/webp' });
        file.thumbnailKey = keys.thumbnail;
      } catch (error) {
        if (error instanceof UnreadableImageError) return reject(error.message);
        throw error;
      }
    }
    await this.media.storage.put(keys.file, served, { contentType: verdict.mime });
    file.objectKey = keys.file;
    file.mimeType = verdict.mime;
    file.size = served.length;
    file.sha256 = createHash('sha256').update(served).digest('hex');
    file.status = MediaFileStatus.READY;
    file.completedAt = new Date();
    await em.flush();
    this.logger.log({ msg: 'upload ready', fileId: id, mimeType: verdict.mime, bytes: served.length, located: file.latitude !== null });
    return { status: MediaFileStatus.READY };
  }

  /** A full object key (tus store ids carry the storage prefix) relative to media's prefix. */
  private relative(objectKey: string): string {
    const prefix = this.media.storage.config.prefix;
    if (!objectKey.startsWith(prefix)) throw new Error(`object ${objectKey} is outside ${prefix}`);
    return objectKey.slice(prefix.length);
  }
}

/** A download name: no path, no control characters, at most 200 characters. */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'file';
}

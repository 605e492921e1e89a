import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '@lianxin/db';

export enum MediaFileStatus {
  /** Bytes still arriving over tus. */
  UPLOADING = 'UPLOADING',
  /** Checked, cleaned (no EXIF in the served file) and stored with its thumbnail. */
  READY = 'READY',
  /** Its content is not an accepted type (or not readable): nothing of it is kept. */
  REJECTED = 'REJECTED',
  /** Removed by retention (or as an upload never attached); the row stays as the record. */
  DELETED = 'DELETED',
}

/**
 * One uploaded file, from its first tus byte to its deletion. The id is the tus upload id (the client
 * knows it from the upload URL). Location from EXIF is kept here as structured data and never in the
 * served file; only roles allowed by attachment.policy.ts read it.
 */
@Entity({ tableName: 'media_file' })
@Index({ name: 'media_file_uploaded_by_idx', properties: ['uploadedBy', 'createdAt'] })
export class MediaFile extends BaseEntity<
  'status' | 'mimeType' | 'size' | 'width' | 'height' | 'objectKey' | 'thumbnailKey' | 'sha256' | 'latitude' | 'longitude' | 'altitude' | 'takenAt' | 'rejectReason' | 'completedAt' | 'deletedAt'
> {
  @Enum({ items: () => MediaFileStatus, nativeEnumName: 'media_file_status' })
  status: MediaFileStatus = MediaFileStatus.UPLOADING;

  /** Keycloak subject of the uploader. */
  @Property({ type: 'text' })
  uploadedBy: string;

  /** The uploader's area when uploading (attachment policy: an upload not yet attached is the uploader's only). */
  @Property({ type: 'text' })
  uploaderAreaCode: string;

  /** The name the client gave (metadata `filename`), for downloads; never trusted for the type. */
  @Property({ type: 'text' })
  fileName: string;

  /** Upload-Length the client declared. */
  @Property({ type: 'bigint', columnType: 'bigint' })
  declaredSize: number;

  /** The type found by content (magic bytes), e.g. image/jpeg; null until checked. */
  @Property({ type: 'text', nullable: true })
  mimeType: string | null = null;

  /** Bytes of the served (cleaned) file. */
  @Property({ type: 'bigint', columnType: 'bigint', nullable: true })
  size: number | null = null;

  @Property({ type: 'integer', nullable: true })
  width: number | null = null;

  @Property({ type: 'integer', nullable: true })
  height: number | null = null;

  /** Object key (relative to the storage prefix) of the served file, and of its thumbnail (images). */
  @Property({ type: 'text', nullable: true })
  objectKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  thumbnailKey: string | null = null;

  /** sha256 of the served file, hex. */
  @Property({ type: 'text', nullable: true })
  sha256: string | null = null;

  /** EXIF GPS, WGS 84 degrees, and when the photo was taken (camera clock, as EXIF says). */
  @Property({ type: 'double', nullable: true })
  latitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  longitude: number | null = null;

  @Property({ type: 'double', nullable: true })
  altitude: number | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  takenAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  rejectReason: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null = null;
}

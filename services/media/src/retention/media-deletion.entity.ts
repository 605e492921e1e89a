import { Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '@lianxin/db';

export enum DeletionReason {
  /** The owner (a closed case) is past its county's retention period. */
  RETENTION = 'RETENTION',
  /** Uploaded but never attached within MEDIA_UNATTACHED_DAYS. */
  UNATTACHED = 'UNATTACHED',
}

/** The record of every deletion of a stored file: what, whose, why, under which rule, when. Never deleted. */
@Entity({ tableName: 'media_deletion' })
@Index({ name: 'media_deletion_deleted_at_idx', properties: ['deletedAt'] })
export class MediaDeletion extends BaseEntity<'ownerType' | 'ownerId'> {
  @Property({ type: 'uuid' })
  fileId: string;

  @Enum({ items: () => DeletionReason, nativeEnumName: 'media_deletion_reason' })
  reason: DeletionReason;

  @Property({ type: 'text', nullable: true })
  ownerType: string | null = null;

  @Property({ type: 'text', nullable: true })
  ownerId: string | null = null;

  @Property({ type: 'text' })
  areaCode: string;

  /** The rule applied: days kept after the case closed (RETENTION) or after upload (UNATTACHED). */
  @Property({ type: 'integer' })
  keptDays: number;

  /** When the clock started: the case's closing, or the upload. */
  @Property({ type: 'timestamptz' })
  since: Date;

  @Property({ type: 'text[]' })
  objectKeys: string[];

  @Property({ type: 'bigint', columnType: 'bigint' })
  bytes: number;

  @Property({ type: 'text' })
  fileName: string;

  @Property({ type: 'text' })
  deletedBy: string;

  @Property({ type: 'timestamptz' })
  deletedAt: Date;
}

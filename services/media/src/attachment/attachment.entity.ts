import { Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { registerEnumType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { OwnerType } from '../owner/owner-type.js';

export enum AttachmentPurpose {
  /** Taken when the owner was reported or recorded (a case report, a hazard, a visit …). */
  REPORT = 'REPORT',
  /** Shows the result (a resolved case, a completed service order). */
  RESOLUTION = 'RESOLUTION',
  OTHER = 'OTHER',
}

registerEnumType(AttachmentPurpose, {
  name: 'AttachmentPurpose',
  description: 'Why a file is attached. 附件用途',
  valuesMap: {
    REPORT: { description: 'Taken when reporting or recording. 上报/记录时的照片' },
    RESOLUTION: { description: 'Shows the result. 办结/完成照片' },
    OTHER: { description: 'Anything else. 其他' },
  },
});

export enum AttachmentState {
  /** Visible to the owner's readers. */
  ATTACHED = 'ATTACHED',
  /**
   * Attached before media heard of the owner (an offline report: the photo was uploaded, the case
   * created and the attach sent before the case's event arrived). Becomes ATTACHED when the owner's
   * event shows the attacher may attach to it, REFUSED otherwise; shown to the attacher only meanwhile.
   */
  PENDING_OWNER = 'PENDING_OWNER',
  REFUSED = 'REFUSED',
}

/** A file attached to one owner. A file belongs to one owner only, so attaching it again changes nothing. */
@Entity({ tableName: 'media_attachment' })
@Unique({ name: 'media_attachment_file_id_key', properties: ['fileId'] })
@Index({ name: 'media_attachment_owner_idx', properties: ['ownerType', 'ownerId', 'state'] })
export class Attachment extends BaseEntity<'attacherDepartmentCode' | 'refusedReason'> {
  @Property({ type: 'uuid' })
  fileId: string;

  @Enum({ items: () => OwnerType, nativeEnumName: 'media_owner_type' })
  ownerType: OwnerType;

  @Property({ type: 'text' })
  ownerId: string;

  @Enum({ items: () => AttachmentPurpose, nativeEnumName: 'media_attachment_purpose' })
  purpose: AttachmentPurpose;

  @Enum({ items: () => AttachmentState, nativeEnumName: 'media_attachment_state' })
  state: AttachmentState;

  /** Who attached it (Keycloak subject), their area and roles then: a pending attach is judged with them. */
  @Property({ type: 'text' })
  attachedBy: string;

  @Property({ type: 'text' })
  attacherAreaCode: string;

  @Property({ type: 'text[]' })
  attacherRoles: string[];

  @Property({ type: 'text', nullable: true })
  attacherDepartmentCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  refusedReason: string | null = null;
}

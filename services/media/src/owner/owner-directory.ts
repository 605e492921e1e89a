import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { Attachment, AttachmentState } from '../attachment/attachment.entity.js';
import { mayAttach, type OwnerFacts } from '../attachment/attachment.policy.js';
import { MediaEvents, type AttachmentAddedData } from '../events/media-events.js';
import { OwnerType } from './owner-type.js';

export interface OwnerUpdate {
  ownerType: OwnerType;
  ownerId: string;
  areaCode: string;
  departmentCode?: string | null;
  /** Who created the owner: only the first event that names one sets it. */
  createdBy?: string | null;
  status?: string | null;
  closedAt?: Date | null;
  occurredAt: Date;
}

const AREA_CODE = /^\d{6,15}$/;
/** Event actors that are not a person's login. */
const NOT_A_USER = new Set(['system', 'anonymous']);

/**
 * Serialises, per owner, an attach and the owner's event (a transaction-scoped advisory lock): without it an
 * attach that reads "owner unknown" while the event's transaction inserts the owner would stay pending for
 * ever (neither transaction sees the other's row). Held until the caller's transaction ends.
 */
export async function lockOwner(em: EntityManager, ownerType: OwnerType, ownerId: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`media-owner:${ownerType}:${ownerId}`]);
}

/**
 * Keeps media_owner from the owning services' events (order-free: the newest event's facts win, the
 * creator is set once) and settles the attachments that were waiting for their owner.
 */
export async function applyOwnerEvent(em: EntityManager, update: OwnerUpdate): Promise<'applied' | 'skipped'> {
  if (!AREA_CODE.test(update.areaCode) || !update.ownerId) return 'skipped';
  const createdBy = update.createdBy && !NOT_A_USER.has(update.createdBy) ? update.createdBy : null;
  await lockOwner(em, update.ownerType, update.ownerId);
  await em.execute(
    `insert into media_owner (owner_type, owner_id, area_code, department_code, created_by, status, closed_at, last_event_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (owner_type, owner_id) do update set
       area_code = case when excluded.last_event_at >= media_owner.last_event_at then excluded.area_code else media_owner.area_code end,
       department_code = case when excluded.last_event_at >= media_owner.last_event_at then excluded.department_code else media_owner.department_code end,
       status = case when excluded.last_event_at >= media_owner.last_event_at then excluded.status else media_owner.status end,
       closed_at = case when excluded.last_event_at >= media_owner.last_event_at then excluded.closed_at else media_owner.closed_at end,
       created_by = coalesce(media_owner.created_by, excluded.created_by),
       last_event_at = greatest(media_owner.last_event_at, excluded.last_event_at)`,
    [
      update.ownerType,
      update.ownerId,
      update.areaCode,
      update.departmentCode ?? null,
      createdBy,
      update.status ?? null,
      update.closedAt ?? null,
      update.occurredAt,
    ],
  );
  await settlePending(em, update.ownerType, update.ownerId);
  return 'applied';
}

/** Pending attachments of an owner now known: attached when their attacher may attach to it, refused otherwise. */
export async function settlePending(em: EntityManager, ownerType: OwnerType, ownerId: string): Promise<void> {
  const pending = await em.find(Attachment, { ownerType, ownerId, state: AttachmentState.PENDING_OWNER });
  if (pending.length === 0) return;
  const [row] = await em.execute<Array<{ area_code: string; department_code: string | null; created_by: string | null }>>(
    'select area_code, department_code, created_by from media_owner where owner_type = ? and owner_id = ?',
    [ownerType, ownerId],
  );
  if (!row) return;
  const owner: OwnerFacts = { ownerType, areaCode: row.area_code, departmentCode: row.department_code, createdBy: row.created_by };
  for (const attachment of pending) {
    const attacher = {
      sub: attachment.attachedBy,
      roles: attachment.attacherRoles as Role[],
      areaCode: attachment.attacherAreaCode,
      departmentCode: attachment.attacherDepartmentCode ?? undefined,
    };
    if (mayAttach(attacher, owner)) {
      attachment.state = AttachmentState.ATTACHED;
      recordEvent<AttachmentAddedData>(em, {
        type: MediaEvents.ATTACHMENT_ADDED,
        areaCode: owner.areaCode,
        actor: attachment.attachedBy,
        data: { attachmentId: attachment.id, fileId: attachment.fileId, ownerType, ownerId, purpose: attachment.purpose },
      });
    } else {
      attachment.state = AttachmentState.REFUSED;
      attachment.refusedReason = `the attacher may not attach to this ${ownerType.toLowerCase()} (area ${owner.areaCode})`;
    }
  }
  await em.flush();
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound } from '@lianxin/graphql';
import type { SignedLink } from '@lianxin/storage';
import { MediaEvents, type AttachmentAddedData } from '../events/media-events.js';
import type { MediaConfig } from '../media-config.js';
import { lockOwner } from '../owner/owner-directory.js';
import { isOwnerId, OwnerType } from '../owner/owner-type.js';
import { InjectMediaConfig, MediaStorage } from '../storage/storage.module.js';
import { MediaFile, MediaFileStatus } from '../upload/media-file.entity.js';
import { Attachment, AttachmentPurpose, AttachmentState } from './attachment.entity.js';
import { mayAttach, mayReadLocation, mayReadOwnerMedia, readableOwnerSql, type OwnerFacts } from './attachment.policy.js';
import type { AttachMediaInput, AttachmentView, PhotoLocation, UploadView } from './attachment.types.js';

interface AttachmentRow {
  id: string;
  file_id: string;
  owner_type: OwnerType;
  owner_id: string;
  purpose: AttachmentPurpose;
  state: AttachmentState;
  attached_by: string;
  created_at: Date;
  status: MediaFileStatus;
  file_name: string;
  mime_type: string | null;
  size: string | number | null;
  width: number | null;
  height: number | null;
  object_key: string | null;
  thumbnail_key: string | null;
  latitude: number | null;
  longitude: number | null;
  altitude: number | null;
  taken_at: Date | null;
  o_area_code: string | null;
  o_department_code: string | null;
  o_created_by: string | null;
}

const SELECT_VIEW = `select a.id, a.file_id, a.owner_type, a.owner_id, a.purpose, a.state, a.attached_by, a.created_at,
    f.status, f.file_name, f.mime_type, f.size, f.width, f.height, f.object_key, f.thumbnail_key,
    f.latitude, f.longitude, f.altitude, f.taken_at,
    o.area_code as o_area_code, o.department_code as o_department_code, o.created_by as o_created_by
  from media_attachment a
  join media_file f on f.id = a.file_id
  left join media_owner o on o.owner_type = a.owner_type and o.owner_id = a.owner_id`;

function toView(row: AttachmentRow): AttachmentView {
  return {
    id: row.id,
    uploadId: row.file_id,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    purpose: row.purpose,
    state: row.state,
    status: row.status,
    fileName: row.file_name,
    mimeType: row.mime_type,
    size: row.size === null ? null : Number(row.size),
    width: row.width,
    height: row.height,
    attachedAt: new Date(row.created_at),
    attachedBy: row.attached_by,
    objectKey: row.object_key,
    thumbnailKey: row.thumbnail_key,
    latitude: row.latitude,
    longitude: row.longitude,
    altitude: row.altitude,
    takenAt: row.taken_at ? new Date(row.taken_at) : null,
    ownerAreaCode: row.o_area_code,
    ownerDepartmentCode: row.o_department_code,
    ownerCreatedBy: row.o_created_by,
  };
}

function ownerOf(view: AttachmentView): OwnerFacts | null {
  return view.ownerAreaCode === null
    ? null
    : { ownerType: view.ownerType, areaCode: view.ownerAreaCode, departmentCode: view.ownerDepartmentCode, createdBy: view.ownerCreatedBy };
}

/**
 * Attaching uploads to owners and reading them back, by the rules of attachment.policy.ts: the scope is
 * part of every read's SQL (readableOwnerSql) and the attach checks the owner media knows from events.
 */
@Injectable()
export class AttachmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly media: MediaStorage,
    @InjectMediaConfig() private readonly config: MediaConfig,
  ) {}

  /**
   * Attaches the caller's finished uploads to an owner. Idempotent: an upload already attached to this
   * owner stays as it is (a retry, or the same offline item sent twice, creates nothing); attached to
   * another owner it is a CONFLICT. An owner media has not heard of yet (its event is on the way) takes
   * the attachment as PENDING_OWNER, settled when the event arrives (owner-directory.ts).
   */
  async attach(user: AuthUser, input: AttachMediaInput): Promise<AttachmentView[]> {
    if (!isOwnerId(input.ownerType, input.ownerId)) throw badUserInput('ownerId', `not an id of a ${input.ownerType.toLowerCase()}`);
    const uploadIds = input.uploadIds.map((id) => id.toLowerCase());
    const purpose = input.purpose ?? AttachmentPurpose.REPORT;
    return this.em.transactional(async (em) => {
      // the owner's event and this attach one after the other (owner-directory.ts), so none stays pending
      await lockOwner(em, input.ownerType, input.ownerId);
      const [owner] = await em.execute<Array<{ area_code: string; department_code: string | null; created_by: string | null }>>(
        'select area_code, department_code, created_by from media_owner where owner_type = ? and owner_id = ?',
        [input.ownerType, input.ownerId],
      );
      const facts: OwnerFacts | null = owner
        ? { ownerType: input.ownerType, areaCode: owner.area_code, departmentCode: owner.department_code, createdBy: owner.created_by }
        : null;
      if (facts && !mayAttach(user, facts)) throw forbidden(`you may not attach files to this ${input.ownerType.toLowerCase()}`);
      const files = await em.find(MediaFile, { id: { $in: uploadIds }, uploadedBy: user.sub });
      const byId = new Map(files.map((file) => [file.id, file]));
      for (const id of uploadIds) {
        const file = byId.get(id);
        if (!file) throw notFound('Upload', id);
        if (file.status === MediaFileStatus.UPLOADING) throw badUserInput('uploadIds', `upload ${id} has not finished`);
        if (file.status !== MediaFileStatus.READY) throw badUserInput('uploadIds', `upload ${id} is ${file.status.toLowerCase()}`);
      }
      const existing = await em.find(Attachment, { fileId: { $in: uploadIds } });
      for (const attachment of existing) {
        if (attachment.ownerType !== input.ownerType || attachment.ownerId !== input.ownerId) {
          throw conflict(`upload ${attachment.fileId} is attached to another ${attachment.ownerType.toLowerCase()}`);
        }
      }
      const attached = new Set(existing.map((attachment) => attachment.fileId));
      const state = facts ? AttachmentState.ATTACHED : AttachmentState.PENDING_OWNER;
      for (const fileId of uploadIds) {
        if (attached.has(fileId)) continue;
        const attachment = em.create(Attachment, {
          fileId,
          ownerType: input.ownerType,
          ownerId: input.ownerId,
          purpose,
          state,
          attachedBy: user.sub,
          attacherAreaCode: user.areaCode,
          attacherRoles: [...user.roles],
          attacherDepartmentCode: user.departmentCode ?? null,
        });
        if (facts) {
          recordEvent<AttachmentAddedData>(em, {
            type: MediaEvents.ATTACHMENT_ADDED,
            areaCode: facts.areaCode,
            actor: user.sub,
            data: { attachmentId: attachment.id, fileId, ownerType: input.ownerType, ownerId: input.ownerId, purpose },
          });
        }
      }
      // A concurrent attach of the same upload: the unique file_id lets only one in (the other fails and is retried by the client).
      await em.flush();
      const rows = await em.execute<AttachmentRow[]>(`${SELECT_VIEW} where a.file_id in (${uploadIds.map(() => '?').join(', ')})`, uploadIds);
      const views = new Map(rows.map((row) => [row.file_id, toView(row)]));
      return uploadIds.map((id) => views.get(id)!);
    });
  }

  /**
   * The attachments of owners the caller may read (ATTACHED ones), plus their own pending ones; one
   * statement for many owners (DataLoader). Owners the caller may not read give an empty list.
   */
  async ofOwners(user: AuthUser, ownerType: OwnerType, ownerIds: readonly string[]): Promise<Map<string, AttachmentView[]>> {
    const result = new Map<string, AttachmentView[]>(ownerIds.map((id) => [id, []]));
    const ids = ownerIds.filter((id) => isOwnerId(ownerType, id));
    if (ids.length === 0) return result;
    const readable = readableOwnerSql(user);
    const rows = await this.em.execute<AttachmentRow[]>(
      `${SELECT_VIEW}
       where a.owner_type = ? and a.owner_id in (${ids.map(() => '?').join(', ')})
         and ((a.state = 'ATTACHED' and o.owner_id is not null and ${readable.sql})
              or (a.state = 'PENDING_OWNER' and a.attached_by = ?))
       order by a.created_at, a.id`,
      [ownerType, ...ids, ...readable.params, user.sub],
    );
    for (const row of rows) {
      const view = toView(row);
      const owner = ownerOf(view);
      // the SQL decided; the policy must agree (a divergence is a bug, never a wider read)
      if (view.state === AttachmentState.ATTACHED && (!owner || !mayReadOwnerMedia(user, owner))) continue;
      result.get(view.ownerId)?.push(view);
    }
    return result;
  }

  /** A signed link to the served file (or its thumbnail), for a reader the attachment was given to. */
  async link(view: AttachmentView, which: 'file' | 'thumbnail'): Promise<SignedLink | null> {
    if (view.status !== MediaFileStatus.READY) return null;
    const key = which === 'file' ? view.objectKey : view.thumbnailKey;
    if (!key) return null;
    return this.media.storage.signedLink(key, {
      expiresInSeconds: this.config.linkSeconds,
      downloadName: which === 'file' ? view.fileName : undefined,
    });
  }

  location(user: AuthUser, view: AttachmentView): PhotoLocation | null {
    if (view.latitude === null || view.longitude === null) return null;
    if (!mayReadLocation(user, ownerOf(view), view.attachedBy)) return null;
    return { latitude: view.latitude, longitude: view.longitude, altitude: view.altitude };
  }

  takenAt(user: AuthUser, view: AttachmentView): Date | null {
    return view.takenAt && mayReadLocation(user, ownerOf(view), view.attachedBy) ? view.takenAt : null;
  }

  async upload(user: AuthUser, id: string): Promise<UploadView | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw badUserInput('id', 'not an upload id');
    const file = await this.em.findOne(MediaFile, { id: id.toLowerCase(), uploadedBy: user.sub });
    if (!file) return null;
    const attached = (await this.em.count(Attachment, { fileId: file.id, state: { $ne: AttachmentState.REFUSED } })) > 0;
    return {
      id: file.id,
      status: file.status,
      fileName: file.fileName,
      declaredSize: Number(file.declaredSize),
      mimeType: file.mimeType,
      rejectReason: file.rejectReason,
      createdAt: file.createdAt,
      attached,
    };
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';
import { applyOwnerEvent } from './owner-directory.js';
import { checkInId, isOwnerId, OwnerType } from './owner-type.js';

/**
 * Where each owner lies, from its own service's events (like people's department_case_person from the
 * cases events). Idempotent and order-free (owner-directory.ts); a new consumer is delivered each whole
 * stream, so an existing installation fills media_owner by itself. What cannot be applied (no id, no
 * area) is skipped with a warning: retrying would not fix it.
 */

/** The part of cases' CaseEventData (services/cases/src/events/case-events.ts) read here. */
interface CaseEventData {
  caseId: string;
  gridCode?: string;
  status?: string;
  assigneeDepartmentCode?: string | null;
}

export const CASE_OWNER_SUBJECT = 'cases.case.*';

@Injectable()
export class CaseOwnersConsumer extends IdempotentConsumer<CaseEventData> {
  readonly name = 'media-case-owners';
  readonly filterSubject = CASE_OWNER_SUBJECT;
  private readonly logger = new Logger(CaseOwnersConsumer.name);

  async handle(envelope: EventEnvelope<CaseEventData>, em: EntityManager): Promise<void> {
    const data = envelope.data ?? ({} as CaseEventData);
    if (!isOwnerId(OwnerType.CASE, data.caseId ?? '')) return void this.logger.warn({ msg: 'case event skipped', eventId: envelope.id, type: envelope.type });
    const occurredAt = new Date(envelope.occurredAt);
    const outcome = await applyOwnerEvent(em, {
      ownerType: OwnerType.CASE,
      ownerId: data.caseId,
      areaCode: data.gridCode ?? envelope.areaCode,
      departmentCode: data.assigneeDepartmentCode ?? null,
      createdBy: envelope.type === 'cases.case.reported' ? envelope.actor : null,
      status: data.status ?? null,
      closedAt: data.status === 'CLOSED' ? occurredAt : null,
      occurredAt,
    });
    if (outcome === 'skipped') this.logger.warn({ msg: 'case event skipped', eventId: envelope.id, type: envelope.type });
  }
}

/** grids.hazard.reported, grids.visit.recorded, grids.patrol.recorded, grids.care.recorded (services/grids/src/events/grid-events.ts). */
interface GridsEventData {
  hazardId?: string;
  visitId?: string;
  patrolId?: string;
  /** grids.care.recorded: the CareRecord. */
  recordId?: string;
  gridCode?: string;
  reportedBy?: string;
  staffUserId?: string | null;
}

export const GRIDS_OWNER_SUBJECT = 'grids.>';

@Injectable()
export class GridOwnersConsumer extends IdempotentConsumer<GridsEventData> {
  readonly name = 'media-grid-owners';
  readonly filterSubject = GRIDS_OWNER_SUBJECT;
  private readonly logger = new Logger(GridOwnersConsumer.name);

  async handle(envelope: EventEnvelope<GridsEventData>, em: EntityManager): Promise<void> {
    const data = envelope.data ?? ({} as GridsEventData);
    const kinds: Record<string, [OwnerType, string | undefined, string | null | undefined]> = {
      'grids.hazard.reported': [OwnerType.HAZARD, data.hazardId, data.reportedBy ?? envelope.actor],
      'grids.visit.recorded': [OwnerType.VISIT, data.visitId, data.staffUserId ?? envelope.actor],
      'grids.patrol.recorded': [OwnerType.PATROL, data.patrolId, data.staffUserId ?? envelope.actor],
      'grids.care.recorded': [OwnerType.CARE_RECORD, data.recordId, data.staffUserId ?? envelope.actor],
    };
    const kind = kinds[envelope.type];
    if (!kind) return; // other grids events say nothing about owners
    const [ownerType, ownerId, createdBy] = kind;
    if (!ownerId || !isOwnerId(ownerType, ownerId)) return void this.logger.warn({ msg: 'grids event skipped', eventId: envelope.id, type: envelope.type });
    const outcome = await applyOwnerEvent(em, {
      ownerType,
      ownerId,
      areaCode: data.gridCode ?? envelope.areaCode,
      createdBy,
      occurredAt: new Date(envelope.occurredAt),
    });
    if (outcome === 'skipped') this.logger.warn({ msg: 'grids event skipped', eventId: envelope.id, type: envelope.type });
  }
}

/** volunteers.order.* and volunteers.activity.attended (services/volunteers/src/events/volunteer-events.ts). */
interface VolunteersEventData {
  orderId?: string;
  activityId?: string;
  volunteerId?: string;
  areaCode?: string;
}

export const VOLUNTEERS_OWNER_SUBJECT = 'volunteers.>';

@Injectable()
export class VolunteerOwnersConsumer extends IdempotentConsumer<VolunteersEventData> {
  readonly name = 'media-volunteer-owners';
  readonly filterSubject = VOLUNTEERS_OWNER_SUBJECT;
  private readonly logger = new Logger(VolunteerOwnersConsumer.name);

  async handle(envelope: EventEnvelope<VolunteersEventData>, em: EntityManager): Promise<void> {
    const data = envelope.data ?? ({} as VolunteersEventData);
    let ownerType: OwnerType;
    let ownerId: string | undefined;
    if (envelope.type.startsWith('volunteers.order.')) {
      ownerType = OwnerType.SERVICE_ORDER;
      ownerId = data.orderId;
    } else if (envelope.type === 'volunteers.activity.attended') {
      ownerType = OwnerType.ACTIVITY_CHECK_IN;
      ownerId = data.activityId && data.volunteerId ? checkInId(data.activityId, data.volunteerId) : undefined;
    } else {
      return;
    }
    if (!ownerId || !isOwnerId(ownerType, ownerId)) return void this.logger.warn({ msg: 'volunteers event skipped', eventId: envelope.id, type: envelope.type });
    const outcome = await applyOwnerEvent(em, {
      ownerType,
      ownerId,
      areaCode: data.areaCode ?? envelope.areaCode,
      createdBy: envelope.type === 'volunteers.order.published' || ownerType === OwnerType.ACTIVITY_CHECK_IN ? envelope.actor : null,
      occurredAt: new Date(envelope.occurredAt),
    });
    if (outcome === 'skipped') this.logger.warn({ msg: 'volunteers event skipped', eventId: envelope.id, type: envelope.type });
  }
}

export const OWNER_CONSUMERS = [CaseOwnersConsumer, GridOwnersConsumer, VolunteerOwnersConsumer];

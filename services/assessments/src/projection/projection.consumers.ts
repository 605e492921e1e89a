import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';
import { chinaDay } from '../common/calendar.js';
import { CONSUMED_SUBJECTS, type CareOverdueData, type CaseEventData, type VisitRecordedData } from '../events/consumed-events.js';
import { CARE_OVERDUE_SCHEMAS, CASE_EVENT_SCHEMAS, VISIT_RECORDED_SCHEMAS } from '../events/consumed-schemas.js';
import { applyCaseEvent } from './case-activity.js';
import { addActivity, addSatisfaction, loadCaseState, saveCaseState } from './projection-store.js';

const GRID_CODE = /^\d{15}$/;

/** grids.visit.recorded → one visit for the staff member's user id, in the grid, on the Beijing day of the visit. */
@Injectable()
export class VisitRecordedConsumer extends IdempotentConsumer<VisitRecordedData> {
  readonly name = 'assessments-grid-visits';
  readonly filterSubject = CONSUMED_SUBJECTS.VISIT_RECORDED;
  override readonly schemas = VISIT_RECORDED_SCHEMAS;
  private readonly logger = new Logger(VisitRecordedConsumer.name);

  async handle(envelope: EventEnvelope<VisitRecordedData>, em: EntityManager): Promise<void> {
    const visit = envelope.data;
    const visitedAt = new Date(visit?.visitedAt ?? envelope.occurredAt);
    if (!visit || !GRID_CODE.test(visit.gridCode ?? '') || Number.isNaN(visitedAt.getTime())) {
      // Retrying cannot fix a malformed event; it would only hold up the ones behind it.
      this.logger.warn({ msg: 'visit event skipped: malformed', eventId: envelope.id });
      return;
    }
    if (!visit.staffUserId) {
      // Staff without an account are not assessed on the platform: nothing to attribute the visit to.
      this.logger.debug({ msg: 'visit event skipped: staff member has no user id', eventId: envelope.id, staffId: visit.staffId });
      return;
    }
    await addActivity(em, [{ userId: visit.staffUserId, gridCode: visit.gridCode, day: chinaDay(visitedAt), visits: 1, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0 }]);
  }
}

/** cases.case.* → cases found and closed per staff member, and the grid's satisfaction (see case-activity.ts). */
@Injectable()
export class CaseActivityConsumer extends IdempotentConsumer<CaseEventData> {
  readonly name = 'assessments-case-activity';
  readonly filterSubject = CONSUMED_SUBJECTS.CASE_EVENTS;
  override readonly schemas = CASE_EVENT_SCHEMAS;
  private readonly logger = new Logger(CaseActivityConsumer.name);

  async handle(envelope: EventEnvelope<CaseEventData>, em: EntityManager): Promise<void> {
    const data = envelope.data;
    if (!data || typeof data.caseId !== 'string' || !GRID_CODE.test(data.gridCode ?? '')) {
      this.logger.warn({ msg: 'case event skipped: malformed', eventId: envelope.id, type: envelope.type });
      return;
    }
    const previous = await loadCaseState(em, data.caseId);
    const effect = applyCaseEvent(previous, { type: envelope.type, occurredAt: envelope.occurredAt, actor: envelope.actor, data });
    if (!effect.state || (effect.state === previous && effect.activity.length === 0 && effect.satisfaction.length === 0)) return;
    await addActivity(em, effect.activity);
    await addSatisfaction(em, effect.satisfaction);
    await saveCaseState(em, data.caseId, effect.state);
  }
}

/**
 * grids.care.overdue (§8.3) → care slots left undone, charged to the covering worker's user id in the
 * grid on the Beijing day after each slot's last day (when it went overdue). Counts in 四培五考.
 */
@Injectable()
export class CareOverdueConsumer extends IdempotentConsumer<CareOverdueData> {
  readonly name = 'assessments-care-overdue';
  readonly filterSubject = CONSUMED_SUBJECTS.CARE_OVERDUE;
  override readonly schemas = CARE_OVERDUE_SCHEMAS;

  async handle(envelope: EventEnvelope<CareOverdueData>, em: EntityManager): Promise<void> {
    const data = envelope.data;
    if (!data.staffUserId) return; // households nobody covers, or staff without an account: nobody to charge
    const byDay = new Map<string, number>();
    for (const slot of data.slots) {
      const day = chinaDay(new Date(Date.parse(`${slot.dueDate}T00:00:00+08:00`) + 86_400_000));
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    await addActivity(
      em,
      [...byDay].map(([day, careMissed]) => ({ userId: data.staffUserId!, gridCode: data.gridCode, day, visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0, careMissed })),
    );
  }
}

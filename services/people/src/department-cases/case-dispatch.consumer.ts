import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';

/** The part of the cases subgraph's case events (services/cases CaseEventData) this consumer reads. */
export interface CaseEventData {
  caseId: string;
  /** Null when reported anonymously or with no person on file. */
  reporterPersonId: string | null;
  assigneeDepartmentCode?: string | null;
  /** The case's grid (15 digits): which county's department it went to. */
  gridCode?: string;
}

export const CASE_EVENTS_SUBJECT = 'cases.case.*';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEPARTMENT_CODE = /^[A-Z][A-Z0-9_]{1,49}$/;
const GRID_CODE = /^\d{15}$/;

/**
 * Every case event names the case's current department, if any (cases.case.dispatched and every later
 * step): the case's reporter becomes need-to-know for that department, within the case's area (the grid
 * code is kept: department codes repeat across counties). Idempotent (insert … on conflict keeps the row,
 * only filling a grid code an older row lacks) and order-free, so redelivery and a replay of the whole
 * CASES stream are harmless.
 */
@Injectable()
export class CaseDispatchConsumer extends IdempotentConsumer<CaseEventData> {
  readonly name = 'people-department-case-persons';
  readonly filterSubject = CASE_EVENTS_SUBJECT;
  private readonly logger = new Logger(CaseDispatchConsumer.name);

  async handle(envelope: EventEnvelope<CaseEventData>, em: EntityManager): Promise<void> {
    const { caseId, reporterPersonId, assigneeDepartmentCode, gridCode } = envelope.data ?? ({} as CaseEventData);
    if (!assigneeDepartmentCode || !reporterPersonId) return;
    if (!UUID.test(caseId ?? '') || !UUID.test(reporterPersonId) || !DEPARTMENT_CODE.test(assigneeDepartmentCode) || !GRID_CODE.test(gridCode ?? '')) {
      // Retrying cannot fix a malformed event; it would only hold up the ones behind it.
      this.logger.warn({ msg: 'case event skipped', eventId: envelope.id, type: envelope.type });
      return;
    }
    await em.execute(
      `insert into department_case_person (department_code, person_id, case_id, case_grid_code, since) values (?, ?, ?, ?, ?)` +
        ` on conflict (department_code, person_id, case_id) do update set case_grid_code = excluded.case_grid_code` +
        ` where department_case_person.case_grid_code is null`,
      [assigneeDepartmentCode, reporterPersonId, caseId, gridCode, new Date(envelope.occurredAt)],
    );
  }
}

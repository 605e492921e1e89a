import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';
import { CaseClass, CaseSource, ServiceKind } from '../case/case-enums.js';
import { CaseWorkflowService } from '../case/case-workflow.service.js';
import { Case } from '../case/case.entity.js';
import { CASE_REPORT_SUBMITTED_SUBJECT, type CaseReportSubmittedData } from '../events/case-events.js';
import { CASE_REPORT_SUBMITTED_SCHEMAS } from '../events/consumed-schemas.js';

/**
 * grids.case-report.submitted → a case with the id grids named (derived from the reporter and the
 * idempotency key: the id reportCase gives the same key), source GRID_PATROL, reported at the device time.
 * Exactly once: a redelivered event is skipped by its id, and a case with this id already there (the
 * same report sent directly with reportCase, or a replay under a new event id) is left as it is.
 * A report cases cannot take (e.g. an inactive category) fails and ends in the dead-letter stream.
 */
@Injectable()
export class FieldCaseReportConsumer extends IdempotentConsumer<CaseReportSubmittedData> {
  readonly name = 'cases-field-case-reports';
  readonly filterSubject = CASE_REPORT_SUBMITTED_SUBJECT;
  override readonly schemas = CASE_REPORT_SUBMITTED_SCHEMAS;

  constructor(private readonly workflow: CaseWorkflowService) {
    super();
  }

  async handle(envelope: EventEnvelope<CaseReportSubmittedData>, em: EntityManager): Promise<void> {
    const report = envelope.data;
    if (await em.findOne(Case, { id: report.caseId })) return;
    await this.workflow.createCase(
      em,
      { userId: report.reportedBy, roles: ['system'] },
      {
        id: report.caseId,
        title: report.title,
        description: report.description,
        categoryCode: report.categoryCode,
        serviceKind: report.serviceKind as ServiceKind,
        caseClass: report.caseClass as CaseClass,
        source: CaseSource.GRID_PATROL,
        gridCode: report.gridCode,
        reporterPersonId: null,
        reporterUserId: null,
        anonymous: false,
        location: report.location
          ? { longitude: report.location.longitude ?? undefined, latitude: report.location.latitude ?? undefined, address: report.location.address ?? undefined }
          : null,
        attachments: [],
        reportedAt: new Date(report.reportedAt),
      },
    );
  }
}

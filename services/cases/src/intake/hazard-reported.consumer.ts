import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';
import { CaseClass, CaseSource, ServiceKind } from '../case/case-enums.js';
import { CaseWorkflowService } from '../case/case-workflow.service.js';
import { Case } from '../case/case.entity.js';
import { HAZARD_REPORTED_SUBJECT, type HazardReportedData } from '../events/case-events.js';
import { HAZARD_REPORTED_SCHEMAS } from '../events/consumed-schemas.js';

/** Hazard severities of the grids service, mapped to case classes; anything unknown is ORDINARY. */
const CLASS_BY_SEVERITY: Record<string, CaseClass> = {
  LOW: CaseClass.SIMPLE,
  MINOR: CaseClass.SIMPLE,
  MEDIUM: CaseClass.ORDINARY,
  MODERATE: CaseClass.ORDINARY,
  HIGH: CaseClass.MAJOR,
  MAJOR: CaseClass.MAJOR,
  SEVERE: CaseClass.DIFFICULT,
  CRITICAL: CaseClass.DIFFICULT,
};

export function caseClassForSeverity(severity: string | undefined): CaseClass {
  return CLASS_BY_SEVERITY[String(severity ?? '').toUpperCase()] ?? CaseClass.ORDINARY;
}

/**
 * grids.hazard.reported → a case (source HAZARD_EVENT, category SAFETY_HAZARD). Exactly once per
 * hazard: the consumer skips an event id it applied before, and the case's unique hazard id turns a
 * replay under a new event id into a no-op.
 */
@Injectable()
export class HazardReportedConsumer extends IdempotentConsumer<HazardReportedData> {
  readonly name = 'cases-hazard-reported';
  readonly filterSubject = HAZARD_REPORTED_SUBJECT;
  override readonly schemas = HAZARD_REPORTED_SCHEMAS;
  private readonly logger = new Logger(HazardReportedConsumer.name);

  constructor(private readonly workflow: CaseWorkflowService) {
    super();
  }

  async handle(envelope: EventEnvelope<HazardReportedData>, em: EntityManager): Promise<void> {
    const hazard = envelope.data;
    const problem = describeProblem(hazard);
    if (problem) {
      // Retrying cannot fix a malformed event; it would only block the ones behind it.
      this.logger.warn({ msg: 'hazard event skipped', eventId: envelope.id, problem });
      return;
    }
    if (await em.findOne(Case, { hazardId: hazard.hazardId })) return;
    const reportedAt = new Date(hazard.reportedAt);
    await this.workflow.createCase(
      em,
      { userId: hazard.reportedBy || envelope.actor, roles: ['system'] },
      {
        title: (hazard.category ? `安全隐患：${hazard.category}` : '安全隐患').slice(0, 200),
        description: hazard.description,
        categoryCode: 'SAFETY_HAZARD',
        serviceKind: ServiceKind.PREVENTION,
        caseClass: caseClassForSeverity(hazard.severity),
        source: CaseSource.HAZARD_EVENT,
        gridCode: hazard.gridCode,
        reporterPersonId: null,
        reporterUserId: null,
        anonymous: false,
        location: null,
        attachments: [],
        hazardId: hazard.hazardId,
        keyPlaceId: hazard.keyPlaceId ?? null,
        reportedAt: Number.isNaN(reportedAt.getTime()) ? new Date(envelope.occurredAt) : reportedAt,
      },
    );
  }
}

function describeProblem(hazard: Partial<HazardReportedData> | null | undefined): string | null {
  if (!hazard || typeof hazard !== 'object') return 'no data';
  if (typeof hazard.hazardId !== 'string' || hazard.hazardId.length === 0) return 'no hazardId';
  if (typeof hazard.gridCode !== 'string' || !/^\d{15}$/.test(hazard.gridCode)) return `bad gridCode ${hazard.gridCode}`;
  if (typeof hazard.description !== 'string' || hazard.description.trim().length === 0) return 'no description';
  return null;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, IdempotentConsumer } from '@lianxin/events';
import { CASE_VERIFIED_SUBJECT, type CaseVerifiedData } from '../events/volunteer-events.js';
import { CASE_VERIFIED_SCHEMAS } from '../events/consumed-schemas.js';
import { AwardService } from './award.service.js';
import { PointAccountKind, PointSource } from './points-enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * cases.case.verified → civic points for the resident who reported the case. Paid once per case: the
 * consumer skips an event id it applied before, and the posting's idempotency key
 * `case-verified:<caseId>` turns a replay under a new event id (or a case verified again after
 * reopening) into a no-op.
 */
@Injectable()
export class CaseVerifiedConsumer extends IdempotentConsumer<CaseVerifiedData> {
  readonly name = 'volunteers-case-verified';
  readonly filterSubject = CASE_VERIFIED_SUBJECT;
  override readonly schemas = CASE_VERIFIED_SCHEMAS;
  private readonly logger = new Logger(CaseVerifiedConsumer.name);

  constructor(private readonly awards: AwardService) {
    super();
  }

  async handle(envelope: EventEnvelope<CaseVerifiedData>, em: EntityManager): Promise<void> {
    const data = envelope.data;
    const problem = describeProblem(data);
    if (problem) {
      // Retrying cannot fix a malformed event; it would only hold up the ones behind it.
      this.logger.warn({ msg: 'case event skipped', eventId: envelope.id, problem });
      return;
    }
    // Anonymous reports and reports with no person on file earn nobody points.
    if (!data.reporterPersonId) return;
    const occurredAt = new Date(envelope.occurredAt);
    await this.awards.award(em, {
      personId: data.reporterPersonId,
      accountKind: PointAccountKind.CIVIC,
      areaCode: data.gridCode,
      source: PointSource.CASE_REPORTED_CONFIRMED,
      idempotencyKey: `case-verified:${data.caseId}`,
      occurredAt: Number.isNaN(occurredAt.getTime()) ? new Date() : occurredAt,
      actor: envelope.actor,
      memo: `反映问题经网格核实（事项 ${data.caseId}）`,
    });
  }
}

function describeProblem(data: Partial<CaseVerifiedData> | null | undefined): string | null {
  if (!data || typeof data !== 'object') return 'no data';
  if (typeof data.caseId !== 'string' || data.caseId.length === 0) return 'no caseId';
  if (typeof data.gridCode !== 'string' || !/^\d{15}$/.test(data.gridCode)) return `bad gridCode ${data.gridCode}`;
  if (data.reporterPersonId != null && (typeof data.reporterPersonId !== 'string' || !UUID.test(data.reporterPersonId))) return 'bad reporterPersonId';
  return null;
}

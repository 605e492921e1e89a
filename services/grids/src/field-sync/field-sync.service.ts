import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey, idFromIdempotencyKey } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { assertIdempotencyKey, badUserInput, isDatabaseUnavailable, occurredAtOf, validateInputPart } from '@lianxin/graphql';
import { type CaseReportSubmittedData, GridEvents } from '../events/grid-events.js';
import { RecordPatrolInput, RecordVisitInput, ReportHazardInput } from '../field-work/field-work.inputs.js';
import { HazardService } from '../field-work/hazard.service.js';
import { PatrolService } from '../field-work/patrol.service.js';
import { VisitService } from '../field-work/visit.service.js';
import { FieldCaseReportInput, type FieldWorkItemInput, type SyncFieldWorkInput } from './field-sync.inputs.js';
import { FieldWorkItemKind, type FieldWorkItemResult, FieldWorkItemStatus, type SyncFieldWorkPayload } from './field-sync.types.js';

const PARTS = ['visit', 'patrol', 'hazard', 'caseReport'] as const;
type Part = (typeof PARTS)[number];
const KIND: Record<Part, FieldWorkItemKind> = {
  visit: FieldWorkItemKind.VISIT,
  patrol: FieldWorkItemKind.PATROL,
  hazard: FieldWorkItemKind.HAZARD,
  caseReport: FieldWorkItemKind.CASE_REPORT,
};

/**
 * syncFieldWork (issue 17): work recorded offline, applied item by item in input order, each in its own
 * transaction through the same idempotent writes as the single mutations (same operation names, so a
 * synced item and a direct mutation with the same key are one write). One bad item is REJECTED with
 * code, field and reason; the others go on. Only a lost database fails the whole call (retry it: every
 * applied item then answers ALREADY_APPLIED).
 *
 * Case reports belong to cases: grids writes `grids.case-report.submitted` in the item's transaction
 * (with the key row) and cases creates the case with the id derived from the caller and key, so the
 * result names the case id at once.
 */
@Injectable()
export class FieldSyncService {
  private readonly logger = new Logger(FieldSyncService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly visits: VisitService,
    private readonly patrols: PatrolService,
    private readonly hazards: HazardService,
  ) {}

  async sync(user: AuthUser, input: SyncFieldWorkInput): Promise<SyncFieldWorkPayload> {
    const results: FieldWorkItemResult[] = [];
    for (const [index, item] of input.items.entries()) results.push(await this.apply(user, item, index));
    const count = (status: FieldWorkItemStatus) => results.filter((result) => result.status === status).length;
    return {
      results,
      created: count(FieldWorkItemStatus.CREATED),
      alreadyApplied: count(FieldWorkItemStatus.ALREADY_APPLIED),
      rejected: count(FieldWorkItemStatus.REJECTED),
    };
  }

  private async apply(user: AuthUser, item: FieldWorkItemInput | null | undefined, index: number): Promise<FieldWorkItemResult> {
    const present = PARTS.filter((part) => item?.[part] !== undefined && item?.[part] !== null);
    if (present.length !== 1) {
      return rejected({ index, kind: null, idempotencyKey: null }, badUserInput(`items.${index}`, 'give exactly one of visit, patrol, hazard, caseReport'), `items.${index}`);
    }
    const part = present[0]!;
    const prefix = `items.${index}.${part}`;
    const raw = item![part] as { idempotencyKey?: unknown };
    const base = { index, kind: KIND[part], idempotencyKey: typeof raw.idempotencyKey === 'string' ? raw.idempotencyKey : null };
    try {
      if (raw.idempotencyKey === undefined || raw.idempotencyKey === null) throw badUserInput('idempotencyKey', 'is required for synced work (one key per item, kept through retries)');
      assertIdempotencyKey(raw.idempotencyKey);
      const done = (replayed: boolean) => (replayed ? FieldWorkItemStatus.ALREADY_APPLIED : FieldWorkItemStatus.CREATED);
      switch (part) {
        case 'visit': {
          const { visit, replayed } = await this.visits.recordOnce(user, await validateInputPart(RecordVisitInput, raw, prefix));
          return { ...base, status: done(replayed), visit };
        }
        case 'patrol': {
          const { patrol, replayed } = await this.patrols.recordOnce(user, await validateInputPart(RecordPatrolInput, raw, prefix));
          return { ...base, status: done(replayed), patrol };
        }
        case 'hazard': {
          const { hazard, replayed } = await this.hazards.reportOnce(user, await validateInputPart(ReportHazardInput, raw, prefix));
          return { ...base, status: done(replayed), hazard };
        }
        case 'caseReport': {
          const { caseId, replayed } = await this.submitCaseReport(user, await validateInputPart(FieldCaseReportInput, raw, prefix));
          return { ...base, status: done(replayed), caseId, case: { id: caseId } };
        }
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      return rejected(base, error, prefix, this.logger);
    }
  }

  /** The case report goes to cases through the outbox; the key row and the event commit together. */
  private async submitCaseReport(user: AuthUser, input: FieldCaseReportInput): Promise<{ caseId: string; replayed: boolean }> {
    assertInScope(user, input.gridCode, 'grid');
    const key = input.idempotencyKey!;
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ caseId: string }>(em, { caller: user.sub, operation: 'syncFieldWork.caseReport', key, payload: input });
      if (claim.replay) return { caseId: claim.replay.caseId, replayed: true };
      const reportedAt = occurredAtOf(input.occurredAt);
      if ((input.longitude === undefined) !== (input.latitude === undefined)) {
        throw badUserInput(input.longitude === undefined ? 'longitude' : 'latitude', 'give longitude and latitude together');
      }
      // The same id reportCase gives a case sent with this key, so the two paths can never make two cases.
      const caseId = idFromIdempotencyKey(user.sub, 'reportCase', key);
      const hasLocation = input.longitude !== undefined || input.address !== undefined;
      recordEvent<CaseReportSubmittedData>(em, {
        type: GridEvents.CASE_REPORT_SUBMITTED,
        areaCode: input.gridCode,
        actor: user.sub,
        data: {
          caseId,
          idempotencyKey: key,
          reportedBy: user.sub,
          gridCode: input.gridCode,
          title: input.title.trim(),
          description: input.description.trim(),
          categoryCode: input.categoryCode,
          serviceKind: input.serviceKind ?? 'HELP',
          caseClass: input.caseClass ?? 'ORDINARY',
          location: hasLocation ? { longitude: input.longitude ?? null, latitude: input.latitude ?? null, address: input.address?.trim() ?? null } : null,
          reportedAt: reportedAt.toISOString(),
        },
      });
      claim.remember({ caseId });
      return { caseId, replayed: false };
    });
  }
}

function rejected(base: Pick<FieldWorkItemResult, 'index' | 'kind' | 'idempotencyKey'>, error: unknown, prefix: string, logger?: Logger): FieldWorkItemResult {
  if (error instanceof GraphQLError && typeof error.extensions?.code === 'string' && error.extensions.code !== 'INTERNAL_SERVER_ERROR') {
    const field = typeof error.extensions.field === 'string' ? error.extensions.field : null;
    const reason = typeof error.extensions.reason === 'string' ? error.extensions.reason : error.message;
    return {
      ...base,
      status: FieldWorkItemStatus.REJECTED,
      error: { code: error.extensions.code, field: field === null ? null : field.startsWith(prefix) || field.startsWith('items.') ? field : `${prefix}.${field}`, reason },
    };
  }
  if (error instanceof Error && error.name === 'OptimisticLockError') {
    return { ...base, status: FieldWorkItemStatus.REJECTED, error: { code: 'CONFLICT', field: null, reason: 'changed by someone else at the same time; send it again' } };
  }
  logger?.error({ msg: 'sync item failed', index: base.index, kind: base.kind, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return { ...base, status: FieldWorkItemStatus.REJECTED, error: { code: 'INTERNAL_SERVER_ERROR', field: null, reason: 'the item could not be applied; send it again later' } };
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey, idFromIdempotencyKey } from '@lianxin/db';
import { assertIdempotencyKey, badUserInput, isDatabaseUnavailable, occurredAtOf, validateInputPart } from '@lianxin/graphql';
import { RecordPatrolInput, RecordVisitInput, ReportHazardInput } from '../field-work/field-work.inputs.js';
import { HazardService } from '../field-work/hazard.service.js';
import { PatrolService } from '../field-work/patrol.service.js';
import { VisitService } from '../field-work/visit.service.js';
import { CasesClient } from './cases-client.js';
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
 * Case reports belong to cases: grids hands each one to cases' own reportCase at once, with the caller's
 * token and key (cases-client.ts), so the case is made by cases' rules with the id derived from the caller
 * and key, and a report cases refuses is that item's REJECTED result (cases' code, field and reason).
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

  /** cases' reportCase, reached at CASES_GRAPHQL_URL (cases-client.ts). */
  private readonly cases = new CasesClient();

  /** `authorization` is the caller's Authorization header, handed on to cases with case reports. */
  async sync(user: AuthUser, input: SyncFieldWorkInput, authorization: string): Promise<SyncFieldWorkPayload> {
    const results: FieldWorkItemResult[] = [];
    for (const [index, item] of input.items.entries()) results.push(await this.apply(user, item, index, authorization));
    const count = (status: FieldWorkItemStatus) => results.filter((result) => result.status === status).length;
    return {
      results,
      created: count(FieldWorkItemStatus.CREATED),
      alreadyApplied: count(FieldWorkItemStatus.ALREADY_APPLIED),
      rejected: count(FieldWorkItemStatus.REJECTED),
    };
  }

  private async apply(user: AuthUser, item: FieldWorkItemInput | null | undefined, index: number, authorization: string): Promise<FieldWorkItemResult> {
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
          const { caseId, replayed } = await this.submitCaseReport(user, await validateInputPart(FieldCaseReportInput, raw, prefix), authorization);
          return { ...base, status: done(replayed), caseId, case: { id: caseId } };
        }
      }
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error;
      return rejected(base, error, prefix, this.logger);
    }
  }

  /**
   * The case report is made by cases (reportCase with the caller's token and key). A replay answers
   * ALREADY_APPLIED from grids' key row without asking cases again; otherwise cases is asked outside any
   * transaction here (no connection held during the call), and the key row is written once cases made the
   * case — cases' own key makes two concurrent identical items one case, and the second row write here
   * finds the first. A refusal, or cases unreachable, stores nothing here: the item can be sent again.
   */
  private async submitCaseReport(user: AuthUser, input: FieldCaseReportInput, authorization: string): Promise<{ caseId: string; replayed: boolean }> {
    assertInScope(user, input.gridCode, 'grid');
    const key = input.idempotencyKey!;
    const request = { caller: user.sub, operation: 'syncFieldWork.caseReport', key, payload: input };
    const earlier = await this.em.transactional(async (em) => (await claimIdempotencyKey<{ caseId: string }>(em, request)).replay);
    if (earlier) return { caseId: earlier.caseId, replayed: true };
    // Checked here too (an early answer); cases checks it again as the case's reportedAt.
    const occurredAt = input.occurredAt ? occurredAtOf(input.occurredAt) : undefined;
    if ((input.longitude === undefined) !== (input.latitude === undefined)) {
      throw badUserInput(input.longitude === undefined ? 'longitude' : 'latitude', 'give longitude and latitude together');
    }
    const hasLocation = input.longitude !== undefined || input.address !== undefined;
    const { caseId } = await this.cases.reportCase(authorization, {
      title: input.title,
      description: input.description,
      categoryCode: input.categoryCode,
      serviceKind: input.serviceKind ?? 'HELP',
      caseClass: input.caseClass ?? 'ORDINARY',
      // A case found in the field, as the event path made it (any field worker or admin may report so).
      source: 'GRID_PATROL',
      gridCode: input.gridCode,
      ...(hasLocation ? { location: { longitude: input.longitude, latitude: input.latitude, address: input.address } } : {}),
      idempotencyKey: key,
      ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}),
    });
    // The id reportCase derives from the key, so the two paths can never make two cases.
    if (caseId !== idFromIdempotencyKey(user.sub, 'reportCase', key)) this.logger.warn({ msg: 'cases answered another case id than the key derives', caseId });
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ caseId: string }>(em, request);
      if (claim.replay) return { caseId: claim.replay.caseId, replayed: true };
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

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey, prefixPattern } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { badUserInput, occurredAtOf, type Connection, newestFirst, type PageArgs, paginate } from '@lianxin/graphql';
import { GridEvents, type HazardReportedData } from '../events/grid-events.js';
import { Grid } from '../grid/grid.entity.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { StaffService } from '../staff/staff.service.js';
import { Hazard } from './hazard.entity.js';
import type { HazardCategory, HazardSeverity } from './field-work-enums.js';
import type { HazardFilter, ReportHazardInput } from './field-work.inputs.js';
import { KeyPlace } from './key-place.entity.js';

const byReportedAt = newestFirst<Hazard>('reportedAt');

export interface NewHazard {
  gridCode: string;
  keyPlaceId: string | null;
  patrolId: string | null;
  description: string;
  severity: HazardSeverity;
  category: HazardCategory;
  reportedBy: string;
  reportedByName: string;
  reportedAt: Date;
}

@Injectable()
export class HazardService {
  constructor(
    private readonly em: EntityManager,
    private readonly staff: StaffService,
  ) {}

  search(user: AuthUser, filter: HazardFilter | undefined, page: PageArgs): Promise<Connection<Hazard>> {
    return this.page(
      {
        $and: [
          scopeFilter(user, 'gridCode'),
          filter?.areaCode ? { gridCode: { $like: prefixPattern(filter.areaCode) } } : {},
          filter?.severity ? { severity: filter.severity } : {},
          filter?.category ? { category: filter.category } : {},
        ],
      },
      page,
    );
  }

  ofPatrols(user: AuthUser, patrolIds: readonly string[]): Promise<Hazard[]> {
    return this.em.find(Hazard, { $and: [{ patrolId: { $in: [...patrolIds] } }, scopeFilter(user, 'gridCode')] }, { orderBy: { reportedAt: 'asc', id: 'asc' } });
  }

  ofKeyPlace(user: AuthUser, keyPlaceId: string, page: PageArgs): Promise<Connection<Hazard>> {
    return this.page({ $and: [{ keyPlaceId }, scopeFilter(user, 'gridCode')] }, page);
  }

  async report(user: AuthUser, input: ReportHazardInput): Promise<Hazard> {
    return (await this.reportOnce(user, input)).hazard;
  }

  /** Once per idempotency key: a replay returns the first hazard (`replayed`) and writes nothing. */
  async reportOnce(user: AuthUser, input: ReportHazardInput): Promise<{ hazard: Hazard; replayed: boolean }> {
    assertInScope(user, input.gridCode, 'grid');
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ hazardId: string }>(em, { caller: user.sub, operation: 'reportHazard', key: input.idempotencyKey, payload: input });
      if (claim.replay) return { hazard: await em.findOneOrFail(Hazard, { id: claim.replay.hazardId }), replayed: true };
      const reportedAt = occurredAtOf(input.occurredAt);
      if (!(await em.findOne(Grid, { code: input.gridCode }))) throw badUserInput('gridCode', `grid ${input.gridCode} does not exist`);
      if (input.keyPlaceId && !(await em.findOne(KeyPlace, { id: input.keyPlaceId, gridCode: input.gridCode }))) {
        throw badUserInput('keyPlaceId', `no key place with this id in grid ${input.gridCode}`);
      }
      // Named after the staff member reporting it, when there is one; admins report under their user name.
      const reporter = input.staffId
        ? await this.staff.recorder(em, user, input.gridCode, input.staffId)
        : await em.findOne(GridStaff, { userId: user.sub, gridCode: input.gridCode, endedAt: null });
      const hazard = this.create(em, {
        gridCode: input.gridCode,
        keyPlaceId: input.keyPlaceId ?? null,
        patrolId: null,
        description: input.description.trim(),
        severity: input.severity,
        category: input.category,
        reportedBy: user.sub,
        reportedByName: reporter?.name ?? user.username,
        reportedAt,
      });
      claim.remember({ hazardId: hazard.id });
      return { hazard, replayed: false };
    });
  }

  /** Adds the hazard and its `grids.hazard.reported` event to the caller's transaction. */
  create(em: EntityManager, hazard: NewHazard): Hazard {
    const row = em.create(Hazard, hazard);
    recordEvent<HazardReportedData>(em, {
      type: GridEvents.HAZARD_REPORTED,
      areaCode: row.gridCode,
      actor: row.reportedBy,
      data: {
        hazardId: row.id,
        gridCode: row.gridCode,
        ...(row.keyPlaceId ? { keyPlaceId: row.keyPlaceId } : {}),
        description: row.description,
        severity: row.severity,
        category: row.category,
        reportedBy: row.reportedBy,
        reportedAt: row.reportedAt.toISOString(),
      },
    });
    return row;
  }

  private page(where: object, page: PageArgs): Promise<Connection<Hazard>> {
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Hazard, { $and: [where, byReportedAt.after(afterKey)] }, { orderBy: byReportedAt.orderBy, limit }),
      byReportedAt.keyOf,
      () => this.em.count(Hazard, where),
    );
  }
}

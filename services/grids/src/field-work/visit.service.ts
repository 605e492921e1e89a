import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { scopeFilter, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey, prefixPattern } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { type Connection, newestFirst, occurredAtOf, type PageArgs, paginate } from '@lianxin/graphql';
import { whenDone } from '../common/time.js';
import { GridEvents, type VisitRecordedData } from '../events/grid-events.js';
import { CareService } from '../care/care.service.js';
import { StaffService } from '../staff/staff.service.js';
import type { RecordVisitInput, VisitFilter } from './field-work.inputs.js';
import { Visit } from './visit.entity.js';

const byVisitedAt = newestFirst<Visit>('visitedAt');

@Injectable()
export class VisitService {
  constructor(
    private readonly em: EntityManager,
    private readonly staff: StaffService,
    private readonly care: CareService,
  ) {}

  search(user: AuthUser, filter: VisitFilter | undefined, page: PageArgs): Promise<Connection<Visit>> {
    const where = {
      $and: [
        scopeFilter(user, 'gridCode'),
        filter?.areaCode ? { gridCode: { $like: prefixPattern(filter.areaCode) } } : {},
        filter?.householdId ? { householdId: filter.householdId } : {},
        filter?.staffId ? { staffId: filter.staffId } : {},
      ],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Visit, { $and: [where, byVisitedAt.after(afterKey)] }, { orderBy: byVisitedAt.orderBy, limit }),
      byVisitedAt.keyOf,
      () => this.em.count(Visit, where),
    );
  }

  /** The visit belongs to the grid of the staff member who made it. */
  async record(user: AuthUser, input: RecordVisitInput): Promise<Visit> {
    return (await this.recordOnce(user, input)).visit;
  }

  /** Once per idempotency key: a replay returns the first visit (`replayed`) and writes nothing. */
  async recordOnce(user: AuthUser, input: RecordVisitInput): Promise<{ visit: Visit; replayed: boolean }> {
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ visitId: string }>(em, { caller: user.sub, operation: 'recordVisit', key: input.idempotencyKey, payload: input });
      if (claim.replay) return { visit: await em.findOneOrFail(Visit, { id: claim.replay.visitId }), replayed: true };
      const occurredAt = occurredAtOf(input.occurredAt);
      const visitedAt = input.visitedAt ? whenDone(input.visitedAt, 'visitedAt') : occurredAt;
      const staff = await this.staff.recorder(em, user, undefined, input.staffId);
      const visit = em.create(Visit, {
        gridCode: staff.gridCode,
        staffId: staff.id,
        householdId: input.householdId,
        visitedAt,
        findings: input.findings.trim(),
        diary: input.diary?.trim() ?? null,
        recordedBy: user.sub,
      });
      await this.care.fulfilVisit(em, visit); // §8.3: a visit fulfils the week's care visit
      recordEvent<VisitRecordedData>(em, {
        type: GridEvents.VISIT_RECORDED,
        areaCode: visit.gridCode,
        actor: user.sub,
        data: {
          visitId: visit.id,
          gridCode: visit.gridCode,
          staffId: staff.id,
          staffUserId: staff.userId,
          householdId: visit.householdId,
          visitedAt: visitedAt.toISOString(),
        },
      });
      claim.remember({ visitId: visit.id });
      return { visit, replayed: false };
    });
  }
}

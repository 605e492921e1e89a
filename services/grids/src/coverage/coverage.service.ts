import { EntityManager, raw } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, type Connection, forbidden, newestFirst, type PageArgs, paginate } from '@lianxin/graphql';
import { actorId, type Actor } from '../common/access.js';
import { conflictOnDuplicate } from '../common/conflicts.js';
import { GridEvents, type HouseholdAssignedData } from '../events/grid-events.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { COVERAGE_ROLES } from '../staff/staff-role.js';
import { HouseholdAssignment } from './household-assignment.entity.js';
import type { AssignHouseholdInput } from './coverage.inputs.js';
import { coverageBoundsFrom, loadStatusOf, type CoverageBounds, type LoadStatus } from './load-status.js';

const byAssignedAt = newestFirst<HouseholdAssignment>('assignedAt');

@Injectable()
export class CoverageService {
  readonly bounds: CoverageBounds = coverageBoundsFrom();

  constructor(private readonly em: EntityManager) {}

  loadStatus(households: number): LoadStatus {
    return loadStatusOf(households, this.bounds);
  }

  /**
   * Links the household to the worker. A household has one worker at a time: a current link to
   * someone else ends (and stays as history); linking it to the same worker again changes nothing.
   */
  async assign(actor: Actor, input: AssignHouseholdInput): Promise<{ assignment: HouseholdAssignment; previous: HouseholdAssignment | null }> {
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          const staff = await em.findOne(GridStaff, { id: input.staffId, endedAt: null });
          if (!staff) throw badUserInput('staffId', 'no current staff assignment has this id');
          if (actor !== 'system') assertInScope(actor, staff.gridCode, 'grid');
          if (!COVERAGE_ROLES.includes(staff.role)) {
            throw badUserInput('staffId', `a ${staff.role} does not link households; choose a leader, grid worker or liaison`);
          }
          const previous = await em.findOne(HouseholdAssignment, { householdId: input.householdId, endedAt: null });
          if (previous?.staffId === staff.id) return { assignment: previous, previous: null };
          const now = new Date();
          if (previous) {
            if (actor !== 'system' && !previous.gridCode.startsWith(actor.areaCode)) {
              throw forbidden(`the household is linked to a worker of grid ${previous.gridCode}, outside your area`);
            }
            previous.endedAt = now;
            // The unique index allows one current link per household: end the old one before adding the new.
            await em.flush();
          }
          const assignment = em.create(HouseholdAssignment, {
            householdId: input.householdId,
            staffId: staff.id,
            gridCode: staff.gridCode,
            assignedAt: now,
            assignedBy: actorId(actor),
          });
          await em.flush();
          recordEvent<HouseholdAssignedData>(em, {
            type: GridEvents.HOUSEHOLD_ASSIGNED,
            areaCode: staff.gridCode,
            actor: actorId(actor),
            data: {
              householdId: assignment.householdId,
              staffId: staff.id,
              gridCode: staff.gridCode,
              previousStaffId: previous?.staffId ?? null,
              assignedAt: now.toISOString(),
            },
          });
          return { assignment, previous };
        }),
      'the household was linked to another worker at the same moment; try again',
    );
  }

  /** Current households per worker, in one grouped query (for DataLoader). */
  async loadsOf(staffIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.em
      .createQueryBuilder(HouseholdAssignment, 'a')
      .select(['a.staffId', raw('count(*)::int as households')])
      .where({ staffId: { $in: [...staffIds] }, endedAt: null })
      .groupBy('a.staffId')
      .execute<Array<{ staffId: string; households: number }>>('all');
    return new Map(rows.map((row) => [row.staffId, Number(row.households)]));
  }

  /** The worker's current households, newest link first. */
  householdsOf(user: AuthUser, staffId: string, page: PageArgs): Promise<Connection<HouseholdAssignment>> {
    return this.page({ $and: [{ staffId, endedAt: null }, scopeFilter(user, 'gridCode')] }, page);
  }

  /** Who links the household now and before, newest first, as far as the caller's scope reaches. */
  historyOf(user: AuthUser, householdId: string, page: PageArgs): Promise<Connection<HouseholdAssignment>> {
    return this.page({ $and: [{ householdId }, scopeFilter(user, 'gridCode')] }, page);
  }

  private page(where: object, page: PageArgs): Promise<Connection<HouseholdAssignment>> {
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(HouseholdAssignment, { $and: [where, byAssignedAt.after(afterKey)] }, { orderBy: byAssignedAt.orderBy, limit }),
      byAssignedAt.keyOf,
      () => this.em.count(HouseholdAssignment, where),
    );
  }
}

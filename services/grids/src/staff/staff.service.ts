import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, notFound } from '@lianxin/graphql';
import { actorId, type Actor } from '../common/access.js';
import { conflictOnDuplicate } from '../common/conflicts.js';
import { HouseholdAssignment } from '../coverage/household-assignment.entity.js';
import { GridEvents, type StaffAssignedData, type StaffEndedData } from '../events/grid-events.js';
import { Grid } from '../grid/grid.entity.js';
import { MicroGrid } from '../micro-grid/micro-grid.entity.js';
import { GridStaff } from './grid-staff.entity.js';
import { GridStaffRole, MICRO_GRID_ROLES } from './staff-role.js';
import type { AssignStaffInput, EndStaffAssignmentInput } from './staff.inputs.js';

@Injectable()
export class StaffService {
  constructor(private readonly em: EntityManager) {}

  async get(user: AuthUser, id: string): Promise<GridStaff> {
    const staff = await this.em.findOne(GridStaff, { id });
    if (!staff) throw notFound('GridStaff', id);
    assertInScope(user, staff.gridCode, 'grid');
    return staff;
  }

  findVisible(user: AuthUser, ids: readonly string[]): Promise<GridStaff[]> {
    return this.em.find(GridStaff, { $and: [{ id: { $in: [...ids] } }, scopeFilter(user, 'gridCode')] });
  }

  /** Teams of these grids (for DataLoader), current assignments only unless history is asked for. */
  ofGrids(user: AuthUser, gridCodes: readonly string[], includeEnded: boolean): Promise<GridStaff[]> {
    return this.em.find(
      GridStaff,
      { $and: [{ gridCode: { $in: [...gridCodes] } }, scopeFilter(user, 'gridCode'), includeEnded ? {} : { endedAt: null }] },
      { orderBy: { role: 'asc', startedAt: 'asc', id: 'asc' } },
    );
  }

  /** Current liaisons of these micro-grids. */
  liaisonsOf(user: AuthUser, microGridCodes: readonly string[]): Promise<GridStaff[]> {
    return this.em.find(GridStaff, {
      $and: [{ microGridCode: { $in: [...microGridCodes] }, role: GridStaffRole.LIAISON, endedAt: null }, scopeFilter(user, 'gridCode')],
    });
  }

  async assign(actor: Actor, input: AssignStaffInput): Promise<GridStaff> {
    if (actor !== 'system') assertInScope(actor, input.gridCode, 'grid');
    this.checkMicroGridRole(input);
    const duplicate = `${input.name} already holds an assignment as ${input.role} in grid ${input.gridCode}, or the grid has a leader`;
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          if (!(await em.findOne(Grid, { code: input.gridCode }))) throw badUserInput('gridCode', `grid ${input.gridCode} does not exist`);
          if (input.microGridCode && !(await em.findOne(MicroGrid, { code: input.microGridCode }))) {
            throw badUserInput('microGridCode', `micro-grid ${input.microGridCode} does not exist`);
          }
          const current = { gridCode: input.gridCode, endedAt: null };
          if (input.role === GridStaffRole.LEADER && (await em.findOne(GridStaff, { ...current, role: GridStaffRole.LEADER }))) {
            throw conflict(`grid ${input.gridCode} already has a leader; end that assignment first`);
          }
          if (await em.findOne(GridStaff, { ...current, personId: input.personId, role: input.role })) {
            throw conflict(`person ${input.personId} is already ${input.role} in grid ${input.gridCode}`);
          }
          const staff = em.create(GridStaff, {
            gridCode: input.gridCode,
            microGridCode: input.microGridCode ?? null,
            role: input.role,
            personId: input.personId,
            userId: input.userId ?? null,
            name: input.name.trim(),
          });
          await em.flush();
          recordEvent<StaffAssignedData>(em, {
            type: GridEvents.STAFF_ASSIGNED,
            areaCode: staff.gridCode,
            actor: actorId(actor),
            data: {
              staffId: staff.id,
              gridCode: staff.gridCode,
              microGridCode: staff.microGridCode,
              role: staff.role,
              personId: staff.personId,
              userId: staff.userId,
              name: staff.name,
              startedAt: staff.startedAt.toISOString(),
            },
          });
          return staff;
        }),
      duplicate,
    );
  }

  /** Ends an assignment and releases the households the person linked, keeping both as history. */
  async end(user: AuthUser, input: EndStaffAssignmentInput): Promise<{ staff: GridStaff; releasedHouseholds: number }> {
    return this.em.transactional(async (em) => {
      const staff = await em.findOne(GridStaff, { id: input.staffId });
      if (!staff) throw notFound('GridStaff', input.staffId);
      assertInScope(user, staff.gridCode, 'grid');
      if (input.expectedVersion !== undefined && input.expectedVersion !== staff.version) {
        throw conflict(`staff assignment ${staff.id} is at version ${staff.version}, not ${input.expectedVersion}`);
      }
      if (staff.endedAt) throw conflict(`staff assignment ${staff.id} already ended`);
      const endedAt = new Date();
      staff.endedAt = endedAt;
      staff.endReason = input.reason?.trim() ?? null;
      const households = await em.find(HouseholdAssignment, { staffId: staff.id, endedAt: null });
      for (const household of households) household.endedAt = endedAt;
      await em.flush();
      recordEvent<StaffEndedData>(em, {
        type: GridEvents.STAFF_ENDED,
        areaCode: staff.gridCode,
        actor: user.sub,
        data: {
          staffId: staff.id,
          gridCode: staff.gridCode,
          role: staff.role,
          personId: staff.personId,
          endedAt: endedAt.toISOString(),
          releasedHouseholds: households.length,
        },
      });
      return { staff, releasedHouseholds: households.length };
    });
  }

  /**
   * Whose field work is being recorded: the named assignment (which must be current and in the caller's
   * scope), or else the caller's own current assignment in the grid.
   */
  async recorder(em: EntityManager, user: AuthUser, gridCode: string | undefined, staffId: string | undefined): Promise<GridStaff> {
    if (staffId) {
      const staff = await em.findOne(GridStaff, { id: staffId, endedAt: null });
      if (!staff) throw badUserInput('staffId', 'no current staff assignment has this id');
      assertInScope(user, staff.gridCode, 'grid');
      if (gridCode && staff.gridCode !== gridCode) throw badUserInput('staffId', `the staff member works in grid ${staff.gridCode}, not ${gridCode}`);
      return staff;
    }
    const own = await em.find(
      GridStaff,
      { $and: [{ userId: user.sub, endedAt: null }, gridCode ? { gridCode } : {}, scopeFilter(user, 'gridCode')] },
      { orderBy: { startedAt: 'asc' } },
    );
    if (own.length === 0) throw badUserInput('staffId', 'you have no current staff assignment here; name the staff member');
    const grids = new Set(own.map((staff) => staff.gridCode));
    if (grids.size > 1) throw badUserInput('staffId', 'you work in several grids; name the staff assignment');
    return own[0];
  }

  private checkMicroGridRole(input: AssignStaffInput): void {
    if (input.role === GridStaffRole.LIAISON && !input.microGridCode) {
      throw badUserInput('microGridCode', 'a liaison belongs to a micro-grid');
    }
    if (!input.microGridCode) return;
    if (!MICRO_GRID_ROLES.includes(input.role)) {
      throw badUserInput('microGridCode', `only ${MICRO_GRID_ROLES.join(' and ')} belong to a micro-grid`);
    }
    if (!input.microGridCode.startsWith(input.gridCode)) {
      throw badUserInput('microGridCode', `must start with the grid code ${input.gridCode}`);
    }
  }
}

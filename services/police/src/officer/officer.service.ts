import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, type Connection, newestFirst, notFound, type PageArgs, paginate } from '@lianxin/graphql';
import { assertMay, mayManageOfficers } from '../common/police-access.js';
import { assertNotInFuture } from '../common/time.js';
import { PoliceEvents, type OfficerAssignedData, type OfficerUpdatedData } from '../events/police-events.js';
import { CommunityOfficer } from './officer.entity.js';
import type { AssignCommunityOfficerInput, CommunityOfficerFilter } from './officer.inputs.js';

export interface Assignment {
  officer: CommunityOfficer;
  previousOfficer: CommunityOfficer | null;
}

const postings = newestFirst<CommunityOfficer>('assignedFrom');

@Injectable()
export class OfficerService {
  constructor(private readonly em: EntityManager) {}

  /** Postings in the user's area, newest first; only the open ones unless includePast. */
  list(user: AuthUser, page: PageArgs, filter: CommunityOfficerFilter = {}): Promise<Connection<CommunityOfficer>> {
    const where = {
      $and: [scopeFilter(user, 'gridCode'), filter.gridCode ? { gridCode: filter.gridCode } : {}, filter.includePast ? {} : { assignedUntil: null }],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(CommunityOfficer, { $and: [where, postings.after(afterKey)] }, { orderBy: postings.orderBy, limit }),
      postings.keyOf,
      () => this.em.count(CommunityOfficer, where),
    );
  }

  async get(user: AuthUser, id: string): Promise<CommunityOfficer> {
    const [officer] = await this.findInScope(user, [id]);
    if (!officer) throw notFound('CommunityOfficer', id);
    return officer;
  }

  findInScope(user: AuthUser, ids: readonly string[]): Promise<CommunityOfficer[]> {
    return this.em.find(CommunityOfficer, { $and: [{ id: { $in: [...ids] } }, scopeFilter(user, 'gridCode')] });
  }

  /** The open posting of each grid, for many grids in one query (Grid.communityOfficer's DataLoader). */
  activeForGrids(user: AuthUser, gridCodes: readonly string[]): Promise<CommunityOfficer[]> {
    return this.em.find(CommunityOfficer, { $and: [{ gridCode: { $in: [...gridCodes] }, assignedUntil: null }, scopeFilter(user, 'gridCode')] });
  }

  /**
   * Posts the officer to the grid. The same badge number already holding the grid only updates the
   * officer's details; another officer ends the open posting at `assignedFrom` and opens a new one.
   */
  async assign(user: AuthUser | 'system', input: AssignCommunityOfficerInput): Promise<Assignment> {
    if (user !== 'system') {
      assertMay(mayManageOfficers(user), 'assign community officers');
      assertInScope(user, input.gridCode, 'grid');
    }
    const actor = user === 'system' ? 'system' : user.sub;
    const assignedFrom = input.assignedFrom ?? new Date();
    assertNotInFuture('assignedFrom', assignedFrom);
    if (input.expectedVersion !== undefined && input.expectedOfficerId === undefined) {
      throw badUserInput('expectedVersion', 'needs expectedOfficerId: each posting counts its own versions');
    }
    const details = { name: input.name.trim(), phone: input.phone, policeStation: input.policeStation.trim() };
    try {
      return await this.em.transactional(async (em) => {
        const current = await em.findOne(CommunityOfficer, { gridCode: input.gridCode, assignedUntil: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        this.assertCurrentAsRead(input, current);
        if (current?.badgeNumber === input.badgeNumber) return { officer: await this.updateDetails(em, current, details, actor), previousOfficer: null };
        if (current) {
          if (assignedFrom <= current.assignedFrom) {
            throw badUserInput('assignedFrom', `must be after ${current.assignedFrom.toISOString()}, when the current officer took the grid`);
          }
          current.assignedUntil = assignedFrom;
          // Ends the open posting before the new one is inserted: one open posting per grid is a unique index.
          await em.flush();
        }
        const officer = em.create(CommunityOfficer, { ...details, gridCode: input.gridCode, badgeNumber: input.badgeNumber, assignedFrom, assignedBy: actor });
        recordEvent<OfficerAssignedData>(em, {
          type: PoliceEvents.OFFICER_ASSIGNED,
          areaCode: officer.gridCode,
          actor,
          data: {
            officerId: officer.id,
            gridCode: officer.gridCode,
            name: officer.name,
            badgeNumber: officer.badgeNumber,
            policeStation: officer.policeStation,
            assignedFrom: assignedFrom.toISOString(),
            previousOfficerId: current?.id ?? null,
          },
        });
        return { officer, previousOfficer: current };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw conflict(`grid ${input.gridCode} was assigned an officer at the same time; reload and try again`);
      throw error;
    }
  }

  /** Postings count versions from 1 each, so the posting's id guards a reassignment and its version guards the details. */
  private assertCurrentAsRead(input: AssignCommunityOfficerInput, current: CommunityOfficer | null): void {
    if (input.expectedOfficerId === undefined) return;
    if (current?.id !== input.expectedOfficerId) {
      throw conflict(`grid ${input.gridCode} is held by ${current ? `posting ${current.id}` : 'no officer'}, not ${input.expectedOfficerId}`);
    }
    if (input.expectedVersion !== undefined && current.version !== input.expectedVersion) {
      throw conflict(`posting ${current.id} is at version ${current.version}, not ${input.expectedVersion}`);
    }
  }

  private async updateDetails(
    em: EntityManager,
    officer: CommunityOfficer,
    details: Pick<CommunityOfficer, 'name' | 'phone' | 'policeStation'>,
    actor: string,
  ): Promise<CommunityOfficer> {
    if (officer.name === details.name && officer.phone === details.phone && officer.policeStation === details.policeStation) return officer;
    Object.assign(officer, details);
    await em.flush();
    recordEvent<OfficerUpdatedData>(em, {
      type: PoliceEvents.OFFICER_UPDATED,
      areaCode: officer.gridCode,
      actor,
      data: { officerId: officer.id, gridCode: officer.gridCode, name: officer.name, badgeNumber: officer.badgeNumber, policeStation: officer.policeStation, version: officer.version },
    });
    return officer;
  }
}

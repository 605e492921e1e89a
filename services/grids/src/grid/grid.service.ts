import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actorId, type Actor } from '../common/access.js';
import { conflictOnDuplicate } from '../common/conflicts.js';
import { isGridCode, villageCodeOf } from '../common/grid-codes.js';
import { GridEvents, type GridEventData } from '../events/grid-events.js';
import { checkBoundary, type GridBoundary } from './geojson.js';
import { GridStaff } from '../staff/grid-staff.entity.js';
import { Grid } from './grid.entity.js';
import type { CreateGridInput, GridFilter, UpdateGridInput } from './grid.inputs.js';

@Injectable()
export class GridService {
  constructor(private readonly em: EntityManager) {}

  /** One grid in the caller's scope; outside it FORBIDDEN, whether or not it exists. */
  async get(user: AuthUser, code: string): Promise<Grid> {
    if (!isGridCode(code)) throw badUserInput('code', 'must be a 15-digit grid code');
    assertInScope(user, code, 'grid');
    const grid = await this.em.findOne(Grid, { code });
    if (!grid) throw notFound('Grid', code);
    return grid;
  }

  /** Batched lookup for DataLoader: grids outside the caller's scope are left out (null). */
  findVisible(user: AuthUser, codes: readonly string[]): Promise<Grid[]> {
    return this.em.find(Grid, { $and: [{ code: { $in: [...codes] } }, scopeFilter(user, 'code')] });
  }

  /** Grids in the caller's scope, optionally only under an area (any level) and filtered. */
  search(user: AuthUser, filter: GridFilter | undefined, page: PageArgs, underArea?: string): Promise<Connection<Grid>> {
    if (underArea !== undefined && !/^\d+$/.test(underArea)) throw badUserInput('code', 'must be digits');
    const conditions: object[] = [scopeFilter(user, 'code')];
    if (underArea) conditions.push({ code: { $like: prefixPattern(underArea) } });
    if (filter?.villageCode) conditions.push({ villageCode: filter.villageCode });
    if (filter?.kind) conditions.push({ kind: filter.kind });
    return this.page({ $and: conditions }, page);
  }

  /**
   * The grids the caller serves in (Viewer.gridsIServe): a current staff assignment linked to their
   * account, and inside their scope (an assignment outside the token's area shows nothing), by code.
   */
  servedBy(user: AuthUser): Promise<Grid[]> {
    const assigned = this.em.createQueryBuilder(GridStaff, 's').select('s.gridCode').where({ userId: user.sub, endedAt: null });
    return this.em.find(Grid, { $and: [scopeFilter(user, 'code'), { code: { $in: assigned } }] }, { orderBy: { code: 'asc' } });
  }

  async create(actor: Actor, input: CreateGridInput): Promise<Grid> {
    if (actor !== 'system') assertInScope(actor, input.code, 'grid');
    const boundary = this.boundaryOf(input.boundary);
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          if (await em.findOne(Grid, { code: input.code })) throw conflict(`grid ${input.code} already exists`);
          const grid = em.create(Grid, {
            code: input.code,
            name: input.name.trim(),
            kind: input.kind,
            villageCode: villageCodeOf(input.code),
            boundary,
            householdCount: input.householdCount ?? null,
            partyOrganizationId: input.partyOrganizationId ?? null,
          });
          await em.flush();
          recordEvent(em, { type: GridEvents.GRID_CREATED, areaCode: grid.code, actor: actorId(actor), data: this.eventData(grid) });
          return grid;
        }),
      `grid ${input.code} already exists`,
    );
  }

  async update(user: AuthUser, input: UpdateGridInput): Promise<Grid> {
    assertInScope(user, input.code, 'grid');
    return this.em.transactional(async (em) => {
      const grid = await em.findOne(Grid, { code: input.code });
      if (!grid) throw notFound('Grid', input.code);
      if (input.expectedVersion !== grid.version) {
        throw conflict(`grid ${input.code} is at version ${grid.version}, not ${input.expectedVersion}`);
      }
      if (input.name !== undefined && input.name !== null) grid.name = input.name.trim();
      if (input.kind !== undefined && input.kind !== null) grid.kind = input.kind;
      if (input.boundary !== undefined) grid.boundary = this.boundaryOf(input.boundary);
      if (input.householdCount !== undefined) grid.householdCount = input.householdCount;
      if (input.partyOrganizationId !== undefined) grid.partyOrganizationId = input.partyOrganizationId;
      await em.flush();
      recordEvent(em, { type: GridEvents.GRID_UPDATED, areaCode: grid.code, actor: user.sub, data: this.eventData(grid) });
      return grid;
    });
  }

  /** The input was validated already; this keeps only `type` and `coordinates`. */
  private boundaryOf(value: GridBoundary | null | undefined): GridBoundary | null {
    if (value === null || value === undefined) return null;
    const check = checkBoundary(value);
    if (!check.valid) throw badUserInput('boundary', check.reason);
    return check.boundary;
  }

  private page(where: object, page: PageArgs): Promise<Connection<Grid>> {
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Grid, afterKey ? { $and: [where, { code: { $gt: afterKey } }] } : where, { orderBy: { code: 'asc' }, limit }),
      (grid) => grid.code,
      () => this.em.count(Grid, where),
    );
  }

  private eventData(grid: Grid): GridEventData {
    return {
      code: grid.code,
      name: grid.name,
      kind: grid.kind,
      villageCode: grid.villageCode,
      householdCount: grid.householdCount,
      partyOrganizationId: grid.partyOrganizationId,
      version: grid.version,
    };
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, notFound } from '@lianxin/graphql';
import type { Actor } from '../common/access.js';
import { conflictOnDuplicate } from '../common/conflicts.js';
import { gridCodeOf } from '../common/grid-codes.js';
import { Grid } from '../grid/grid.entity.js';
import { MicroGrid } from './micro-grid.entity.js';
import type { CreateMicroGridInput } from './micro-grid.inputs.js';

@Injectable()
export class MicroGridService {
  constructor(private readonly em: EntityManager) {}

  async get(user: AuthUser, code: string): Promise<MicroGrid> {
    assertInScope(user, code, 'micro-grid');
    const microGrid = await this.em.findOne(MicroGrid, { code });
    if (!microGrid) throw notFound('MicroGrid', code);
    return microGrid;
  }

  /** Micro-grids of these grids (for DataLoader), in code order; scope applies in the query. */
  ofGrids(user: AuthUser, gridCodes: readonly string[]): Promise<MicroGrid[]> {
    return this.em.find(MicroGrid, { $and: [{ gridCode: { $in: [...gridCodes] } }, scopeFilter(user, 'code')] }, { orderBy: { code: 'asc' } });
  }

  findVisible(user: AuthUser, codes: readonly string[]): Promise<MicroGrid[]> {
    return this.em.find(MicroGrid, { $and: [{ code: { $in: [...codes] } }, scopeFilter(user, 'code')] });
  }

  async create(actor: Actor, input: CreateMicroGridInput): Promise<MicroGrid> {
    if (actor !== 'system') assertInScope(actor, input.code, 'micro-grid');
    const gridCode = gridCodeOf(input.code);
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          if (!(await em.findOne(Grid, { code: gridCode }))) throw badUserInput('code', `grid ${gridCode} does not exist`);
          if (await em.findOne(MicroGrid, { code: input.code })) throw conflict(`micro-grid ${input.code} already exists`);
          return em.create(MicroGrid, { code: input.code, gridCode, name: input.name.trim() });
        }),
      `micro-grid ${input.code} already exists`,
    );
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { levelOfCode } from '@lianxin/db';
import { assertInScope, isInScope, isOnPathToScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, forbidden, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { actorId, type Actor } from '../common/access.js';
import { conflictOnDuplicate } from '../common/conflicts.js';
import { Grid } from '../grid/grid.entity.js';
import { CoverageLink } from './coverage-link.entity.js';
import type { CreateCoverageLinkInput } from './coverage-link.inputs.js';

@Injectable()
export class CoverageLinkService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The cadres who cover an area. The caller may ask about areas in their scope and on the path
   * above it (who covers my township?), like area names.
   */
  ofArea(user: AuthUser, areaCode: string, page: PageArgs): Promise<Connection<CoverageLink>> {
    if (!levelOfCode(areaCode)) throw badUserInput('areaCode', 'must be an area, grid or micro-grid code');
    if (!isInScope(user, areaCode) && !isOnPathToScope(user, areaCode)) {
      throw forbidden(`area ${areaCode} is outside your area ${user.areaCode}`);
    }
    return this.page({ areaCode }, page);
  }

  /** The areas a cadre covers, as far as the caller's scope reaches. */
  ofCadre(user: AuthUser, cadreUserId: string, page: PageArgs): Promise<Connection<CoverageLink>> {
    return this.page({ $and: [{ cadreUserId }, scopeFilter(user)] }, page);
  }

  async create(actor: Actor, input: CreateCoverageLinkInput): Promise<CoverageLink> {
    if (actor !== 'system') assertInScope(actor, input.areaCode);
    const duplicate = `${input.cadreName} already covers ${input.areaCode}`;
    return conflictOnDuplicate(
      () =>
        this.em.transactional(async (em) => {
          // Grids are ours to check; townships and villages belong to the organizations subgraph.
          if (input.areaCode.length === 15 && !(await em.findOne(Grid, { code: input.areaCode }))) {
            throw badUserInput('areaCode', `grid ${input.areaCode} does not exist`);
          }
          if (await em.findOne(CoverageLink, { areaCode: input.areaCode, cadreUserId: input.cadreUserId })) throw conflict(duplicate);
          return em.create(CoverageLink, {
            areaCode: input.areaCode,
            cadreUserId: input.cadreUserId,
            cadreName: input.cadreName.trim(),
            personId: input.personId ?? null,
            createdBy: actorId(actor),
          });
        }),
      duplicate,
    );
  }

  private page(where: object, page: PageArgs): Promise<Connection<CoverageLink>> {
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(CoverageLink, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (link) => link.id,
      () => this.em.count(CoverageLink, where),
    );
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { findGroupedPages, prefixPattern, type GroupPage } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, type GroupedPageRequest, withoutIdempotencyKey } from '@lianxin/graphql';
import { Area } from '../area/area.entity.js';
import type { OrganizationKind } from './organization-kind.js';
import { Organization } from './organization.entity.js';
import type { CreateOrganizationInput } from './organization.inputs.js';

@Injectable()
export class OrganizationService {
  constructor(private readonly em: EntityManager) {}

  /** One page of the organizations of each area (exactly that code) in the user's scope, in one query for all of them. */
  inAreas(
    user: AuthUser,
    areaCodes: readonly string[],
    kinds: readonly OrganizationKind[] | undefined,
    page: GroupedPageRequest,
  ): Promise<Map<string, GroupPage<Organization>>> {
    const where = { areaCode: { $like: prefixPattern(user.areaCode) }, ...(kinds?.length ? { kind: { $in: [...kinds] } } : {}) };
    return findGroupedPages(this.em, Organization, { groupBy: 'areaCode', orderBy: 'id', groups: areaCodes, where, ...page });
  }

  findInScope(user: AuthUser, ids: readonly string[]): Promise<Organization[]> {
    return this.em.find(Organization, { id: { $in: [...ids] }, areaCode: { $like: prefixPattern(user.areaCode) } });
  }

  async create(user: AuthUser | 'system', input: CreateOrganizationInput): Promise<Organization> {
    if (user !== 'system') assertInScope(user, input.areaCode);
    return this.em.transactional(async (em) => {
      // Grids and micro-grids belong to the grids service; their codes are checked there against the village prefix.
      const areaCode = input.areaCode.slice(0, Math.min(input.areaCode.length, 12));
      if (!(await em.findOne(Area, { code: areaCode }))) throw badUserInput('areaCode', `area ${areaCode} does not exist`);
      if (input.parentId && !(await em.findOne(Organization, { id: input.parentId }))) {
        throw badUserInput('parentId', `organization ${input.parentId} does not exist`);
      }
      return em.create(Organization, { ...withoutIdempotencyKey(input), name: input.name.trim(), parentId: input.parentId ?? null });
    });
  }
}

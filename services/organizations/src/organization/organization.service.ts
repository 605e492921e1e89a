import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { Area } from '../area/area.entity.js';
import type { OrganizationKind } from './organization-kind.js';
import { Organization } from './organization.entity.js';
import type { CreateOrganizationInput } from './organization.inputs.js';

@Injectable()
export class OrganizationService {
  constructor(private readonly em: EntityManager) {}

  /** Organizations of one area (exactly that code) in the user's scope. */
  inArea(user: AuthUser, areaCode: string, kinds: OrganizationKind[] | undefined, page: PageArgs): Promise<Connection<Organization>> {
    const where = {
      $and: [{ areaCode }, { areaCode: { $like: prefixPattern(user.areaCode) } }, ...(kinds?.length ? [{ kind: { $in: kinds } }] : [])],
    };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Organization, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (organization) => organization.id,
      () => this.em.count(Organization, where),
    );
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
      return em.create(Organization, { ...input, name: input.name.trim(), parentId: input.parentId ?? null });
    });
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ancestorCodesOf, findGroupedPages, prefixPattern, type GroupPage } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, notFound, paginate, type Connection, type GroupedPageRequest, type PageArgs, withoutIdempotencyKey } from '@lianxin/graphql';
import { Area } from '../area/area.entity.js';
import { AreaLevel } from '../area/area-level.js';
import { Department } from './department.entity.js';
import type { CreateDepartmentInput } from './department.inputs.js';

@Injectable()
export class DepartmentService {
  constructor(private readonly em: EntityManager) {}

  /** Departments of the counties in or above the user's scope: everyone may see who handles their cases. */
  private visibleWhere(user: AuthUser) {
    return { $or: [{ areaCode: { $like: prefixPattern(user.areaCode) } }, { areaCode: { $in: ancestorCodesOf(user.areaCode) } }] };
  }

  list(user: AuthUser, page: PageArgs): Promise<Connection<Department>> {
    const where = this.visibleWhere(user);
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Department, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (department) => department.id,
      () => this.em.count(Department, where),
    );
  }

  /** One page of the visible departments of each county, in one query for all of them. */
  ofCounties(user: AuthUser, areaCodes: readonly string[], page: GroupedPageRequest): Promise<Map<string, GroupPage<Department>>> {
    return findGroupedPages(this.em, Department, { groupBy: 'areaCode', orderBy: 'id', groups: areaCodes, where: this.visibleWhere(user), ...page });
  }

  async get(user: AuthUser, id: string): Promise<Department> {
    const department = await this.em.findOne(Department, { $and: [{ id }, this.visibleWhere(user)] });
    if (!department) throw notFound('Department', id);
    return department;
  }

  findVisible(user: AuthUser, ids: readonly string[]): Promise<Department[]> {
    return this.em.find(Department, { $and: [{ id: { $in: [...ids] } }, this.visibleWhere(user)] });
  }

  async create(user: AuthUser | 'system', input: CreateDepartmentInput): Promise<Department> {
    if (user !== 'system') assertInScope(user, input.areaCode);
    return this.em.transactional(async (em) => {
      const county = await em.findOne(Area, { code: input.areaCode });
      if (!county || county.level !== AreaLevel.COUNTY) throw badUserInput('areaCode', `${input.areaCode} is not a known county`);
      if (await em.findOne(Department, { areaCode: input.areaCode, code: input.code })) {
        throw conflict(`department ${input.code} already exists in ${input.areaCode}`);
      }
      return em.create(Department, { ...withoutIdempotencyKey(input), name: input.name.trim() });
    });
  }
}

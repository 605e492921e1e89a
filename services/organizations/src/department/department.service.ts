import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ancestorCodesOf, prefixPattern } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, conflict, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
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

  list(user: AuthUser, page: PageArgs, areaCode?: string): Promise<Connection<Department>> {
    const where = areaCode ? { $and: [this.visibleWhere(user), { areaCode }] } : this.visibleWhere(user);
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Department, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (department) => department.id,
      () => this.em.count(Department, where),
    );
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
      return em.create(Department, { ...input, name: input.name.trim() });
    });
  }
}

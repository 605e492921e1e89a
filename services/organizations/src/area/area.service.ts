import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ancestorCodesOf, AREA_CODE_LENGTHS, findGroupedPages, levelOfCode, parentCodeOf, prefixPattern, type GroupPage } from '@lianxin/db';
import { assertInScope, isInScope, isOnPathToScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { badUserInput, conflict, forbidden, notFound, paginate, type Connection, type GroupedPageRequest, type PageArgs } from '@lianxin/graphql';
import { OrganizationEvents, type AreaEventData } from '../events/organization-events.js';
import { AreaLevel } from './area-level.js';
import { Area } from './area.entity.js';
import type { AreaFilter, CreateAreaInput, UpdateAreaInput } from './area.inputs.js';

@Injectable()
export class AreaService {
  constructor(private readonly em: EntityManager) {}

  async get(user: AuthUser, code: string): Promise<Area> {
    const area = await this.em.findOne(Area, { code });
    if (!area) throw notFound('Area', code);
    if (!isInScope(user, code) && !isOnPathToScope(user, code)) {
      throw forbidden(`area ${code} is outside your area ${user.areaCode}`);
    }
    return area;
  }

  /** Batched lookup for DataLoader; areas the user may not see come back as null. */
  async findVisible(user: AuthUser, codes: readonly string[]): Promise<Area[]> {
    const areas = await this.em.find(Area, { code: { $in: [...codes] } });
    return areas.filter((area) => isInScope(user, area.code) || isOnPathToScope(user, area.code));
  }

  /** One page of the visible children of each parent, in one query for all of them. */
  childrenOf(user: AuthUser, parentCodes: readonly string[], page: GroupedPageRequest): Promise<Map<string, GroupPage<Area>>> {
    return findGroupedPages(this.em, Area, { groupBy: 'parentCode', orderBy: 'code', groups: parentCodes, where: this.visibleWhere(user), ...page });
  }

  async ancestors(code: string): Promise<Area[]> {
    const codes = ancestorCodesOf(code);
    if (codes.length === 0) return [];
    return this.em.find(Area, { code: { $in: codes } }, { orderBy: { code: 'asc' } });
  }

  search(user: AuthUser, filter: AreaFilter | undefined, page: PageArgs): Promise<Connection<Area>> {
    const where: Record<string, unknown> = { code: { $like: prefixPattern(user.areaCode) } };
    if (filter?.level) where.level = filter.level;
    if (filter?.nameContains) where.name = { $ilike: `%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(Area, afterKey ? { $and: [where, { code: { $gt: afterKey } }] } : where, { orderBy: { code: 'asc' }, limit }),
      (area) => area.code,
      () => this.em.count(Area, where),
    );
  }

  async create(user: AuthUser | 'system', input: CreateAreaInput): Promise<Area> {
    const level = levelOfCode(input.code) as AreaLevel | undefined;
    if (!level || !(level in AreaLevel)) {
      throw badUserInput('code', `must be ${Object.values(AREA_CODE_LENGTHS).slice(0, 5).join(', ')} digits long`);
    }
    const parentCode = parentCodeOf(input.code) ?? null;
    if (user !== 'system') {
      if (!parentCode) throw forbidden('only the platform creates provinces');
      assertInScope(user, parentCode, 'parent area');
    }
    return this.em.transactional(async (em) => {
      if (parentCode && !(await em.findOne(Area, { code: parentCode }))) {
        throw badUserInput('code', `parent area ${parentCode} does not exist`);
      }
      if (await em.findOne(Area, { code: input.code })) throw conflict(`area ${input.code} already exists`);
      const area = em.create(Area, { code: input.code, name: input.name.trim(), level, parentCode });
      await em.flush();
      recordEvent(em, {
        type: OrganizationEvents.AREA_CREATED,
        areaCode: area.code,
        actor: user === 'system' ? 'system' : user.sub,
        data: this.eventData(area),
      });
      return area;
    });
  }

  async update(user: AuthUser, input: UpdateAreaInput): Promise<Area> {
    assertInScope(user, input.code);
    return this.em.transactional(async (em) => {
      const area = await em.findOne(Area, { code: input.code });
      if (!area) throw notFound('Area', input.code);
      if (input.expectedVersion !== undefined && input.expectedVersion !== area.version) {
        throw conflict(`area ${input.code} is at version ${area.version}, not ${input.expectedVersion}`);
      }
      area.name = input.name.trim();
      await em.flush();
      recordEvent(em, { type: OrganizationEvents.AREA_UPDATED, areaCode: area.code, actor: user.sub, data: this.eventData(area) });
      return area;
    });
  }

  /** Who may see an area: inside the user's subtree, or on the path above it (its name and place only). */
  private visibleWhere(user: AuthUser) {
    return { $or: [{ code: { $like: prefixPattern(user.areaCode) } }, { code: { $in: ancestorCodesOf(user.areaCode) } }] };
  }

  private eventData(area: Area): AreaEventData {
    return { code: area.code, name: area.name, level: area.level, parentCode: area.parentCode, version: area.version };
  }
}

import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { PersonDirectory } from '@lianxin/events';
import { Role, type AuthUser } from '@lianxin/auth';
import { badUserInput, forbidden, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { awaitingCasesWhere } from './awaiting.policy.js';
import { visibleCasesWhere } from './case-access.js';
import { CaseStatus, FINAL_STATUSES, HandlingLevel, OPEN_STATUSES } from './case-enums.js';
import { CaseHistory } from './case-history.entity.js';
import type { CaseFilter } from './case.inputs.js';
import { Case } from './case.entity.js';
import { haversineMetres } from './geo.js';

type Where = Record<string, unknown>;
/** The cursor's stand-in for "no deadline" (the latest date JavaScript can hold). */
const NO_DEADLINE = new Date(8.64e15);
/** Newest report first, or soonest deadline first. */
export type ListOrder = 'reportedAt' | 'dueAt';

/** Reads cases; every query carries the caller's visibility rule, built from the token. */
@Injectable()
export class CaseQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly directory: PersonDirectory,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {}

  async get(user: AuthUser, id: string): Promise<Case> {
    const c = await this.em.findOne(Case, { $and: [{ id }, await this.visible(user)] });
    if (!c) throw notFound('Case', id);
    return c;
  }

  async getByNumber(user: AuthUser, number: string): Promise<Case> {
    const c = await this.em.findOne(Case, { $and: [{ number }, await this.visible(user)] });
    if (!c) throw notFound('Case', number);
    return c;
  }

  /** Batched lookup for DataLoader: one query for every id of a request; invisible cases are left out. */
  async findVisible(user: AuthUser, ids: readonly string[]): Promise<Case[]> {
    return this.em.find(Case, { $and: [{ id: { $in: [...ids] } }, await this.visible(user)] });
  }

  /**
   * Viewer.myCases: the cases the caller entered, owns as the reporting resident (or was merged into),
   * or that name the person linked to their account — newest first, within what they may read.
   */
  async myCases(user: AuthUser, page: PageArgs): Promise<Connection<Case>> {
    const personId = (await this.directory.personOfUser(this.em, user.sub))?.personId ?? null;
    const mine: Where[] = [{ reportedByUserId: user.sub }, { reporterUserId: user.sub }, { coReporterUserIds: { $contains: [user.sub] } }];
    if (personId) mine.push({ reporterPersonId: personId }, { coReporterPersonIds: { $contains: [personId] } });
    return this.page(user, [{ $or: mine }], page, 'reportedAt', personId);
  }

  /** Viewer.awaitingMyAction (awaiting.policy.ts): soonest deadline first, one statement per page. */
  awaitingMyAction(user: AuthUser, page: PageArgs): Promise<Connection<Case>> {
    return this.page(user, [awaitingCasesWhere(user) ?? { id: null }], page, 'dueAt');
  }

  search(user: AuthUser, filter: CaseFilter | undefined, page: PageArgs, order: ListOrder = 'reportedAt'): Promise<Connection<Case>> {
    const conditions: Where[] = [];
    if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
    if (filter?.level) conditions.push({ level: filter.level });
    if (filter?.categoryCode) conditions.push({ categoryCode: filter.categoryCode });
    if (filter?.caseClass) conditions.push({ caseClass: filter.caseClass });
    if (filter?.source) conditions.push({ source: filter.source });
    if (filter?.areaCode) conditions.push({ gridCode: { $like: prefixPattern(filter.areaCode) } });
    if (filter?.overdue !== undefined) conditions.push({ overdue: filter.overdue });
    return this.page(user, conditions, page, order);
  }

  /** Cases of a grid not yet closed, returned or merged (Grid.openCases). */
  openCasesOfGrid(user: AuthUser, gridCode: string, page: PageArgs): Promise<Connection<Case>> {
    return this.page(user, [{ gridCode }, { status: { $in: OPEN_STATUSES } }], page);
  }

  /** Cases a person reported, or whose reports were merged into them (Person.cases). */
  casesOfPerson(user: AuthUser, personId: string, page: PageArgs): Promise<Connection<Case>> {
    return this.page(user, [{ $or: [{ reporterPersonId: personId }, { coReporterPersonIds: { $contains: [personId] } }] }], page);
  }

  /** A department's queue: cases dispatched to it and not yet resolved, in its county (Department.queue). */
  departmentQueue(user: AuthUser, departmentCode: string, departmentAreaCode: string | null, page: PageArgs): Promise<Connection<Case>> {
    const isStaff = user.roles.includes(Role.DEPARTMENT_STAFF);
    const oversees = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.AUDITOR].some((role) => user.roles.includes(role));
    if (!(isStaff && user.departmentCode === departmentCode) && !oversees) {
      throw forbidden(`only staff of ${departmentCode} and county or township admins see its queue`);
    }
    const conditions: Where[] = [
      { assigneeDepartmentCode: departmentCode },
      { level: HandlingLevel.DEPARTMENT },
      { status: { $in: [CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS] } },
    ];
    if (departmentAreaCode) conditions.push({ gridCode: { $like: prefixPattern(departmentAreaCode) } });
    return this.page(user, conditions, page, 'dueAt');
  }

  /** History entries of many cases in one query, oldest first. */
  async historyOf(caseIds: readonly string[]): Promise<Map<string, CaseHistory[]>> {
    const entries = await this.em.find(CaseHistory, { caseId: { $in: [...caseIds] } }, { orderBy: { seq: 'asc' } });
    const byCase = new Map<string, CaseHistory[]>(caseIds.map((id) => [id, []]));
    for (const entry of entries) byCase.get(entry.caseId)?.push(entry);
    return byCase;
  }

  /**
   * Open cases of the same grid and category reported within the configured window before or after
   * this one and within the radius (haversine on the coordinates); cases without coordinates are
   * not compared.
   */
  async likelyDuplicates(user: AuthUser, c: Case): Promise<Case[]> {
    const { longitude, latitude } = c.location;
    if (longitude === null || latitude === null) return [];
    const where = await this.visible(user);
    const windowMs = this.config.duplicateWindowDays * 86_400_000;
    const candidates = await this.em.find(
      Case,
      {
        $and: [
          where,
          { gridCode: c.gridCode, categoryCode: c.categoryCode, id: { $ne: c.id }, status: { $nin: [...FINAL_STATUSES] } },
          { reportedAt: { $gte: new Date(c.reportedAt.getTime() - windowMs), $lte: new Date(c.reportedAt.getTime() + windowMs) } },
          { location: { longitude: { $ne: null }, latitude: { $ne: null } } },
        ],
      },
      { orderBy: { reportedAt: 'desc' }, limit: 200 },
    );
    return candidates
      .map((candidate) => ({ candidate, metres: haversineMetres(c.location, candidate.location as { longitude: number; latitude: number }) }))
      .filter(({ metres }) => metres <= this.config.duplicateRadiusMetres)
      .sort((a, b) => a.metres - b.metres)
      .slice(0, 20)
      .map(({ candidate }) => candidate);
  }

  /** Keyset pages, newest report first (or soonest deadline first for queues). */
  private async page(user: AuthUser, conditions: Where[], page: PageArgs, order: ListOrder = 'reportedAt', linkedPersonId?: string | null): Promise<Connection<Case>> {
    const where = { $and: [await this.visible(user, linkedPersonId), ...conditions] };
    const orderBy = order === 'reportedAt' ? { reportedAt: 'desc', id: 'desc' } : { dueAt: 'asc', id: 'asc' };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Case, afterKey ? { $and: [where, this.after(order, afterKey)] } : where, { orderBy, limit } as never),
      (c) => `${(order === 'reportedAt' ? c.reportedAt : (c.dueAt ?? NO_DEADLINE)).toISOString()}|${c.id}`,
      () => this.em.count(Case, where),
    );
  }

  private after(order: ListOrder, key: string): Where {
    const [iso, id] = key.split('|');
    const at = new Date(iso);
    if (!id || Number.isNaN(at.getTime())) throw badUserInput('after', 'not a cursor returned by this list');
    if (order === 'reportedAt') return { $or: [{ reportedAt: { $lt: at } }, { reportedAt: at, id: { $lt: id } }] };
    // PostgreSQL sorts cases without a deadline last in ascending order; they page by id among themselves.
    if (at.getTime() === NO_DEADLINE.getTime()) return { dueAt: null, id: { $gt: id } };
    return { $or: [{ dueAt: { $gt: at } }, { dueAt: at, id: { $gt: id } }, { dueAt: null }] };
  }

  /** The read rule; a resident's linked person is looked up unless the caller already did. */
  private async visible(user: AuthUser, linkedPersonId?: string | null): Promise<Where> {
    const personId =
      linkedPersonId !== undefined || !user.roles.includes(Role.RESIDENT) ? (linkedPersonId ?? null) : ((await this.directory.personOfUser(this.em, user.sub))?.personId ?? null);
    // No rule for the caller's roles: a condition no row meets.
    return visibleCasesWhere(user, personId) ?? { id: null };
  }
}

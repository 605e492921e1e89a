import { isInScope, Role, type AuthUser } from '@lianxin/auth';
import { CaseAction, CaseSource, HandlingLevel } from './case-enums.js';

/**
 * Who may read and move a case (pure: the SQL form of the read rule is `visibleCasesWhere`).
 * Area roles act on the cases of their area at their own level or below; department staff on cases
 * dispatched to their department in their county; residents on their own cases; auditors only read.
 */
export interface CaseAccessFacts {
  gridCode: string;
  level: HandlingLevel;
  assigneeDepartmentCode: string | null;
  reporterUserId: string | null;
  /** Who entered it (department staff see the cases they entered, e.g. hotline orders). */
  reportedByUserId?: string;
  /** Residents whose reports were merged into this case follow it too. */
  coReporterUserIds?: readonly string[];
}

const has = (user: AuthUser, role: Role) => user.roles.includes(role);
const isGridStaff = (user: AuthUser) => has(user, Role.GRID_WORKER) || has(user, Role.GRID_LEADER);

/** The levels an area admin handles: their own and those below it. */
const ADMIN_LEVELS: ReadonlyArray<[Role, readonly HandlingLevel[]]> = [
  [Role.COUNTY_ADMIN, Object.values(HandlingLevel)],
  [Role.TOWNSHIP_ADMIN, [HandlingLevel.GRID, HandlingLevel.VILLAGE, HandlingLevel.TOWNSHIP]],
  [Role.VILLAGE_ADMIN, [HandlingLevel.GRID, HandlingLevel.VILLAGE]],
];

export function isReporterOf(user: AuthUser, facts: CaseAccessFacts): boolean {
  return has(user, Role.RESIDENT) && (facts.reporterUserId === user.sub || (facts.coReporterUserIds ?? []).includes(user.sub));
}

function isOwnDepartmentCase(user: AuthUser, facts: CaseAccessFacts): boolean {
  return (
    has(user, Role.DEPARTMENT_STAFF) &&
    !!user.departmentCode &&
    facts.assigneeDepartmentCode === user.departmentCode &&
    isInScope(user, facts.gridCode)
  );
}

/** The user may act for this level of handling on this case. */
export function actsAtLevel(user: AuthUser, facts: CaseAccessFacts, level: HandlingLevel): boolean {
  for (const [role, levels] of ADMIN_LEVELS) {
    if (has(user, role) && isInScope(user, facts.gridCode) && levels.includes(level)) return true;
  }
  if (isGridStaff(user) && level === HandlingLevel.GRID && user.areaCode === facts.gridCode) return true;
  return level === HandlingLevel.DEPARTMENT && isOwnDepartmentCase(user, facts);
}

/** May the user take this action on the case? (Whether the status allows it is the state machine's call.) */
export function mayAct(user: AuthUser, facts: CaseAccessFacts, action: CaseAction): boolean {
  switch (action) {
    // The grid worker who took the case reports the outcome back, wherever it was resolved.
    case CaseAction.FEED_BACK:
      return actsAtLevel(user, facts, HandlingLevel.GRID);
    // §8.2 (rating.policy.ts): the reporting resident rates; staff record return visits (their own call).
    case CaseAction.RATE:
      return isReporterOf(user, facts) || actsAtLevel(user, facts, HandlingLevel.GRID);
    // §8.2: a village-level or higher reviewer of the area (rating.policy.ts decides the rest).
    case CaseAction.CLOSE_UNSATISFIED:
      return actsAtLevel(user, facts, HandlingLevel.VILLAGE);
    default:
      return actsAtLevel(user, facts, facts.level);
  }
}

const AREA_READERS: readonly Role[] = [
  Role.COUNTY_ADMIN,
  Role.TOWNSHIP_ADMIN,
  Role.VILLAGE_ADMIN,
  Role.GRID_LEADER,
  Role.GRID_WORKER,
  Role.AUDITOR,
];

function isEnteredByStaff(user: AuthUser, facts: CaseAccessFacts): boolean {
  return has(user, Role.DEPARTMENT_STAFF) && facts.reportedByUserId === user.sub && isInScope(user, facts.gridCode);
}

export function mayRead(user: AuthUser, facts: CaseAccessFacts): boolean {
  if (AREA_READERS.some((role) => has(user, role)) && isInScope(user, facts.gridCode)) return true;
  return isOwnDepartmentCase(user, facts) || isEnteredByStaff(user, facts) || isReporterOf(user, facts);
}

/** Sources each role may report a case from; the hotline and hazard events have their own way in. */
export function reportableSources(user: AuthUser): CaseSource[] {
  const sources = new Set<CaseSource>();
  if (has(user, Role.RESIDENT)) sources.add(CaseSource.RESIDENT);
  if (isGridStaff(user)) [CaseSource.GRID_PATROL, CaseSource.RESIDENT].forEach((source) => sources.add(source));
  if (ADMIN_LEVELS.some(([role]) => has(user, role))) {
    [CaseSource.RESIDENT, CaseSource.GRID_PATROL, CaseSource.DEPARTMENT].forEach((source) => sources.add(source));
  }
  if (has(user, Role.DEPARTMENT_STAFF)) sources.add(CaseSource.DEPARTMENT);
  return [...sources];
}

/** Where the user may report: grid staff in their grid, admins and department staff in their area, residents in their county. */
export function mayReportIn(user: AuthUser, gridCode: string): boolean {
  if (isGridStaff(user) && user.areaCode === gridCode) return true;
  const areaWide = ADMIN_LEVELS.some(([role]) => has(user, role)) || has(user, Role.DEPARTMENT_STAFF);
  if (areaWide && isInScope(user, gridCode)) return true;
  return has(user, Role.RESIDENT) && gridCode.startsWith(user.areaCode.slice(0, 6));
}

/**
 * A MikroORM filter on Case for what the user may read, built from the token (and, for a resident,
 * the person linked to their account: the cases that name them as reporter are theirs too); null when nothing.
 */
export function visibleCasesWhere(user: AuthUser, linkedPersonId: string | null = null): Record<string, unknown> | null {
  const prefix = `${user.areaCode}%`;
  if (!/^\d+$/.test(user.areaCode)) return null;
  const alternatives: Array<Record<string, unknown>> = [];
  if (AREA_READERS.some((role) => has(user, role))) alternatives.push({ gridCode: { $like: prefix } });
  if (has(user, Role.DEPARTMENT_STAFF)) {
    if (user.departmentCode) alternatives.push({ assigneeDepartmentCode: user.departmentCode, gridCode: { $like: prefix } });
    alternatives.push({ reportedByUserId: user.sub, gridCode: { $like: prefix } });
  }
  if (has(user, Role.RESIDENT)) {
    alternatives.push({ reporterUserId: user.sub }, { coReporterUserIds: { $contains: [user.sub] } });
    if (linkedPersonId) alternatives.push({ reporterPersonId: linkedPersonId }, { coReporterPersonIds: { $contains: [linkedPersonId] } });
  }
  if (alternatives.length === 0) return null;
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}
